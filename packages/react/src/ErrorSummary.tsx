import { localize, type VisitPlan } from '@trickle/core'
import { useFormState, type UseFormReturn } from 'react-hook-form'
import type { TrickleFormValues } from './components'
import { useTrickle } from './useTrickle'

export interface ErrorSummaryProps {
  plan: VisitPlan
  form: UseFormReturn<TrickleFormValues>
  idPrefix: string
}

/** After a submit with invalid answers: every problem, in form order, each linking to its field. */
export function ErrorSummary({ plan, form, idPrefix }: ErrorSummaryProps) {
  const { trickle, locale, messages } = useTrickle()
  const { errors, submitCount } = useFormState({ control: form.control })
  const entries = plan.fields.flatMap(({ id, field }) => {
    const message = errors.values?.[id]?.message
    return typeof message === 'string' && message !== ''
      ? [{ id, label: localize(field.label, locale, trickle.config), message }]
      : []
  })
  const root = errors.root ?? {}
  const general = Object.keys(root).flatMap((key) => {
    const entry: unknown = root[key]
    if (typeof entry !== 'object' || entry === null || !('message' in entry)) return []
    return typeof entry.message === 'string' ? [{ key, message: entry.message }] : []
  })
  if (submitCount === 0 || entries.length + general.length === 0) return null
  const titleId = `${idPrefix}-errors`
  return (
    <div className="trickle-error-summary" aria-labelledby={titleId} role="group">
      <p className="trickle-error-summary-title" id={titleId}>
        {messages.errorSummary}
      </p>
      <ul className="trickle-error-summary-list">
        {entries.map((entry) => (
          <li key={entry.id}>
            <a
              href={`#${idPrefix}-${entry.id}`}
              onClick={(event) => {
                event.preventDefault()
                form.setFocus(`values.${entry.id}`)
              }}
            >
              {entry.label}: {entry.message}
            </a>
          </li>
        ))}
        {general.map((entry) => (
          <li key={entry.key}>{entry.message}</li>
        ))}
      </ul>
    </div>
  )
}
