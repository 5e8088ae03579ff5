import type { StoreApi } from 'zustand/vanilla'
import { applySubmission } from './applySubmission'
import { keyForSubmission } from './idempotencyKey'
import type {
  Config,
  Draft,
  FieldValue,
  FormState,
  Profile,
  Submission,
  SubmissionError,
  SubmissionInput,
  Transport,
  TrickleError,
  TrickleEvent,
  TrickleState,
  VisitPlan,
} from './types'

export type SubmitResult =
  { ok: true; submission: Submission; downloadUrl?: string } | { ok: false; error: TrickleError }

export interface SubmitOptions {
  /** The locale the form was shown in (consent texts are recorded in it). Default: the config's first. */
  locale?: string
}

/** What `submit` needs from the store that runs it. */
export interface SubmitContext {
  config: Config
  store: StoreApi<TrickleState>
  transport: Transport
  timeoutMs: number
  now: () => Date
  plan(formId: string, draft: Draft): VisitPlan
  /** Writes the current profile to storage (per the persist policy). */
  save(): void
  emit(event: TrickleEvent): void
  /** Counts resets: a submission that resolves after "Not you?" must not touch the new visitor. */
  generation(): number
  /** Kiosk mode: start over for the next person after a successful submit. */
  afterSuccess(formId: string): void
}

/** What a transport resolves with: a response or nothing. */
type TransportResult = Awaited<ReturnType<Transport>>

class TimeoutError extends Error {
  override name = 'TimeoutError'
}

const idleForm: FormState = {
  status: 'idle',
  error: null,
  input: null,
  idempotencyKey: null,
  submission: null,
  downloadUrl: null,
}

/** The answers of a submission as a planner draft (only values a field can hold). */
export function draftOf(input: SubmissionInput): Draft {
  const values: Record<string, FieldValue> = {}
  for (const [id, value] of Object.entries(input.values)) {
    if (
      typeof value === 'string' ||
      typeof value === 'number' ||
      typeof value === 'boolean' ||
      (Array.isArray(value) && value.every((item) => typeof item === 'string'))
    ) {
      values[id] = value
    }
  }
  return { values, consents: consentsOf(input) }
}

function consentsOf(input: SubmissionInput): Record<string, boolean> {
  const consents: Record<string, boolean> = {}
  for (const [id, value] of Object.entries(input.consents ?? {})) {
    if (typeof value === 'boolean') consents[id] = value
  }
  return consents
}

/**
 * Plans with the input as draft, validates and applies it to a copy of the profile, sends it
 * through the transport and only then commits the new profile. See `Trickle.submit`.
 */
