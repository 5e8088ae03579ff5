import { defaultLocale } from '../defaultLocale'
import type { StoreApi } from 'zustand/vanilla'
import { applySubmission } from '../profile/applySubmission'
import { keyForSubmission } from './idempotencyKey'
import { recordOf } from '../plan/isKnown'
import type {
  Config,
  FormState,
  Profile,
  Submission,
  SubmissionError,
  SubmissionInput,
  Transport,
  TransportRequest,
  TrickleError,
  TrickleEvent,
  TrickleState,
} from '../types'

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
  /** Writes the current profile to storage (per the persist policy). */
  save(): void
  emit(event: TrickleEvent): void
  /** Called after a successful submit was committed (kiosk mode starts over here). */
  afterSuccess(formId: string): void
}

/** What a transport resolves with: a response or nothing. */
type TransportResult = Awaited<ReturnType<Transport>>

/** The rejection of a transport that took longer than `timeoutMs`. */
const timedOut = new Error('timeout')

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
  const { config } = context
  const { getState, setState } = context.store
  const { forms, profile } = getState()
  const previous = forms[formId]
  if (previous?.status === 'submitting') {
    return {
      ok: false,
      error: { code: 'busy', message: `Form "${formId}" is already being sent.` },
    }
  }
  // Before the first success there is no submission and no download link to keep.
  const setForm = (changes: Pick<FormState, 'status' | 'error' | 'input' | 'idempotencyKey'>) =>
    setState((state) => ({
      forms: {
        ...state.forms,
        [formId]: { submission: null, downloadUrl: null, ...previous, ...changes },
      },
    }))
  // After "Not you?" (here or in another tab) the form belongs to the next visitor.
  const isCurrentVisitor = (): boolean => getState().profile.visitorId === profile.visitorId
  const fail = (error: TrickleError, idempotencyKey: string | null): SubmitResult => {
    setForm({ status: 'error', error, input, idempotencyKey })
    context.emit({ type: 'submit-failed', formId, error })
    return { ok: false, error }
  }

  const locale = options.locale ?? defaultLocale(config)
  // Planned once, inside, with the answers as draft: answers that reveal fields (askIf) count.
  const applied = applySubmission(
    config,
    profile,
    { ...input, formId },
    { now: context.now(), locale },
  )
  if (!applied.ok) {
    const message = `Invalid answers (${applied.errors.length}); nothing was sent.`
    return fail({ code: 'invalid', message, errors: applied.errors }, null)
  }

  const { submission } = applied
  const idempotencyKey = keyForSubmission(previous, input)
  setForm({ status: 'submitting', error: null, input, idempotencyKey })
  let response: TransportResult
  try {
    response = await send(context, {
      formId,
      visitorId: profile.visitorId,
      idempotencyKey,
      locale,
      values: input.values,
      // applySubmission accepted them: each is true, false or undefined (which JSON leaves out).
      consents: (input.consents ?? {}) as Record<string, boolean>,
      submission,
    })
  } catch (cause) {
    const error = transportError(cause, context.timeoutMs)
    return isCurrentVisitor() ? fail(error, idempotencyKey) : { ok: false, error }
  }

  const url = response?.downloadUrl
  const downloadUrl = typeof url === 'string' ? url : null
  const result: SubmitResult =
    downloadUrl === null ? { ok: true, submission } : { ok: true, submission, downloadUrl }
  // The answers belong to the visitor who gave them, never to the next one.
  if (!isCurrentVisitor()) return result
  setState((state) => ({
    profile: merge(state.profile, applied.profile, submission),
    forms: {
      ...state.forms,
      [formId]: {
        status: 'success',
        error: null,
        input: null,
        idempotencyKey,
        submission,
        downloadUrl,
      },
    },
  }))
  context.save()
  context.emit({ type: 'submitted', formId, fieldIds: submission.fieldIds, idempotencyKey })
  for (const { purposeId, decision } of applied.events) {
    context.emit({ type: 'consent-changed', purposeId, decision })
  }
  context.afterSuccess(formId)
  return result
}

/** Calls the transport; aborts it and rejects with `timedOut` after `timeoutMs`. */
function send(context: SubmitContext, request: TransportRequest): Promise<TransportResult> {
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  return new Promise<TransportResult>((resolve, reject) => {
    timer = setTimeout(() => {
      controller.abort()
      reject(timedOut)
    }, context.timeoutMs)
    // A transport that throws synchronously rejects too (the executor catches it).
    Promise.resolve(context.transport(request, { signal: controller.signal })).then(resolve, reject)
  }).finally(() => clearTimeout(timer))
}

function transportError(cause: unknown, timeoutMs: number): TrickleError {
  if (cause === timedOut) {
    return { code: 'timeout', message: `No answer within ${timeoutMs / 1000} s.` }
  }
  const reason = (cause instanceof Error && cause.message) || String(cause)
  // The server's own code (HttpTransportError): 409 plan-changed is not a network problem.
  const planChanged = (cause as { code?: unknown } | null)?.code === 'plan-changed'
  const error: TrickleError = planChanged
    ? { code: 'plan-changed', message: `The server asks other questions now: ${reason}` }
    : { code: 'transport', message: `Sending failed: ${reason}` }
  // A server that refused answers (e.g. HttpTransportError) may say which, per JSON Pointer.
  const errors = (cause as { errors?: unknown } | null)?.errors
  if (Array.isArray(errors) && errors.length > 0 && errors.every(isSubmissionError)) {
    error.errors = errors
  }
  return error
}

function isSubmissionError(value: unknown): value is SubmissionError {
  const item = value as Record<string, unknown> | null
  return ['path', 'code', 'message'].every((key) => typeof item?.[key] === 'string')
}

/**
 * Adds what the submission recorded to the current profile, keeping changes made while it was
 * in flight (another tab, a withdrawal).
 */
function merge(current: Profile, submitted: Profile, submission: Submission): Profile {
  const fields = { ...current.fields }
  for (const id of [...submission.fieldIds, ...submission.declined]) {
    const record = recordOf(submitted, id)
    if (record !== undefined) fields[id] = record
  }
  return { ...current, fields, consents: [...current.consents, ...submission.consents] }
}
