import type { Field, Purpose } from './config/configSchema'

export type {
  Condition,
  Config,
  ConfigInput,
  Destination,
  DestinationEventKind,
  Field,
  FieldOption,
  FieldType,
  Form,
  HubspotDestination,
  LegalBasis,
  Purpose,
  Text,
  WebhookDestination,
} from './config/configSchema'

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

/** The result of a successful `applySubmission`: what one form submission changed. */
export interface Submission {
  formId: string
  visitorId: string
  /** ISO 8601 timestamp. */
  at: string
  locale: string
  /** The field ids of the plan that was answered, in plan order. */
  fieldIds: string[]
  /** The cleaned values that were stored (trimmed, typed). */
  values: Record<string, FieldValue>
  /** Optional fields left empty. */
  declined: string[]
  /** One event per offered consent, in offer order. */
  consents: ConsentEvent[]
}

export type ApplySubmissionResult =
  | {
      ok: true
      profile: Profile
      events: ConsentEvent[]
      submission: Submission
      /** The plan the answers were checked against (planned with them as draft). */
      plan: VisitPlan
    }
  | { ok: false; errors: SubmissionError[] }

// ---------------------------------------------------------------------------------------------
// Runtime (createTrickle)

/** `known` (default): only which fields are known and when, consents, and values askIf needs.
 *  `values`: all non-sensitive values. `none`: kiosk mode, nothing kept, reset after each submit. */
export type PersistPolicy = 'known' | 'values' | 'none'

/** Where the runtime keeps its envelope. Synchronous, like localStorage. */
export interface TrickleStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
  /** Calls back when another tab or store changed the key; returns an unsubscribe. */
  subscribe?(key: string, listener: () => void): () => void
}

/** What a transport receives for one submission. */
export interface TransportRequest {
  formId: string
  visitorId: string
  /** The same key on every retry of one submission, so a backend counts it once. */
  idempotencyKey: string
  locale: string
  values: Record<string, unknown>
  consents: Record<string, boolean>
  submission: Submission
}

export interface TransportResponse {
  /** A link that delivers the gated asset (e.g. with a short-lived token). */
  downloadUrl?: string
}

/** Sends a submission to a backend. Rejecting keeps the profile unchanged and the input for a retry. */
export type Transport = (
  request: TransportRequest,
  options: { signal: AbortSignal },
  // `void` lets a plain `async (request) => { await fetch(...) }` be a transport.
  // eslint-disable-next-line @typescript-eslint/no-invalid-void-type
) => Promise<TransportResponse | void>

export type SubmitStatus = 'idle' | 'submitting' | 'success' | 'error'

export interface TrickleError {
  /**
   * 'invalid' (validation errors), 'transport' (network or server), 'timeout', 'busy' (already
   * submitting), 'plan-changed' (the server asks other fields now, e.g. answered on another
   * device: show the current plan and send again; the answers are kept).
   */
  code: 'invalid' | 'transport' | 'timeout' | 'busy' | 'plan-changed'
  message: string
  errors?: SubmissionError[]
}

/** Submit state of one form. */
export interface FormState {
  status: SubmitStatus
  error: TrickleError | null
  /** The last input sent; kept after a failure so the visitor's answers survive for a retry. */
  input: SubmissionInput | null
  /** Reused by a retry of the same input. */
  idempotencyKey: string | null
  /** The last successful submission. */
  submission: Submission | null
  downloadUrl: string | null
}

export interface TrickleState {
  profile: Profile
  /** False until stored data was read (always true without storage). */
  hydrated: boolean
  forms: Record<string, FormState>
  /** Form ids whose download was unlocked, with the ISO time. */
  unlocked: Record<string, string>
}

export type TrickleEvent =
  | {
      type: 'plan-shown'
      formId: string
      fieldIds: string[]
      purposeIds: string[]
      complete: boolean
    }
  | { type: 'field-shown'; formId: string; fieldId: string; reason: FieldReason }
  | { type: 'submitted'; formId: string; fieldIds: string[]; idempotencyKey: string }
  | { type: 'submit-failed'; formId: string; error: TrickleError }
  | { type: 'consent-changed'; purposeId: string; decision: ConsentDecision }
  | { type: 'download-unlocked'; formId: string; href?: string; oneClick: boolean }
  | { type: 'storage-recovered'; dropped: string[] }
  /** A frontend was given a form id the config does not define; it rendered nothing. */
  | { type: 'unknown-form'; formId: string }
