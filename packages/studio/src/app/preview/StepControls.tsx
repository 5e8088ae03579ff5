import { localize, sampleAnswer, type Config, type JourneyVisit } from '@trickle/core'
import { useId } from 'react'
import { format, type StudioMessages } from '../messages'
import type { PersonaStep } from './persona'

interface StepControlsProps {
  config: Config
  step: PersonaStep
  /** 1-based. */
  n: number
  /** The simulated visit of this step (its plan names the fields and consents to control). */
  visit: JourneyVisit | undefined
  locale: string
  t: StudioMessages
  onChange: (step: PersonaStep) => void
  onRemove: (() => void) | undefined
}

const shown = (value: unknown): string => (Array.isArray(value) ? value.join(', ') : String(value))

/**
 * What the previewed visitor does on one visit: which form, when, the answers (empty: a sample
 * answer), which optional fields they leave empty, which consents they give and whether they
 * click the double opt-in link.
 */
export function StepControls({
  config,
  step,
  n,
  visit,
  locale,
  t,
  onChange,
  onRemove,
}: StepControlsProps) {
  const id = useId()
  const set = (patch: Partial<PersonaStep>) => onChange({ ...step, ...patch })
  const label = (text: Parameters<typeof localize>[0]) => localize(text, locale, config)
  const fields = visit?.plan.fields ?? []
  const consents = visit?.plan.consents ?? []
  const doubleOptIn = consents.some((consent) => consent.purpose.doubleOptIn === true)

  return (
    <fieldset className="step-controls" data-step={n}>
      <legend>{format(t.visitHeading, { n, form: step.formId, day: visit?.day ?? '…' })}</legend>
      <div className="row">
        <label htmlFor={`${id}-form`}>{t.visitForm}</label>
        <select
          id={`${id}-form`}
          value={step.formId}
          onChange={(event) => set({ formId: event.target.value })}
        >
          {config.forms.map((form) => (
            <option key={form.id} value={form.id}>
              {form.id}
            </option>
          ))}
        </select>
        {n > 1 && (
          <>
            <label htmlFor={`${id}-days`}>{t.daysAfter}</label>
            <input
              id={`${id}-days`}
              type="number"
              min={0}
              max={3650}
              value={step.daysAfter ?? ''}
              onChange={(event) => {
                const { daysAfter: _previous, ...rest } = step
                const value = event.target.value
                onChange(value === '' ? rest : { ...rest, daysAfter: Math.max(0, Number(value)) })
              }}
            />
          </>
        )}
        {onRemove && (
          <button type="button" onClick={onRemove}>
            {format(t.removeVisit, { n })}
          </button>
        )}
      </div>
      {fields.length > 0 && (
        <div className="answers">
          <span className="group-label">{t.answers}</span>
          {fields.map(({ id: fieldId, field }) => (
            <div className="row" key={fieldId}>
              <label htmlFor={`${id}-answer-${fieldId}`}>
                {format(t.answerFor, { field: label(field.label) })}
              </label>
              <input
                id={`${id}-answer-${fieldId}`}
                data-answer={fieldId}
                value={step.answers[fieldId] ?? ''}
                placeholder={shown(sampleAnswer(field))}
                disabled={step.declined.includes(fieldId)}
                onChange={(event) =>
                  set({ answers: { ...step.answers, [fieldId]: event.target.value } })
                }
              />
              {!field.required && (
                <label className="check">
                  <input
                    type="checkbox"
                    data-decline={fieldId}
                    checked={step.declined.includes(fieldId)}
                    onChange={(event) =>
                      set({
                        declined: event.target.checked
                          ? [...step.declined, fieldId]
                          : step.declined.filter((declined) => declined !== fieldId),
                      })
                    }
                  />
                  {t.declined}
                </label>
              )}
            </div>
          ))}
        </div>
      )}
      {consents.length > 0 && (
        <div className="consents">
          <span className="group-label">{t.consents}</span>
          {consents.map(({ purposeId, purpose }) => (
            <label className="check" key={purposeId}>
              <input
                type="checkbox"
                data-consent={purposeId}
                checked={step.consents[purposeId] === true}
                onChange={(event) =>
                  set({ consents: { ...step.consents, [purposeId]: event.target.checked } })
                }
              />
              {format(t.agrees, { purpose: label(purpose.label) })}
            </label>
          ))}
          {doubleOptIn && (
            <label className="check">
              <input
                type="checkbox"
                data-confirm-doi=""
                checked={step.confirmDoubleOptIn}
                onChange={(event) => set({ confirmDoubleOptIn: event.target.checked })}
              />
              {t.confirmsDoubleOptIn}
            </label>
          )}
        </div>
      )}
    </fieldset>
  )
}
