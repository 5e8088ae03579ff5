import type {
  Config,
  FormSession,
  SubmitStatus,
  SubmitSuccess,
  TrickleError,
  VisitPlan,
} from '@trickle/core'
import { useCallback, useEffect, useMemo, useRef, type BaseSyntheticEvent } from 'react'
import { createFormControl, initialValues, type FormControl, type FormErrors } from './formControl'
import type { Messages } from './messages'
import type { FormId } from './register'
import { useFormErrors } from './useFormErrors'
import { useFormSession } from './useFormSession'
import { useFormSnapshot } from './useFormSnapshot'
import { useTrickle } from './useTrickle'
import { submitErrors, validateAnswers } from './validateAnswers'

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
  /**
   * The answers in progress, bound to the inputs: `form.register('values.email')` for a native
   * input, `useFieldController({ control: form, name })` for a controlled one. Answers live at
   * `values.<fieldId>`, consents at `consents.<purposeId>`.
   */
  form: FormControl
  /** What to show: by field id after a submit (re-checked as the visitor corrects), and the rest. */
  errors: FormErrors
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

/**
 * The headless form of `formId`: inputs bound to the core's form session, which
 * plans (only answers the plan depends on re-plan), submits and maps errors. For a form id the
 * config does not define it throws while developing; in production it plans and sends nothing
 * and reports `unknown-form` through `onEvent`.
 */
export function useProgressiveForm(
  formId: FormId,
  options: UseProgressiveFormOptions = {},
): ProgressiveFormApi {
  const api = useFormBinding(formId, options)
  return { ...api, errors: useFormErrors(api.form) }
}

/**
 * `useProgressiveForm` without subscribing to the errors: the default form shows them in its
 * rows, summary and live region, each subscribed itself, so its layout does not re-render.
 */
export function useFormBinding(
  formId: FormId,
  options: UseProgressiveFormOptions = {},
): Omit<ProgressiveFormApi, 'errors'> {
  const { trickle, locale, messages } = useTrickle()
  const { config } = trickle
  const { session: given, ...sessionOptions } = options
  const session = useFormSession(formId, sessionOptions, given)
  const snapshot = useFormSnapshot(session)
  const validate = useMemo(
    () => validateAnswers(session, locale, messages),
    [session, locale, messages],
  )
  // One form per session, filled with the answers of a failed submission when there are some.
  const form = useMemo(
    () =>
      createFormControl(session, initialValues(config, session.getSnapshot().keptInput), validate),
    // The validation follows the locale below; a new session is a new form.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [session, config],
  )
  useEffect(() => form.setValidate(validate), [form, validate])

  const sending = useRef(false)
  const focusFirstError = useCallback(() => {
    const { fields } = form.getErrors()
    const first = session.getSnapshot().plan.fields.find(({ id }) => fields[id])
    if (first) form.setFocus(`values.${first.id}`)
  }, [form, session])
  const submit = useCallback(
    async (event?: BaseSyntheticEvent) => {
      event?.preventDefault()
      // A second submit while sending sends nothing.
      if (sending.current) return
      if (!form.validate()) return focusFirstError()
      sending.current = true
      try {
        const result = await session.submit()
        if (result.ok) form.reset()
        else {
          form.setErrors(submitErrors(result.error, session.getSnapshot().plan, messages))
          focusFirstError()
        }
      } finally {
        sending.current = false
      }
    },
    [form, session, messages, focusFirstError],
  )
  const startOver = useCallback(() => {
    session.startOver()
    form.reset()
  }, [session, form])

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
