import {
  configIndex,
  type Config,
  type FieldValue,
  type FormSession,
  type SubmissionInput,
  type VisitPlan,
} from '@trickle/core'
import type { TrickleFieldName, TrickleFormValues } from './components'
import { holdsAnswer, isEmpty, isNativeInput, show, type NativeInput } from './nativeInputs'

/** A problem to show: the core's code (for `messages.validation`) and the text. */
export interface FormError {
  code: string
  message: string
}

/** What a form shows of its problems; the same object until one of them changes. */
export interface FormErrors {
  /** By field id: the message next to a planned field. */
  fields: Readonly<Record<string, FormError>>
  /** Problems of a sent submission that name no planned field (a consent, a field not shown). */
  form: readonly FormError[]
}

/** What a native input spreads: `<input {...form.register('values.email')} />`. */
export interface FieldRegistration<Name extends TrickleFieldName = TrickleFieldName> {
  name: Name
  ref: (element: HTMLElement | null) => void
  onChange: (event: { target: EventTarget | null }) => void
}

/** The validation of all answers in progress: the message per invalid planned field. */
export type Validate = (values: TrickleFormValues) => Readonly<Record<string, FormError>>

/**
 * A progressive form's answers in progress, bound to its inputs, and its errors. The answers
 * live in the core's form session (its draft): every change goes there, and the session
 * re-plans when the plan depends on it. Inputs stay uncontrolled: typing re-renders nothing;
 * a controlled UI kit input follows one name with `subscribeValue`.
 */
export interface FormControl {
  /** The binding of a native input (or of every box of a radio or multiselect group). */
  register<Name extends TrickleFieldName>(name: Name): FieldRegistration<Name>
  getValues(): TrickleFormValues
  getValue(name: TrickleFieldName): FieldValue | boolean | undefined
  /** Sets an answer or a consent choice, in the session and in the registered inputs. */
  setValue(name: TrickleFieldName, value: FieldValue | boolean | undefined): void
  /** Calls `listener` when the value of `name` changes; returns the unsubscribe. */
  subscribeValue(name: TrickleFieldName, listener: () => void): () => void
  getErrors(): FormErrors
  /** Calls `listener` when the errors change; returns the unsubscribe. */
  subscribeErrors(listener: () => void): () => void
  /** Validates every planned answer (a submit): shows all problems, then re-checks on change. */
  validate(): boolean
  /** Shows the errors of a failed submission (the server's or the core's). */
  setErrors(errors: FormErrors): void
  /** Moves the focus to the input of `name` (the first box of a group). */
  setFocus(name: TrickleFieldName): void
  /** Empties the form (or fills it with `values`) and forgets its errors. */
  reset(values?: TrickleFormValues): void
  setValidate(validate: Validate): void
}

const noErrors: FormErrors = { fields: {}, form: [] }

/** Empty answers, or the kept ones; a multiselect starts as `[]` (a list even for one box). */
export function initialValues(
  config: Config,
  kept: SubmissionInput | null = null,
): TrickleFormValues {
  const values: Record<string, FieldValue | undefined> = {}
  for (const field of config.fields) if (field.type === 'multiselect') values[field.id] = []
  // The core accepted these answers into its store: field values and consent choices.
  return {
    values: { ...values, ...(kept?.values as TrickleFormValues['values'] | undefined) },
    consents: { ...(kept?.consents as TrickleFormValues['consents'] | undefined) },
  }
}

function split(name: TrickleFieldName): ['values' | 'consents', string] {
  const dot = name.indexOf('.')
  return [name.slice(0, dot) as 'values' | 'consents', name.slice(dot + 1)]
}

