import { submissionSchema, type Config, type VisitPlan } from '@trickle/core'
import type { FieldError, FieldErrors, Resolver } from 'react-hook-form'
import type { TrickleFormValues } from './components'
import { formatMessage, type Messages } from './messages'

interface IssueParams {
  code?: unknown
  minimum?: unknown
  maximum?: unknown
}

/** The validation message: an override from `messages.validation` by code, else the core's. */
export function validationText(
  messages: Messages,
  code: string,
  fallback: string,
  params: IssueParams = {},
): string {
  const override = messages.validation?.[code]
  if (override === undefined) return fallback
  const values: Record<string, string> = {}
  if (typeof params.minimum === 'number') values.minimum = String(params.minimum)
  if (typeof params.maximum === 'number') values.maximum = String(params.maximum)
  return formatMessage(override, values)
}

/**
 * A react-hook-form resolver for one plan: the core's `submissionSchema` over exactly the
 * planned answers (a hidden or unplanned field never blocks the form). On success the raw
 * values are passed on; the core cleans them again when submitting.
 */
export function planResolver(
  config: Config,
  plan: VisitPlan,
  locale: string,
  messages: Messages,
): Resolver<TrickleFormValues> {
  const schema = submissionSchema(config, plan, locale)
  return async (formValues) => {
    const answers: Record<string, unknown> = {}
    for (const { id } of plan.fields) answers[id] = formValues.values?.[id]
    const result = await schema['~standard'].validate(answers)
    if (!result.issues) return { values: formValues, errors: {} }

    const fieldErrors: Record<string, FieldError> = {}
    for (const issue of result.issues) {
      const segment = issue.path?.[0]
      const id = typeof segment === 'object' ? segment.key : segment
      if (typeof id !== 'string' || Object.hasOwn(fieldErrors, id)) continue
      const params: IssueParams = (issue as { params?: IssueParams }).params ?? {}
      const code = typeof params.code === 'string' ? params.code : 'invalid'
      fieldErrors[id] = {
        type: code,
        message: validationText(messages, code, issue.message, params),
      }
    }
    const errors: FieldErrors<TrickleFormValues> = { values: fieldErrors }
    return { values: {}, errors }
  }
}