export async function submitAction(
  context: SubmitContext,
  formId: string,
  input: SubmissionInput,
  options: SubmitOptions = {},
): Promise<SubmitResult> {
  const { config, store } = context
  const previous: FormState | undefined = Object.hasOwn(store.getState().forms, formId)
    ? store.getState().forms[formId]
    : undefined
  if (previous?.status === 'submitting') {
    const error: TrickleError = {
      code: 'busy',
      message: `The form "${formId}" is already being sent; wait for its result before sending again.`,
    }
    return { ok: false, error }
  }
  const setForm = (form: FormState): void =>
    store.setState((state) => ({ forms: { ...state.forms, [formId]: form } }))
  const fail = (error: TrickleError, form: FormState): SubmitResult => {
    setForm(form)
    context.emit({ type: 'submit-failed', formId, error })
    return { ok: false, error }
  }

  const locale = options.locale ?? config.locales[0] ?? 'en'
  const startProfile = store.getState().profile
  const plan = context.plan(formId, draftOf(input))
  const applied = applySubmission(
    config,
    startProfile,
    plan,
    { values: input.values, consents: input.consents ?? {} },
    { now: context.now(), locale },
  )
  const kept = previous ?? idleForm
  if (!applied.ok) {
    const count = applied.errors.length
    const error: TrickleError = {
      code: 'invalid',
      message: `${count} answer${count === 1 ? ' is' : 's are'} invalid; nothing was sent. See errors.`,
      errors: applied.errors,
    }
    return fail(error, { ...kept, status: 'error', error, input, idempotencyKey: null })
  }

  const idempotencyKey = keyForSubmission(previous, input)
  setForm({ ...kept, status: 'submitting', error: null, input, idempotencyKey })
  const generation = context.generation()
  let response: TransportResult
  try {
    response = await send(context, {
      formId,
      visitorId: startProfile.visitorId,
      idempotencyKey,
      locale,
      values: input.values,
      consents: consentsOf(input),
      submission: applied.submission,
    })
  } catch (cause) {
    if (context.generation() !== generation) return { ok: false, error: transportError(cause) }
    const error = transportError(cause, context.timeoutMs)
    return fail(error, { ...kept, status: 'error', error, input, idempotencyKey })
  }

  const submission = applied.submission
  const downloadUrl = typeof response?.downloadUrl === 'string' ? response.downloadUrl : undefined
  const result: SubmitResult =
    downloadUrl === undefined ? { ok: true, submission } : { ok: true, submission, downloadUrl }
  // "Not you?" was pressed while sending (here or in another tab): the answers belong to the
  // previous visitor and must not reach the next one.
  const current = store.getState().profile
  if (context.generation() !== generation || current.visitorId !== startProfile.visitorId) {
    return result
  }
  store.setState((state) => ({
    profile:
      current === startProfile ? applied.profile : merge(current, applied.profile, submission),
    forms: {
      ...state.forms,
      [formId]: {
        status: 'success',
        error: null,
        input: null,
        idempotencyKey,
        submission,
        downloadUrl: downloadUrl ?? null,
      },
    },
  }))
  context.save()
  context.emit({ type: 'submitted', formId, fieldIds: submission.fieldIds, idempotencyKey })
  for (const event of applied.events) {
    context.emit({ type: 'consent-changed', purposeId: event.purposeId, decision: event.decision })
  }
  context.afterSuccess(formId)
  return result
}

async function send(
  context: SubmitContext,
  request: Parameters<Transport>[0],
): Promise<TransportResult> {
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort()
      reject(new TimeoutError())
    }, context.timeoutMs)
  })
  const sending = Promise.resolve().then(() =>
    context.transport(request, { signal: controller.signal }),
  )
  // A transport that ignores the abort signal may still reject after the timeout.
  sending.catch(() => undefined)
  try {
    return await Promise.race([sending, timeout])
  } finally {
    clearTimeout(timer)
  }
}

function transportError(cause: unknown, timeoutMs = 0): TrickleError {
  if (cause instanceof TimeoutError) {
    return {
      code: 'timeout',
      message: `No answer within ${timeoutMs / 1000} s; the answers are kept, try again.`,
    }
  }
  const reason = cause instanceof Error && cause.message !== '' ? cause.message : String(cause)
  const error: TrickleError = {
    code: 'transport',
    message: `Sending failed (${reason}); the answers are kept, try again.`,
  }
  // A server that refused answers (e.g. HttpTransportError) may say which, per JSON Pointer.
  const errors = (cause as { errors?: unknown } | null)?.errors
  if (Array.isArray(errors) && errors.length > 0 && errors.every(isSubmissionError)) {
    error.errors = errors
  }
  return error
}

function isSubmissionError(value: unknown): value is SubmissionError {
  const item = value as Partial<SubmissionError> | null
  return (
    typeof item === 'object' &&
    item !== null &&
    typeof item.path === 'string' &&
    typeof item.code === 'string' &&
    typeof item.message === 'string'
  )
}

/**
 * The profile changed while the submission was in flight (another tab, a withdrawal): keep
 * those changes and add what this submission recorded.
 */
function merge(current: Profile, submitted: Profile, submission: Submission): Profile {
  const fields = { ...current.fields }
  for (const id of [...submission.fieldIds, ...submission.declined]) {
    const record = Object.hasOwn(submitted.fields, id) ? submitted.fields[id] : undefined
    if (record !== undefined) fields[id] = record
  }
  return { ...current, fields, consents: [...current.consents, ...submission.consents] }
}
