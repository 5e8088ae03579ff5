import { submissionSchema, type FormSession } from '@trickle/core'
import type { FieldError, Resolver } from 'react-hook-form'
import type { TrickleFormValues } from './components'
import { formatMessage, type Messages } from './messages'

/**
 * The validation message: an override from `messages.validation` by code, its placeholders
 * (`{minimum}`, `{maximum}`) filled from the issue's params, else the core's message.
 */
export function validationText(
  messages: Messages,
  code: string,
  fallback: string,
  params: Readonly<Record<string, unknown>> = {},
): string {
  const override = messages.validation?.[code]
  if (override === undefined) return fallback
  const values = Object.entries(params).map(([name, value]) => [name, String(value)])
  return formatMessage(override, Object.fromEntries(values))
}

/**
 * A react-hook-form resolver for a form: the core's `submissionSchema` over exactly the answers
 * the session's plan asks with these answers as draft (the plan the visitor sees, and the one
 * the core submits with), so a hidden or unplanned field never blocks the form. On success the
 * raw values are passed on; the core cleans them again when submitting.
 */
export function planResolver(
  session: FormSession,
  locale: string,
  messages: Messages,
): Resolver<TrickleFormValues> {
  return (formValues) => {
    session.setDraft(formValues)
    const plan = session.getSnapshot().plan
    const answers = Object.fromEntries(plan.fields.map(({ id }) => [id, formValues.values?.[id]]))
    const { error } = submissionSchema(session.config, plan, locale).safeParse(answers)
    if (!error) return { values: formValues, errors: {} }

    const errors: Record<string, FieldError> = {}
    for (const issue of error.issues) {
      // The core's issues carry their code (and limits) in `params`.
      const params: Record<string, unknown> = (issue.code === 'custom' && issue.params) || {}
      const code = typeof params.code === 'string' ? params.code : 'invalid'
      errors[String(issue.path[0])] ??= {
        type: code,
        message: validationText(messages, code, issue.message, params),
      }
    }
    return { values: {}, errors: { values: errors } }
  }
}
