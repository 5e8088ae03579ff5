import { useCallback, useEffect, useState, useSyncExternalStore } from 'react'
import type { FieldErrors, UseFormReturn } from 'react-hook-form'
import type { TrickleFieldName, TrickleFormValues } from './components'

// Both hooks subscribe through `form.subscribe`, so a change re-renders the calling component
// only. Reading `form.formState` instead would subscribe the component that owns the form, and
// re-render it with every field on each change.

type Form = UseFormReturn<TrickleFormValues>

/** The errors of the whole form, live; none before the first submit. */
export function useFormErrors(form: Form): FieldErrors<TrickleFormValues> {
  // react-hook-form updates the errors object in place: a new wrapper re-renders.
  const [state, setState] = useState<{ errors: FieldErrors<TrickleFormValues> }>({ errors: {} })
  useEffect(
    () =>
      form.subscribe({
        formState: { errors: true },
        callback: ({ errors = {} }) => setState({ errors }),
      }),
    [form],
  )
  return state.errors
}

/** The error message of one field; the caller re-renders only when that message changes. */
export function useErrorMessage(form: Form, name: TrickleFieldName): string | undefined {
  const subscribe = useCallback(
    (onChange: () => void) =>
      form.subscribe({ name, exact: true, formState: { errors: true }, callback: onChange }),
    [form, name],
  )
  const read = () => form.getFieldState(name).error?.message
  return useSyncExternalStore(subscribe, read, read)
}
