import { useCallback, useSyncExternalStore } from 'react'
import type { FormControl, FormErrors } from './formControl'

// Both hooks subscribe to the form's errors only: typing re-renders neither.

/** The errors of the whole form, live; none before the first submit. */
export function useFormErrors(form: FormControl): FormErrors {
  return useSyncExternalStore(form.subscribeErrors, form.getErrors, form.getErrors)
}

/** The error message of one field; the caller re-renders only when that message changes. */
export function useErrorMessage(form: FormControl, fieldId: string): string | undefined {
  const read = useCallback(() => form.getErrors().fields[fieldId]?.message, [form, fieldId])
  return useSyncExternalStore(form.subscribeErrors, read, read)
}
