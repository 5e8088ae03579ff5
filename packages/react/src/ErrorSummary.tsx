import { localize, type VisitPlan } from '@trickle/core'
import type { FormControl } from './formControl'
import { useFormErrors } from './useFormErrors'
import { useTrickle } from './useTrickle'

export interface ErrorSummaryProps {
  plan: VisitPlan
  form: FormControl
  idPrefix: string
}

/** After a submit with invalid answers: every problem, in form order, each linking to its field. */
export function ErrorSummary({ plan, form, idPrefix }: ErrorSummaryProps) {
  const { trickle, locale, messages } = useTrickle()
  const errors = useFormErrors(form)
  const titleId = `${idPrefix}-errors`
  const items = [
    ...plan.fields.map(({ id, field }) => {
      const message = errors.fields[id]?.message
      return message ? (
        <li key={id}>
          <a
            href={`#${idPrefix}-${id}`}
            onClick={(event) => {
              event.preventDefault()
              form.setFocus(`values.${id}`)
            }}
          >
            {localize(field.label, locale, trickle.config)}: {message}
          </a>
        </li>
      ) : null
    }),
    // Problems of a sent submission that belong to no planned field.
    ...errors.form.map((error, index) => <li key={`${error.code}-${index}`}>{error.message}</li>),
  ].filter((item) => item !== null)
  if (items.length === 0) return null
  return (
    <div className="trickle-error-summary" aria-labelledby={titleId} role="group">
      <p className="trickle-error-summary-title" id={titleId}>
        {messages.errorSummary}
      </p>
      <ul className="trickle-error-summary-list">{items}</ul>
    </div>
  )
}
