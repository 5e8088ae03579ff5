import type {
  Config,
  FormSession,
  SubmissionInput,
  SubmitStatus,
  SubmitSuccess,
  TrickleError,
  VisitPlan,
} from '@trickle/core'
import { useCallback, useEffect, useMemo, useState, type BaseSyntheticEvent } from 'react'
import { useForm, type UseFormReturn } from 'react-hook-form'
import type { TrickleFormValues } from './components'
import type { Messages } from './messages'
import { planResolver } from './planResolver'
import type { FormId } from './register'
import { showSubmitErrors } from './showSubmitErrors'
import { useFormSession } from './useFormSession'
import { useFormSnapshot } from './useFormSnapshot'
import { useTrickle } from './useTrickle'

export type { SubmitSuccess }

export interface UseProgressiveFormOptions {
  /** Called after a successful submission (the transport resolved, the profile is updated). */
  onSubmitted?: (result: SubmitSuccess) => void
  /** A session a parent created (a gate), instead of one of this form's own. */
  session?: FormSession
}

export interface ProgressiveFormApi {
  formId: string
  /** The core's decision for this visit, re-planned with the answers conditions depend on. */
  plan: VisitPlan
  /** The react-hook-form instance: answers at `values.<fieldId>`, consents at `consents.<purposeId>`. */
  form: UseFormReturn<TrickleFormValues>
  /** Validates, then sends; use as `<form onSubmit={submit}>`. A second call while sending sends nothing. */
  submit: (event?: BaseSyntheticEvent) => Promise<void>
  status: SubmitStatus
  /** The last failure (transport, timeout or invalid), or null. */
  error: TrickleError | null
  /** The link from the transport for the last successful submission, if any. */
  downloadUrl: string | null
  /** The profile has fields: show "Not you? Start over". */
  known: boolean
  /** "Not you?": forgets the visitor (the session's `startOver`) and empties the form. */
  startOver: () => void
  config: Config
  locale: string
  messages: Messages
}

/** Empty answers, or the kept ones; a multiselect starts as `[]` (a list even for one box). */
function valuesOf(config: Config, kept: SubmissionInput | null = null): TrickleFormValues {
  const values: Record<string, unknown> = {}
  for (const field of config.fields) if (field.type === 'multiselect') values[field.id] = []
  return {
    values: { ...values, ...kept?.values },
    consents: { ...kept?.consents },
  } as TrickleFormValues
}

/**
 * The headless form of `formId`: react-hook-form glue over the core's form session, which
 * plans (only answers the plan depends on re-plan), submits and maps errors. For a form id the
 * config does not define it throws while developing; in production it plans and sends nothing
 * and reports `unknown-form` through `onEvent`.
 */
export function useProgressiveForm(
  formId: FormId,
  options: UseProgressiveFormOptions = {},
): ProgressiveFormApi {
  const { trickle, locale, messages } = useTrickle()
  const { config } = trickle
  const { session: given, ...sessionOptions } = options
  const session = useFormSession(formId, sessionOptions, given)
  const snapshot = useFormSnapshot(session)
  const [defaultValues] = useState(() => {
    const values = valuesOf(config, snapshot.keptInput)
    session.setDraft(values)
    return values
  })
  const resolver = useMemo(
    () => planResolver(session, locale, messages),
    [session, locale, messages],
  )
  const form = useForm<TrickleFormValues>({ defaultValues, resolver, shouldUnregister: true })

  // Answers go to the session as they change: it re-plans only for those the plan depends on,
  // and counts the others for the funnel (started, answered, last field touched).
  useEffect(
    () =>
      form.subscribe({
        formState: { values: true },
        callback: () => session.setDraft(form.getValues()),
      }),
    [form, session],
  )

  // The memoised rows keep their registration on a reset (`keepFieldsRef`).
  const reset = useCallback(
    () => form.reset(valuesOf(config), { keepFieldsRef: true }),
    [form, config],
  )
  const submit = useMemo(
    () =>
      form.handleSubmit(async (values) => {
        session.setDraft(values)
        const result = await session.submit()
        if (result.ok) reset()
        else showSubmitErrors(form, result.error, session.getSnapshot().plan, messages)
      }),
    [form, session, messages, reset],
  )
  const startOver = useCallback(() => {
    session.startOver()
    reset()
  }, [session, reset])

  return {
    formId,
    plan: snapshot.plan,
    form,
    submit,
    status: snapshot.status,
    error: snapshot.error,
    downloadUrl: snapshot.downloadUrl,
    known: snapshot.known,
    startOver,
    config,
    locale,
    messages,
  }
}
