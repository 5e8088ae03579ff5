import { sql } from 'drizzle-orm'
import type { Config } from '@trickle/core'
import type { TrickleDb } from '../openDatabase'
import { readFunnel, type FunnelRow } from './funnelStore'
import { daysOf, type ReportRange } from './reportRange'

export interface FunnelCounts {
  shown: number
  started: number
  submitted: number
  left: number
}

export interface FunnelField {
  fieldId: string
  /** Times the field was on a shown form. */
  shown: number
  /** Times it was given a non-empty answer. */
  answered: number
  /** Visitors who left with this the last field they touched. */
  lastTouched: number
  /** `lastTouched / started` of the same group, 0..1. */
  dropOff: number
}

export interface FunnelForm {
  formId: string
  totals: FunnelCounts
  /** In the form's order (`always`, then `sequence`). */
  fields: FunnelField[]
  /** Every day of the range, also those without counts. */
  days: Array<{ day: string } & FunnelCounts>
  visits: Array<{ visit: number; fields: FunnelField[] } & FunnelCounts>
  locales: Array<{ locale: string } & FunnelCounts>
}

export interface DoubleOptInRate {
  /** Grants of double opt-in purposes (each sends a confirmation mail). */
  requested: number
  /** Confirmation clicks recorded. */
  confirmed: number
  /** `confirmed / requested`, 0..1 (0 without requests). */
  rate: number
  days: Array<{ day: string; requested: number; confirmed: number }>
}

/** `GET /v1/admin/funnel`: anonymous counts per form, field, day, visit and locale. */
export interface FunnelReport {
  from: string
  to: string
  generatedAt: string
  forms: FunnelForm[]
  doubleOptIn: DoubleOptInRate
}

const ratio = (part: number, whole: number) =>
  whole === 0 ? 0 : Math.round(Math.min(1, part / whole) * 1000) / 1000

function countsOf(rows: readonly FunnelRow[]): FunnelCounts {
  const sum = (metric: string) =>
    rows.filter((row) => row.metric === metric).reduce((total, row) => total + row.count, 0)
  return {
    shown: sum('shown'),
    started: sum('started'),
    submitted: sum('submitted'),
    left: sum('left'),
  }
}

function fieldsOf(order: readonly string[], rows: readonly FunnelRow[]): FunnelField[] {
  const started = countsOf(rows).started
  const ids = [...order]
  for (const row of rows)
    if (row.fieldId !== '' && !ids.includes(row.fieldId)) ids.push(row.fieldId)
  const sum = (id: string, metric: string) =>
    rows
      .filter((row) => row.fieldId === id && row.metric === metric)
      .reduce((total, row) => total + row.count, 0)
  return ids.map((fieldId) => {
    const lastTouched = sum(fieldId, 'left')
    return {
      fieldId,
      shown: sum(fieldId, 'field-shown'),
      answered: sum(fieldId, 'field-answered'),
      lastTouched,
      dropOff: ratio(lastTouched, started),
    }
  })
}

/** The funnel report of a range: every form of the config (or `formId` only). */
export async function funnelReport(
  db: TrickleDb,
  config: Config,
  range: ReportRange & { formId?: string | undefined },
  now: Date,
): Promise<FunnelReport> {
  const rows = await readFunnel(db, range)
  const days = daysOf(range)
  const forms = config.forms
    .filter((form) => range.formId === undefined || form.id === range.formId)
    .map((form): FunnelForm => {
      const own = rows.filter((row) => row.formId === form.id)
      const order = [...form.always, ...form.sequence]
      const visits = [...new Set(own.map((row) => row.visit))].sort((a, b) => a - b)
      const locales = [...new Set(own.map((row) => row.locale))].sort()
      const byDay = new Map<string, FunnelRow[]>()
      for (const row of own) {
        const list = byDay.get(row.day)
        if (list) list.push(row)
        else byDay.set(row.day, [row])
      }
      return {
        formId: form.id,
        totals: countsOf(own),
        fields: fieldsOf(order, own),
        days: days.map((day) => ({ day, ...countsOf(byDay.get(day) ?? []) })),
        visits: visits.map((visit) => {
          const ofVisit = own.filter((row) => row.visit === visit)
          return { visit, ...countsOf(ofVisit), fields: fieldsOf(order, ofVisit) }
        }),
        locales: locales.map((locale) => ({
          locale,
          ...countsOf(own.filter((row) => row.locale === locale)),
        })),
      }
    })
  return {
    from: range.from,
    to: range.to,
    generatedAt: now.toISOString(),
    forms,
    doubleOptIn: await doubleOptInRate(db, config, range),
  }
}

/**
 * Double opt-in from the consent ledger: per day, the grants of purposes with `doubleOptIn`
 * (each starts a confirmation) and the `confirmed` events recorded.
 */
async function doubleOptInRate(
  db: TrickleDb,
  config: Config,
  range: ReportRange,
): Promise<DoubleOptInRate> {
  const purposes = config.purposes
    .filter((purpose) => purpose.doubleOptIn)
    .map((purpose) => purpose.id)
  const days = daysOf(range).map((day) => ({ day, requested: 0, confirmed: 0 }))
  if (purposes.length > 0) {
    const result = (await db.execute(sql`
      select to_char(at at time zone 'UTC', 'YYYY-MM-DD') as day, decision, count(*)::int as n
      from consent_events
      where decision in ('granted', 'confirmed')
        and purpose_id in (${sql.join(
          purposes.map((id) => sql`${id}`),
          sql`, `,
        )})
        and at >= ${new Date(`${range.from}T00:00:00Z`)}
        and at < ${new Date(Date.parse(`${range.to}T00:00:00Z`) + 86_400_000)}
      group by 1, 2`)) as unknown as { rows: { day: string; decision: string; n: number }[] }
    for (const row of result.rows) {
      const entry = days.find((d) => d.day === row.day)
      if (!entry) continue
      if (row.decision === 'granted') entry.requested += Number(row.n)
      else entry.confirmed += Number(row.n)
    }
  }
  const requested = days.reduce((total, d) => total + d.requested, 0)
  const confirmed = days.reduce((total, d) => total + d.confirmed, 0)
  return { requested, confirmed, rate: ratio(confirmed, requested), days }
}
