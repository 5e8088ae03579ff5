import type {
  Config,
  FormState,
  SubmissionInput,
  SubmitResult,
  SubmitStatus,
  TrickleError,
  VisitPlan,
} from '@trickle/core'
import {
  useCallback,
  useEffect,
  useMemo,
  useState,
  useSyncExternalStore,
  type BaseSyntheticEvent,
} from 'react'
import { useForm, type UseFormReturn } from 'react-hook-form'
import type { TrickleFormValues } from './components'
import { draftDependencies } from '@trickle/core'
import type { Messages } from './messages'
import type { FormId } from './register'
import { planResolver, validationText } from './planResolver'
import { hasForm } from './UnknownForm'
import { hasProfile, useStoreValue } from './useStoreValue'
import { useTrickle } from './useTrickle'

export type SubmitSuccess = Extract<SubmitResult, { ok: true }>

// Replaced by bundlers: production builds keep only the quiet path for an unknown form.
declare const process: { env: { NODE_ENV?: string } }

export interface UseProgressiveFormOptions {
  /** Called after a successful submission (the transport resolved, the profile is updated). */
  onSubmitted?: (result: SubmitSuccess) => void
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
  /** "Not you?": forgets the visitor (`trickle.reset()`) and empties the form. */
  startOver: () => void
  config: Config
  locale: string
  messages: Messages
}

/**
 * The form's starting values: empty, or the answers kept after a failed submission (the values
 * this form sent), to refill the form when it mounts again. A multiselect starts as `[]`, so
 * react-hook-form gives its checkboxes a list even when there is only one.
 */
function valuesOf(config: Config, form?: FormState): TrickleFormValues {
  const input = form?.status === 'error' ? form.input : null
  const values: Record<string, unknown> = {}
  for (const field of config.fields) if (field.type === 'multiselect') values[field.id] = []
  return {
    values: { ...values, ...input?.values },
    consents: { ...input?.consents },
  } as TrickleFormValues
}

/** Exactly the planned answers and offered consents (an unticked box is `false`). */
function inputOf(values: TrickleFormValues, plan: VisitPlan): SubmissionInput {
  return {
    values: Object.fromEntries(plan.fields.map(({ id }) => [id, values.values[id]])),
    consents: Object.fromEntries(
      plan.consents.map(({ purposeId }) => [purposeId, values.consents[purposeId] === true]),
    ),
  }
}

/**
 * The headless form of `formId`: the plan, a react-hook-form instance validated by the core's
 * schema, and `submit`. Only the answers and consents the plan depends on re-plan while typing
 * (see `draftDependencies`), and the form re-renders only when the plan changes. For a form id
 * the config does not define it throws while developing; in production it plans nothing, sends
 * nothing and reports `unknown-form` through `onEvent`.
 */
export function useProgressiveForm(
  formId: FormId,
  options: UseProgressiveFormOptions = {},
): ProgressiveFormApi {
  const { trickle, locale, messages } = useTrickle()
  const { config } = trickle
  // An id the config does not define: while developing, the core's error says so; in production
  // the form plans nothing, sends nothing and reports it (`unknown-form`), never unmounting the page.
  const defined = hasForm(config, formId)
  const unknownPlan = useMemo<VisitPlan>(
    () => ({ formId, fields: [], consents: [], decisions: [], complete: true }),
    [formId],
  )
  if (!defined && process.env.NODE_ENV !== 'production') trickle.plan(formId)
  const formState = useStoreValue(trickle, (state) => state.forms[formId])
  const known = useStoreValue(trickle, hasProfile)

  const [defaultValues] = useState(() => valuesOf(config, formState))
  // react-hook-form's defaults: validate on submit, then on every change; focus the first error.
  const form = useForm<TrickleFormValues>({
    defaultValues,
    resolver: useMemo(
      () =>
        defined
          ? planResolver(trickle, formId, locale, messages)
          : (values: TrickleFormValues) => ({ values, errors: {} }),
      [trickle, formId, defined, locale, messages],
    ),
    shouldUnregister: true,
  })

  // The plan follows the store, with the answers as draft. Only a change of an answer that a
  // condition reads, or of an offered consent, re-plans; the form re-renders only for a new plan.
  const watched = useMemo(() => draftDependencies(config, formId), [config, formId])
  const subscribe = useCallback(
    (onChange: () => void) => {
      const unsubscribe = trickle.subscribe(onChange)
      const unwatch = form.subscribe({
        name: watched,
        formState: { values: true },
        callback: onChange,
      })
      return () => {
        unsubscribe()
        unwatch()
      }
    },
    [trickle, form, watched],
  )
  const getPlan = () => (defined ? trickle.plan(formId, form.getValues()) : unknownPlan)
  const plan = useSyncExternalStore(subscribe, getPlan, getPlan)

  useEffect(() => {
    if (defined) trickle.markShown(plan)
    else trickle.reportUnknownForm(formId)
  }, [trickle, plan, defined, formId])

  // Empties the form. The memoised rows do not re-render on a reset, so they keep their
  // registration (`keepFieldsRef`); react-hook-form sets their inputs to the empty values.
  const reset = useCallback(
    () => form.reset(valuesOf(config), { keepFieldsRef: true }),
    [form, config],
  )

  const onSubmitted = options.onSubmitted
  // A second submit while sending sends nothing: the core answers it with `busy`.
  const submit = useMemo(
    () =>
      form.handleSubmit(async (values) => {
        if (!defined) return
        const result = await trickle.submit(formId, inputOf(values, plan), { locale })
        if (result.ok) {
          reset()
          onSubmitted?.(result)
          return
        }
        let focus = true // on the first invalid field
        for (const { path, code, message } of result.error.errors ?? []) {
          const id = /^\/values\/([^/]+)$/.exec(path)?.[1]
          const planned = plan.fields.some((field) => field.id === id)
          form.setError(
            planned ? `values.${id}` : `root.${code}`,
            { type: code, message: validationText(messages, code, message) },
            { shouldFocus: focus && planned },
          )
          focus &&= !planned
        }
      }),
    [trickle, formId, defined, form, plan, locale, messages, onSubmitted, reset],
  )

  const startOver = useCallback(() => {
    trickle.reset()
    reset()
  }, [trickle, reset])

  return {
    formId,
    plan,
    form,
    submit,
    status: formState?.status ?? 'idle',
    error: formState?.error ?? null,
    downloadUrl: formState?.downloadUrl ?? null,
    known,
    startOver,
    config,
    locale,
    messages,
  }
}
