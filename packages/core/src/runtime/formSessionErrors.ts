import type { SubmissionError, TrickleError, VisitPlan } from '../types'

export interface FormSessionErrors {
  /** Errors at `/values/<id>` of a planned field, by field id (the first per field). */
  fieldErrors: Readonly<Record<string, SubmissionError>>
  /** Every other error (a consent, a field the plan does not show), in order. */
  formErrors: readonly SubmissionError[]
}

const none: FormSessionErrors = { fieldErrors: {}, formErrors: [] }

/**
 * Maps the errors of a failed submission (the core's own validation, or a server's issues) to
 * what a form shows: next to a planned field, or in the summary. Field ids never need JSON
 * Pointer escaping (ids are `[A-Za-z][A-Za-z0-9_-]*`).
 */
export function formSessionErrors(error: TrickleError | null, plan: VisitPlan): FormSessionErrors {
  if (!error?.errors?.length) return none
  const planned = new Set(plan.fields.map((field) => field.id))
  // Keys are planned field ids only: validated ids, never `__proto__`.
  const fieldErrors: Record<string, SubmissionError> = {}
  const formErrors: SubmissionError[] = []
  for (const item of error.errors) {
    const id = /^\/values\/([^/]+)$/.exec(item.path)?.[1]
    if (id !== undefined && planned.has(id)) fieldErrors[id] ??= item
    else formErrors.push(item)
  }
  return { fieldErrors, formErrors }
}
