/**
 * The shape of `GET /v1/report` as the admin page uses it, checked field by field (the
 * response is outside data), and the totals the chart draws.
 */

export interface ReportField {
  fieldId: string
  shown: number
  answered: number
}

export interface ReportConsent {
  purposeId: string
  offered: number
  granted: number
}

export interface ReportVisit {
  visit: number
  submissions: number
  fields: ReportField[]
  consents: ReportConsent[]
}

export interface ReportForm {
  formId: string
  submissions: number
  downloads: { form: number; openGate: number }
  visits: ReportVisit[]
}

export interface Report {
  generatedAt: string
  forms: ReportForm[]
}

type Guard<T> = (value: unknown) => value is T

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)
const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0
const isString = (value: unknown): value is string => typeof value === 'string'

function has<K extends string, T>(
  record: Record<string, unknown>,
  key: K,
  guard: Guard<T>,
): record is Record<string, unknown> & Record<K, T> {
  return guard(record[key])
}

const arrayOf =
  <T>(guard: Guard<T>): Guard<T[]> =>
  (value): value is T[] =>
    Array.isArray(value) && value.every(guard)

const isField: Guard<ReportField> = (value): value is ReportField =>
  isRecord(value) &&
  has(value, 'fieldId', isString) &&
  has(value, 'shown', isCount) &&
  has(value, 'answered', isCount)

const isConsent: Guard<ReportConsent> = (value): value is ReportConsent =>
  isRecord(value) &&
  has(value, 'purposeId', isString) &&
  has(value, 'offered', isCount) &&
  has(value, 'granted', isCount)

const isVisit: Guard<ReportVisit> = (value): value is ReportVisit =>
  isRecord(value) &&
  has(value, 'visit', isCount) &&
  has(value, 'submissions', isCount) &&
  has(value, 'fields', arrayOf(isField)) &&
  has(value, 'consents', arrayOf(isConsent))

const isDownloads = (value: unknown): value is ReportForm['downloads'] =>
  isRecord(value) && has(value, 'form', isCount) && has(value, 'openGate', isCount)

const isForm: Guard<ReportForm> = (value): value is ReportForm =>
  isRecord(value) &&
  has(value, 'formId', isString) &&
  has(value, 'submissions', isCount) &&
  has(value, 'downloads', isDownloads) &&
  has(value, 'visits', arrayOf(isVisit))

/** The report, or null when the server answered with something else. */
export function parseReport(value: unknown): Report | null {
  if (!isRecord(value) || !has(value, 'forms', arrayOf(isForm))) return null
  return {
    generatedAt: typeof value['generatedAt'] === 'string' ? value['generatedAt'] : '',
    forms: value.forms,
  }
}

export interface VisitTotal {
  visit: number
  submissions: number
  shown: number
  answered: number
}

export interface ConsentTotal {
  purposeId: string
  offered: number
  granted: number
}

export interface ReportTotals {
  submissions: number
  openGateDownloads: number
  formDownloads: number
  /** Per visit number over all forms, first visit first. */
  visits: VisitTotal[]
  /** Per purpose over all forms and visits, in first-seen order. */
  consents: ConsentTotal[]
}

/** Adds up the forms of a report (or only `formId`'s) for the chart. */
export function reportTotals(report: Report, formId?: string): ReportTotals {
  const forms =
    formId === undefined ? report.forms : report.forms.filter((f) => f.formId === formId)
  const visits = new Map<number, VisitTotal>()
  const consents = new Map<string, ConsentTotal>()
  let submissions = 0
  let openGateDownloads = 0
  let formDownloads = 0
  for (const form of forms) {
    submissions += form.submissions
    openGateDownloads += form.downloads.openGate
    formDownloads += form.downloads.form
    for (const visit of form.visits) {
      const total = visits.get(visit.visit) ?? {
        visit: visit.visit,
        submissions: 0,
        shown: 0,
        answered: 0,
      }
      total.submissions += visit.submissions
      for (const field of visit.fields) {
        total.shown += field.shown
        total.answered += field.answered
      }
      visits.set(visit.visit, total)
      for (const consent of visit.consents) {
        const sum = consents.get(consent.purposeId) ?? {
          purposeId: consent.purposeId,
          offered: 0,
          granted: 0,
        }
        sum.offered += consent.offered
        sum.granted += consent.granted
        consents.set(consent.purposeId, sum)
      }
    }
  }
  return {
    submissions,
    openGateDownloads,
    formDownloads,
    visits: [...visits.values()].sort((a, b) => a.visit - b.visit),
    consents: [...consents.values()],
  }
}
