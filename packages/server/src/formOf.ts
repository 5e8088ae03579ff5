import { idPattern, type Config, type Form } from '@trickle/core'
import { ApiError } from './apiError'

/** The form named by the query parameter `form`, or a 4xx that lists the forms there are. */
export function formOf(config: Config, formId: unknown): Form {
  const known = config.forms.map((form) => form.id).join(', ')
  if (typeof formId !== 'string' || formId === '') {
    throw new ApiError(400, 'missing-form', `Name the form: ?form=<form id>; forms: ${known}.`)
  }
  const form = idPattern.test(formId) ? config.forms.find((f) => f.id === formId) : undefined
  if (!form) {
    throw new ApiError(404, 'unknown-form', `There is no form with that id; forms: ${known}.`, {
      issues: [{ path: '?form', code: 'unknown-form', message: `Use one of: ${known}.` }],
    })
  }
  return form
}
