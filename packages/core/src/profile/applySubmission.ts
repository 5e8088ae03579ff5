import { defaultLocale } from '../defaultLocale'
import type { CompilePattern } from '../config/compilePattern'
import { shownConsentText } from './consentTextHash'
import { isKnown, recordOf } from '../plan/isKnown'
import { toJsonPointer } from '../jsonPointer'
import { isRecord, own } from '../jsonValue'
import { planVisit } from '../plan/planVisit'
import { submissionSchema } from '../plan/submissionSchema'
import type {
  ApplySubmissionResult,
  Config,
  ConsentEvent,
  FieldRecord,
  Draft,
  FieldValue,
  PlannedField,
  Profile,
  SubmissionError,
  SubmissionInput,
} from '../types'
import { validationMessage, type ValidationCode } from '../plan/validationMessages'

export interface ApplySubmissionOptions {
  /** When the form was submitted. Default: now. */
  now?: Date
  /** The locale the form was shown in: messages, and which consent text was shown. Default: the config's first locale. */
  locale?: string
  /** The engine for field patterns (see `CompilePattern`); the server passes a linear-time one. */
  compilePattern?: CompilePattern
}

/** The answers of one form: its id, the values and the consent choices (untrusted). */
export interface SubmissionAnswers extends SubmissionInput {
  formId: string
}

/**
 * Turns the answers to a form into a new profile, consent events and a submission record.
 * Pure: the input profile is never changed; on errors nothing is applied.
 *
 * It plans once, with the submitted answers as draft (`planVisit(config, profile, { formId,
 * now, draft: { values, consents } })`), as the form does while the visitor types: a field
 * revealed by an answer or by a ticked consent is part of the plan. Callers never plan first.
 * - a value (even an empty one) for a field outside the plan, or a consent the plan does not
 *   offer: `not-asked`; `consent-missing` or `condition-unmet` instead when the field is not
 *   asked because the submitted consents or answers do not allow it (a field left out is
 *   never required);
 * - every planned field is validated by `submissionSchema` (required, type, ...);
 * - a consent that is not a boolean: `invalid-consent`. It is never taken as a grant.
 * Error paths are JSON Pointers into the input: `/values/email`, `/consents/sales`.
 * Throws a TypeError for a form id the config does not define (as `planVisit`).
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
  input: SubmissionAnswers,
  options: ApplySubmissionOptions = {},
): ApplySubmissionResult {
  const now = options.now ?? new Date()
  const locale = options.locale ?? defaultLocale(config)
  const errors: SubmissionError[] = []
  const error = (code: ValidationCode, ...path: string[]): void => {
    errors.push({ path: toJsonPointer(path), code, message: validationMessage(code, locale) })
  }

  const values: unknown = (input as Partial<SubmissionInput> | null)?.values
  const consents: unknown = (input as Partial<SubmissionInput> | null)?.consents ?? {}
  if (!isRecord(values)) error('invalid-type', 'values')
  if (!isRecord(consents)) error('invalid-type', 'consents')
  if (!isRecord(values) || !isRecord(consents)) return { ok: false, errors }

  // planVisit reads the draft defensively: only a `true` for an offered purpose counts.
  const plan = planVisit(config, profile, {
    formId: input.formId,
    now,
    draft: { values, consents } as Draft,
  })
  const planned = new Set(plan.fields.map((f) => f.id))
  const reasons = new Map(plan.decisions.map((d) => [d.fieldId, d.reason]))
  for (const [key, value] of Object.entries(values)) {
    if (value === undefined || planned.has(key)) continue
    const reason = reasons.get(key)
    error(
      reason === 'consent-missing' || reason === 'condition-unmet' ? reason : 'not-asked',
      'values',
      key,
    )
  }

  // Every planned id, with its own value only: a field named `toString` left out is empty.
  const applicable: PlannedField[] = plan.fields
  const granted = (purposeId: string): boolean => own(consents, purposeId) === true
  const answers = Object.fromEntries(applicable.map(({ id }) => [id, own(values, id)]))
  const schema = submissionSchema(config, plan, locale, options)
  const parsed = schema.safeParse(answers)
  for (const issue of parsed.error?.issues ?? []) {
    errors.push({
      path: toJsonPointer(['values', ...issue.path.map(String)]),
      code: (issue as { params?: { code?: ValidationCode } }).params?.code ?? 'invalid-type',
      message: issue.message,
    })
  }

  const offered = new Set(plan.consents.map((c) => c.purposeId))
  for (const [key, value] of Object.entries(consents)) {
    if (value === undefined) continue
    if (!offered.has(key)) error('not-asked', 'consents', key)
    else if (typeof value !== 'boolean') error('invalid-consent', 'consents', key)
  }

  if (!parsed.success || errors.length > 0) return { ok: false, errors }

  const at = now.toISOString()
  const { formId } = plan
  const collected = { collectedAt: at, formId }
  const fields: Record<string, FieldRecord> = { ...profile.fields }
  const stored: Record<string, FieldValue> = {}
  const declined: string[] = []
  for (const { id, field, reason } of applicable) {
    const value = parsed.data[id]
    if (value !== undefined) {
      fields[id] = { value, ...collected }
      stored[id] = value
    } else if (!(reason === 'always' && isKnown(field, recordOf(profile, id), now))) {
      fields[id] = { ...collected, declined: true }
      declined.push(id)
    }
  }

  const events: ConsentEvent[] = plan.consents.map(({ purposeId, purpose }) => {
    const shown = shownConsentText(config, purpose, locale)
    return {
      purposeId,
      decision: granted(purposeId) ? 'granted' : 'denied',
      version: purpose.version,
      at,
      formId,
      locale: shown.locale,
      textHash: shown.hash,
      source: 'form',
    }
  })

  return {
    ok: true,
    plan,
    profile: { visitorId: profile.visitorId, fields, consents: [...profile.consents, ...events] },
    events,
    submission: {
      formId,
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
