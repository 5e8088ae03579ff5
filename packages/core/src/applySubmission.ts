import { shownConsentText } from './consentTextHash'
import { isKnown, recordOf } from './isKnown'
import { planVisit } from './planVisit'
import { submissionSchema } from './submissionSchema'
import type {
  ApplySubmissionResult,
  Config,
  ConsentEvent,
  FieldRecord,
  FieldValue,
  PlannedField,
  Profile,
  SubmissionError,
  SubmissionInput,
  VisitPlan,
} from './types'
import { messagesFor, type ValidationCode } from './validationMessages'

export interface ApplySubmissionOptions {
  /** When the form was submitted. Default: now. */
  now?: Date
  /** The locale the form was shown in: messages, and which consent text was shown. Default: the config's first locale. */
  locale?: string
}

/** A JSON Pointer (RFC 6901) into the submission input. */
const pointer = (...segments: string[]): string =>
  segments.map((s) => `/${s.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('')

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Whether the visitor typed or picked anything at all (before validation). */
function hasAnswer(value: unknown): boolean {
  if (value === undefined || value === null) return false
  if (typeof value === 'string') return value.trim() !== ''
  if (typeof value === 'number') return !Number.isNaN(value)
  if (Array.isArray(value)) return value.length > 0
  return true
}

/**
 * Turns the answers to a plan into a new profile, consent events and a submission record.
 * Pure: the input profile is never changed; on errors nothing is applied.
 *
 * Plan with the submitted answers as draft (`planVisit(config, profile, { formId, now, draft:
 * { values, consents } })`), as the form does while the visitor types: then a field revealed by
 * an answer or by a ticked consent is part of the plan. The submission is checked again here:
 * - a value for a field outside the plan, or a consent the plan does not offer: `not-asked`;
 * - a value for a planned field whose purposes are not consented to with the submitted
 *   consents (`consent-missing`) or whose `askIf` fails with the submitted answers
 *   (`condition-unmet`); such a field left empty is simply dropped, never required;
 * - every remaining planned field is validated by `submissionSchema` (required, type, ...);
 * - a consent that is not a boolean: `invalid-consent`. It is never taken as a grant.
 * Error paths are JSON Pointers into the input: `/values/email`, `/consents/sales`.
 *
 * On success each answered field is stored with `collectedAt` and `formId`; an optional field
 * left empty is recorded as declined (a known `always` field left empty keeps its value).
 * Each offered consent gets one event: `granted` only for an explicit `true`, `denied` for
 * anything else, with the purpose version, the locale and SHA-256 of the text shown, and
 * `source: 'form'`.
 */
export function applySubmission(
  config: Config,
  profile: Profile,
  plan: VisitPlan,
  input: SubmissionInput,
  options: ApplySubmissionOptions = {},
): ApplySubmissionResult {
  const now = options.now ?? new Date()
  const locale = options.locale ?? config.locales[0] ?? 'en'
  const messages = messagesFor(locale)
  const errors: SubmissionError[] = []
  const error = (path: string, code: ValidationCode): void => {
    errors.push({ path, code, message: messages[code]({}) })
  }

  const values: unknown = (input as Partial<SubmissionInput> | null)?.values
  const consents: unknown = (input as Partial<SubmissionInput> | null)?.consents ?? {}
  if (!isRecord(values)) error(pointer('values'), 'invalid-type')
  if (!isRecord(consents)) error(pointer('consents'), 'invalid-type')
  if (!isRecord(values) || !isRecord(consents)) return { ok: false, errors }

  const planned = new Map(plan.fields.map((f) => [f.id, f]))
  const offered = new Map(plan.consents.map((c) => [c.purposeId, c]))
  const given = (key: string): unknown => (Object.hasOwn(values, key) ? values[key] : undefined)

  for (const key of Object.keys(values)) {
    if (values[key] !== undefined && !planned.has(key)) error(pointer('values', key), 'not-asked')
  }

  // The plan again, with the submitted answers: which planned fields still apply?
  const draftConsents: Record<string, boolean> = Object.create(null) as Record<string, boolean>
  for (const { purposeId } of plan.consents) {
    if (Object.hasOwn(consents, purposeId) && consents[purposeId] === true) {
      draftConsents[purposeId] = true
    }
  }
  const replanned = planVisit(config, profile, {
    formId: plan.formId,
    now,
    draft: { values: values as Record<string, FieldValue | undefined>, consents: draftConsents },
  })
  const reasons = new Map(replanned.decisions.map((d) => [d.fieldId, d.reason]))
  const applicable: PlannedField[] = []
  for (const item of plan.fields) {
    const reason = reasons.get(item.id)
    const blocked =
      reason === undefined
        ? 'not-asked'
        : reason === 'consent-missing' || reason === 'condition-unmet'
          ? reason
          : undefined
    if (blocked === undefined) applicable.push(item)
    else if (hasAnswer(given(item.id))) error(pointer('values', item.id), blocked)
  }

  const answers: Record<string, unknown> = {}
  for (const { id } of applicable) if (Object.hasOwn(values, id)) answers[id] = values[id]
  const parsed = submissionSchema(config, { ...plan, fields: applicable }, locale).safeParse(
    answers,
  )
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const params = (issue as { params?: { code?: ValidationCode } }).params
      errors.push({
        path: pointer('values', ...issue.path.map(String)),
        code: params?.code ?? 'invalid-type',
        message: issue.message,
      })
    }
  }

  for (const key of Object.keys(consents)) {
    const value = consents[key]
    if (!offered.has(key)) {
      if (value !== undefined) error(pointer('consents', key), 'not-asked')
    } else if (value !== undefined && typeof value !== 'boolean') {
      error(pointer('consents', key), 'invalid-consent')
    }
  }

  if (errors.length > 0 || !parsed.success) return { ok: false, errors }

  const at = now.toISOString()
  const fields: Record<string, FieldRecord> = { ...profile.fields }
  const stored: Record<string, FieldValue> = {}
  const declined: string[] = []
  for (const { id, field, reason } of applicable) {
    const value = parsed.data[id]
    if (value !== undefined) {
      fields[id] = { value, collectedAt: at, formId: plan.formId }
      stored[id] = value
    } else if (!(reason === 'always' && isKnown(field, recordOf(profile, id), now))) {
      fields[id] = { collectedAt: at, formId: plan.formId, declined: true }
      declined.push(id)
    }
  }

  const events: ConsentEvent[] = plan.consents.map(({ purposeId, purpose }) => {
    const shown = shownConsentText(config, purpose, locale)
    return {
      purposeId,
      decision:
        Object.hasOwn(consents, purposeId) && consents[purposeId] === true ? 'granted' : 'denied',
      version: purpose.version,
      at,
      formId: plan.formId,
      locale: shown.locale,
      textHash: shown.hash,
      source: 'form',
    }
  })

  return {
    ok: true,
    profile: { visitorId: profile.visitorId, fields, consents: [...profile.consents, ...events] },
    events,
    submission: {
      formId: plan.formId,
      visitorId: profile.visitorId,
      at,
      locale,
      fieldIds: applicable.map((f) => f.id),
      values: stored,
      declined,
      consents: events,
    },
  }
}
