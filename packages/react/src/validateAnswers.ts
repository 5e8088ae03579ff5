import {
  formSessionErrors,
  submissionSchema,
  type FormSession,
  type TrickleError,
  type VisitPlan,
} from '@trickle/core'
import type { FormError, FormErrors, Validate } from './formControl'
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
 * The validation of a form: the core's `submissionSchema` over exactly the answers the
 * session's plan asks with the answers in progress as draft (the plan the visitor sees, and the
 * one the core submits with), so a hidden or unplanned field never blocks the form.
 */
export function validateAnswers(
  session: FormSession,
  locale: string,
  messages: Messages,
): Validate {
  let cached: { plan: VisitPlan; schema: ReturnType<typeof submissionSchema> } | null = null
  return (values) => {
    const { plan } = session.getSnapshot()
    if (cached?.plan !== plan)
      cached = { plan, schema: submissionSchema(session.config, plan, locale) }
    const answers = Object.fromEntries(plan.fields.map(({ id }) => [id, values.values[id]]))
    const { error } = cached.schema.safeParse(answers)
    const fields: Record<string, FormError> = {}
    for (const issue of error?.issues ?? []) {
      // The core's issues carry their code (and limits) in `params`.
      const params: Record<string, unknown> = (issue.code === 'custom' && issue.params) || {}
      const code = typeof params.code === 'string' ? params.code : 'invalid'
      fields[String(issue.path[0])] ??= {
        code,
        message: validationText(messages, code, issue.message, params),
      }
    }
    return fields
  }
}

/**
 * The errors of a failed submission as the core maps them: next to each planned field, the
 * rest for the summary; texts from `messages.validation` where it has the code.
 */
export function submitErrors(error: TrickleError, plan: VisitPlan, messages: Messages): FormErrors {
  const { fieldErrors, formErrors } = formSessionErrors(error, plan)
  const text = ({ code, message }: FormError): FormError => ({
    code,
    message: validationText(messages, code, message),
  })
  return {
    fields: Object.fromEntries(Object.entries(fieldErrors).map(([id, item]) => [id, text(item)])),
    form: formErrors.map(text),
  }
}
