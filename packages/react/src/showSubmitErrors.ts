import { formSessionErrors, type TrickleError, type VisitPlan } from '@trickle/core'
import type { UseFormReturn } from 'react-hook-form'
import type { TrickleFormValues } from './components'
import type { Messages } from './messages'
import { validationText } from './planResolver'

/**
 * Shows the errors of a failed submission as the core maps them: next to each planned field
 * (the focus on the first), the rest in the summary (`root.<code>`).
 */
export function showSubmitErrors(
  form: UseFormReturn<TrickleFormValues>,
  error: TrickleError,
  plan: VisitPlan,
  messages: Messages,
): void {
  const { fieldErrors, formErrors } = formSessionErrors(error, plan)
  let shouldFocus = true
  for (const [id, { code, message }] of Object.entries(fieldErrors)) {
    const text = validationText(messages, code, message)
    form.setError(`values.${id}`, { type: code, message: text }, { shouldFocus })
    shouldFocus = false
  }
  for (const { code, message } of formErrors) {
    form.setError(`root.${code}`, { type: code, message: validationText(messages, code, message) })
  }
}
