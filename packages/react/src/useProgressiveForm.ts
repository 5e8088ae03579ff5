import type {
  Config,
  Draft,
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
  useRef,
  useState,
  useSyncExternalStore,
  type BaseSyntheticEvent,
} from 'react'
import { useForm, type UseFormReturn } from 'react-hook-form'
import type { TrickleFormValues } from './components'
import { draftDependencies, draftFrom, isFieldValue, sameDraft } from './draftDependencies'
import type { Messages } from './messages'
import { planResolver, validationText } from './planResolver'
import { useTrickle } from './useTrickle'

export type SubmitSuccess = Extract<SubmitResult, { ok: true }>

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
  /** Validates, then sends; use as `<form onSubmit={submit}>`. A second call while sending is ignored. */
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

const emptyValues: TrickleFormValues = { values: {}, consents: {} }

/** The answers kept after a failed submission, to refill the form when it mounts again. */
function valuesOf(form: FormState | undefined): TrickleFormValues {
  if (form?.status !== 'error' || form.input === null) return emptyValues
  const values: TrickleFormValues = { values: {}, consents: {} }
  for (const [id, value] of Object.entries(form.input.values)) {
    if (isFieldValue(value)) values.values[id] = value
  }
  for (const [id, value] of Object.entries(form.input.consents ?? {})) {
    if (typeof value === 'boolean') values.consents[id] = value
  }
  return values
}

/** Exactly the planned answers and offered consents (an unticked box is `false`). */
function inputOf(values: TrickleFormValues, plan: VisitPlan): SubmissionInput {
  const answers: Record<string, unknown> = {}
  for (const { id } of plan.fields) answers[id] = values.values[id]
  const consents: Record<string, boolean> = {}
  for (const { purposeId } of plan.consents) {
    consents[purposeId] = values.consents[purposeId] === true
  }
  return { values: answers, consents }
}

/**
 * The headless form of `formId`: the plan, a react-hook-form instance validated by the core's
 * schema, and `submit`. Only the answers and consents the plan depends on re-plan while typing
 * (see `draftDependencies`), so other fields do not re-render.
 */
export function useProgressiveForm(
  formId: string,
  options: UseProgressiveFormOptions = {},
): ProgressiveFormApi {
  const { trickle, locale, messages } = useTrickle()
  const { config } = trickle
  const [draft, setDraft] = useState<Draft | undefined>(undefined)

  const getPlan = () => trickle.plan(formId, draft)
  const plan = useSyncExternalStore(trickle.subscribe, getPlan, getPlan)
  const getForm = () => trickle.getState().forms[formId]
  const formState = useSyncExternalStore(trickle.subscribe, getForm, getForm)
  const getKnown = () => Object.keys(trickle.getState().profile.fields).length > 0
  const known = useSyncExternalStore(trickle.subscribe, getKnown, getKnown)

  const resolver = useMemo(
    () => planResolver(config, plan, locale, messages),
    [config, plan, locale, messages],
  )
  const form = useForm<TrickleFormValues>({
    defaultValues: valuesOf(formState),
    resolver,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    shouldUnregister: true,
    shouldFocusError: true,
  })

  const dependencies = draftDependencies(config, formId)

  useEffect(() => {
    if (dependencies.names.length === 0) return undefined
    return form.subscribe({
      name: dependencies.names,
      formState: { values: true },
      callback: ({ values }) => {
        const next = draftFrom(values, dependencies)
        setDraft((previous) => (sameDraft(previous, next) ? previous : next))
      },
    })
  }, [form, dependencies])

  useEffect(() => {
    trickle.markShown(plan)
  }, [trickle, plan])

  const onSubmitted = options.onSubmitted
  const sending = useRef(false)
  const submit = useCallback(
    async (event?: BaseSyntheticEvent) => {
      event?.preventDefault()
      if (sending.current || trickle.getState().forms[formId]?.status === 'submitting') return
      sending.current = true
      try {
        await form.handleSubmit(async (values) => {
          const result = await trickle.submit(formId, inputOf(values, plan), { locale })
          if (result.ok) {
            form.reset(emptyValues)
            setDraft(undefined)
            onSubmitted?.(result)
            return
          }
          const planned = new Set(plan.fields.map((field) => field.id))
          let first = true
          for (const issue of result.error.errors ?? []) {
            const id = /^\/values\/([^/]+)$/.exec(issue.path)?.[1]
            const message = validationText(messages, issue.code, issue.message)
            if (id !== undefined && planned.has(id)) {
              form.setError(`values.${id}`, { type: issue.code, message }, { shouldFocus: first })
              first = false
            } else {
              form.setError(`root.${issue.code}`, { type: issue.code, message })
            }
          }
        })(event)
      } finally {
        sending.current = false
      }
    },
    [trickle, formId, form, plan, locale, messages, onSubmitted],
  )

  const startOver = useCallback(() => {
    trickle.reset()
    form.reset(emptyValues)
    setDraft(undefined)
  }, [trickle, form])

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
