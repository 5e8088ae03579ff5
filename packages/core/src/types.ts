import type { Field, Purpose } from './configSchema'

export type {
  Condition,
  Config,
  ConfigInput,
  Field,
  FieldOption,
  FieldType,
  Form,
  LegalBasis,
  Purpose,
  Text,
} from './configSchema'

/** An answer: text-like fields give strings, number fields numbers, checkboxes booleans, multiselects string arrays. */
export type FieldValue = string | number | boolean | string[]

/** What is stored about one field of a visitor. Timestamps are ISO 8601 strings (UTC). */
export interface FieldRecord {
  /** Absent when the value is not kept here (persist policy) or the optional field was declined. */
  value?: FieldValue
  /** When the answer (or the decline) was given. */
  collectedAt: string
  /** The form it was given on. */
  formId: string
  /** The visitor left this optional field empty; it goes to the back of the queue. */
  declined?: boolean
}

export type ConsentDecision = 'granted' | 'denied' | 'withdrawn' | 'confirmed'

/** One entry of the append-only consent ledger (oldest first). */
export interface ConsentEvent {
  purposeId: string
  decision: ConsentDecision
  /** The purpose version the decision was made on. */
  version: number
  /** ISO 8601 timestamp. */
  at: string
  formId?: string
  /** The locale of the text that was shown. */
  locale?: string
  /** SHA-256 (hex) of the exact localized text that was shown. */
  textHash?: string
  /** Which action produced it: 'form', 'consent-manager', 'double-opt-in', 'server'... */
  source?: string
}

export interface Profile {
  visitorId: string
  /** Keyed by validated field ids only. */
  fields: Record<string, FieldRecord>
  consents: ConsentEvent[]
}

/** Answers in progress in the current form. */
export interface Draft {
  values?: Record<string, FieldValue | undefined>
  consents?: Record<string, boolean | undefined>
}

export interface PlanOptions {
  formId: string
  now?: Date
  draft?: Draft
}

export type FieldReason = 'always' | 'unknown' | 'stale'

export type SkipReason = 'known' | 'consent-missing' | 'condition-unmet' | 'limit-reached'

export interface PlannedField {
  id: string
  field: Field
  reason: FieldReason
}

export type ConsentOfferReason = 'none' | 'outdated' | 'expired'

export interface PlannedConsent {
  purposeId: string
  purpose: Purpose
  reason: ConsentOfferReason
}

export interface Decision {
  fieldId: string
  ask: boolean
  reason: FieldReason | SkipReason
}

export interface VisitPlan {
  formId: string
  fields: PlannedField[]
  consents: PlannedConsent[]
  decisions: Decision[]
  /** Nothing new to ask and no consent to offer: an open gate may allow a one-click download. */
  complete: boolean
}

export type ConsentState =
  'not-required' | 'none' | 'granted' | 'pending' | 'denied' | 'withdrawn' | 'outdated' | 'expired'

export interface SubmissionInput {
  values: Record<string, unknown>
  consents?: Record<string, unknown>
}

export interface SubmissionError {
  /** JSON Pointer into the submission input, e.g. "/values/email". */
  path: string
  code: string
  message: string
}
