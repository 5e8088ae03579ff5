import type { Field, FieldType, FieldValue } from '@trickle/core'
import { useCallback, useSyncExternalStore } from 'react'
import type { FieldValueOf, TrickleFieldName } from './components'
import type { FormControl } from './formControl'

/** A change: the new value, or a change event of a native input. */
type Change<Value> = Value | undefined | { target: EventTarget | null }

export interface FieldController<Value> {
  field: {
    name: TrickleFieldName
    /** The answer (or consent choice) in progress; re-renders the caller when it changes. */
    value: Value | undefined
    onChange(change: Change<Value>): void
    /** For the element that gets the focus when the field is invalid. */
    ref: (element: HTMLElement | null) => void
  }
}

const isEvent = (value: unknown): value is { target: EventTarget | null } =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && 'target' in value

/**
 * A controlled input of a UI kit, in a field or consent component: pass its props (`control`,
 * `name`, and `field` for an answer, which types the value: a multiselect's is a `string[]`).
 * The value follows the form (a reset empties it); `onChange` takes a value or an event.
 */
export function useFieldController<Type extends FieldType>(props: {
  control: FormControl
  name: `values.${string}`
  field: Field & { type: Type }
}): FieldController<FieldValueOf<Type>>
export function useFieldController(props: {
  control: FormControl
  name: `consents.${string}`
}): FieldController<boolean>
export function useFieldController({
  control,
  name,
}: {
  control: FormControl
  name: TrickleFieldName
  field?: Field
}): FieldController<FieldValue | boolean> {
  const subscribe = useCallback(
    (listener: () => void) => control.subscribeValue(name, listener),
    [control, name],
  )
  const read = useCallback(() => control.getValue(name), [control, name])
  const value = useSyncExternalStore(subscribe, read, read)
  const registration = control.register(name)
  const onChange = useCallback(
    (change: Change<FieldValue | boolean>) =>
      isEvent(change) ? registration.onChange(change) : control.setValue(name, change),
    [control, name, registration],
  )
  return { field: { name, value, onChange, ref: registration.ref } }
}