export function createFormControl(
  session: FormSession,
  values: TrickleFormValues,
  validateAll: Validate,
): FormControl {
  const { fields } = configIndex(session.config)
  const typeOf = (id: string) => fields.get(id)?.type
  const elements = new Map<TrickleFieldName, Set<HTMLElement>>()
  const registrations = new Map<TrickleFieldName, FieldRegistration>()
  const valueListeners = new Map<TrickleFieldName, Set<() => void>>()
  const errorListeners = new Set<() => void>()
  let validate = validateAll
  let errors = noErrors
  // After the first submit every change re-checks its answer, as the visitor corrects it.
  let submitted = false
  session.setDraft(values)

  const connected = (name: TrickleFieldName): HTMLElement[] => {
    const set = elements.get(name)
    if (!set) return []
    for (const element of set) if (!element.isConnected) set.delete(element)
    return [...set]
  }

  /** The value the inputs of `name` hold, read when one of them changed. */
  const read = (name: TrickleFieldName, target: EventTarget | null): FieldValue | boolean => {
    const [kind, id] = split(name)
    const input = target as NativeInput
    if (kind === 'consents') return (input as HTMLInputElement).checked
    const type = typeOf(id)
    if (type === 'checkbox') return (input as HTMLInputElement).checked
    if (type === 'multiselect') {
      const boxes = connected(name).filter(isNativeInput) as HTMLInputElement[]
      return boxes.filter((box) => box.checked).map((box) => box.value)
    }
    return input.value
  }

  const setErrorState = (next: FormErrors): void => {
    if (next === errors) return
    errors = next
    for (const listener of [...errorListeners]) listener()
  }

  /** Answers of fields the plan no longer asks are forgotten (a hidden field starts empty). */
  let prunedFor: VisitPlan | null = null
  const prune = (): void => {
    const { plan } = session.getSnapshot()
    // Typing into a field the plan does not depend on keeps the plan: nothing to forget.
    if (plan === prunedFor) return
    prunedFor = plan
    const planned = new Set(plan.fields.map(({ id }) => id))
    const offered = new Set(plan.consents.map(({ purposeId }) => purposeId))
    const answers = { ...values.values }
    let changed = false
    for (const [id, value] of Object.entries(answers)) {
      if (planned.has(id) || value === undefined || (Array.isArray(value) && value.length === 0))
        continue
      answers[id] = typeOf(id) === 'multiselect' ? [] : undefined
      changed = true
    }
    const consentEntries = Object.entries(values.consents)
    const consents = Object.fromEntries(consentEntries.filter(([id]) => offered.has(id)))
    if (Object.keys(consents).length !== consentEntries.length) changed = true
    if (changed) {
      values = { values: answers, consents }
      session.setDraft(values)
    }
    const fields = Object.entries(errors.fields).filter(([id]) => planned.has(id))
    if (fields.length !== Object.keys(errors.fields).length) {
      setErrorState({ ...errors, fields: Object.fromEntries(fields) })
    }
  }

  const recheck = (id: string): void => {
    const found = validate(values)[id]
    const shown = errors.fields[id]
    if (found?.message === shown?.message) return
    const others = Object.entries(errors.fields).filter(([other]) => other !== id)
    const fields = Object.fromEntries(found ? [...others, [id, found]] : others)
    setErrorState({ ...errors, fields })
  }

  /** One answer or consent choice changed (typed, ticked or set). */
  const change = (name: TrickleFieldName, value: FieldValue | boolean | undefined): void => {
    const [kind, id] = split(name)
    values = { ...values, [kind]: { ...values[kind], [id]: value } }
    session.setDraft(values)
    for (const listener of [...(valueListeners.get(name) ?? [])]) listener()
    prune()
    if (submitted && kind === 'values') recheck(id)
  }

  const control: FormControl = {
    register(name) {
      let registration = registrations.get(name)
      if (!registration) {
        registration = {
          name,
          ref(element) {
            if (element === null) return
            const set = elements.get(name) ?? new Set()
            elements.set(name, set)
            if (set.has(element)) return
            set.add(element)
            // An answer already in the input (typed before hydration, restored by the browser on
            // "back") is kept; otherwise the input shows the form's value (a kept answer, or empty).
            const value = control.getValue(name)
            const added =
              Array.isArray(value) && !value.includes((element as HTMLInputElement).value)
            if (holdsAnswer(element) && (isEmpty(value) || added)) {
              change(name, read(name, element))
            } else show(element, value)
          },
          onChange: (event) => change(name, read(name, event.target)),
        }
        registrations.set(name, registration)
      }
      return registration as FieldRegistration<typeof name>
    },
    getValues: () => values,
    getValue(name) {
      const [kind, id] = split(name)
      return values[kind][id]
    },
    setValue(name, value) {
      for (const element of connected(name)) show(element, value)
      change(name, value)
    },
    subscribeValue(name, listener) {
      const set = valueListeners.get(name) ?? new Set()
      valueListeners.set(name, set)
      set.add(listener)
      return () => set.delete(listener)
    },
    getErrors: () => errors,
    subscribeErrors(listener) {
      errorListeners.add(listener)
      return () => errorListeners.delete(listener)
    },
    validate() {
      submitted = true
      const fields = validate(values)
      setErrorState(Object.keys(fields).length === 0 ? noErrors : { fields, form: [] })
      return Object.keys(fields).length === 0
    },
    setErrors(next) {
      submitted = true
      setErrorState(next)
    },
    setFocus(name) {
      connected(name)[0]?.focus()
    },
    reset(next) {
      values = next ?? initialValues(session.config)
      submitted = false
      for (const [name, set] of elements)
        for (const element of set) show(element, control.getValue(name))
      session.setDraft(values)
      for (const set of valueListeners.values()) for (const listener of [...set]) listener()
      setErrorState(noErrors)
    },
    setValidate(next) {
      validate = next
    },
  }
  return control
}
