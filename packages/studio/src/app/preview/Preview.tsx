import { simulateJourney, type Config, type JourneyWarning } from '@trickle/core'
import { useEffect, useId, useMemo, useState } from 'react'
import { format, type StudioMessages } from '../messages'
import { journeyOf, personaStep, visitsOf, withSequence, type Persona } from './persona'
import { StepControls } from './StepControls'
import { VisitPreview } from './VisitPreview'

/** A form's field order being previewed instead of the config's (from the report tab). */
export interface PreviewOrder {
  formId: string
  sequence: string[]
}

interface PreviewProps {
  /** The last valid config (null: none yet). */
  config: Config | null
  /** The editor's text has errors: the preview shows the last valid config. */
  stale: boolean
  order: PreviewOrder | null
  onClearOrder: () => void
  t: StudioMessages
}

function warningText(warning: JourneyWarning, t: StudioMessages): string {
  const template = {
    'unknown-answer': t.warningUnknownAnswer,
    'unknown-consent': t.warningUnknownConsent,
    'not-offered': t.warningNotOffered,
    'not-optional': t.warningNotOptional,
  }[warning.code]
  return format(template, { step: warning.step, id: warning.id })
}

/**
 * The live preview: a persona walks through visits (one form's visits 1..N, or a journey across
 * forms), `simulateJourney` computes the profile each visit arrives with, and each visit is
 * rendered with the real form. Recomputed whenever the config or the persona changes.
 */
export function Preview({ config: valid, stale, order, onClearOrder, t }: PreviewProps) {
  const id = useId()
  const [persona, setPersona] = useState<Persona | null>(null)
  // The first valid config chooses the starting persona: visits 1-3 of the first form.
  useEffect(() => {
    if (valid && !persona) {
      const first = valid.forms[0]?.id
      if (first)
        setPersona({ locale: valid.locales[0] ?? 'en', daysBetween: 7, steps: visitsOf(first, 3) })
    }
  }, [valid, persona])
  // A suggested order being previewed: show that form's visits 1-3.
  const orderForm = order?.formId
  useEffect(() => {
    if (orderForm !== undefined) {
      setPersona((current) => (current ? { ...current, steps: visitsOf(orderForm, 3) } : current))
    }
  }, [orderForm])
  const [start] = useState(() => new Date())
  const config = useMemo(
    () => (valid && order ? withSequence(valid, order.formId, order.sequence) : valid),
    [valid, order],
  )
  const result = useMemo(
    () => (config && persona ? simulateJourney(config, journeyOf(config, persona, start)) : null),
    [config, persona, start],
  )

  if (!config || !persona) {
    return <p className="preview-none">{t.previewNone}</p>
  }
  const forms = config.forms.map((form) => form.id)
  const [first = '', second = first] = forms
  const locale = config.locales.includes(persona.locale)
    ? persona.locale
    : (config.locales[0] ?? 'en')
  const update = (patch: Partial<Persona>) => setPersona({ ...persona, ...patch })

  return (
    <div className="preview">
      {stale && (
        <p className="preview-stale" role="status">
          {t.previewStale}
        </p>
      )}
      {order && (
        <p className="preview-order" role="status">
          {format(t.previewOrder, { form: order.formId })}{' '}
          <button type="button" onClick={onClearOrder}>
            {t.previewOrderClear}
          </button>
        </p>
      )}
      <fieldset className="persona">
        <legend>{t.persona}</legend>
        <div className="row">
          <label htmlFor={`${id}-locale`}>{t.locale}</label>
          <select
            id={`${id}-locale`}
            value={locale}
            onChange={(e) => update({ locale: e.target.value })}
          >
            {config.locales.map((tag) => (
              <option key={tag} value={tag}>
                {tag}
              </option>
            ))}
          </select>
          <label htmlFor={`${id}-days`}>{t.daysBetween}</label>
          <input
            id={`${id}-days`}
            type="number"
            min={0}
            max={3650}
            value={persona.daysBetween}
            onChange={(e) => update({ daysBetween: Math.max(0, Number(e.target.value) || 0) })}
          />
        </div>
        <div className="row presets">
          {forms.map((form) => (
            <button key={form} type="button" onClick={() => update({ steps: visitsOf(form, 3) })}>
              {format(t.presetVisits, { form })}
            </button>
          ))}
          {forms.length > 1 &&
            forms.slice(1).map((other) => (
              <button
                key={`journey-${other}`}
                type="button"
                onClick={() => update({ steps: [personaStep(first), personaStep(other)] })}
              >
                {format(t.presetJourney, { first, second: other })}
              </button>
            ))}
          <button
            type="button"
            onClick={() =>
              update({
                steps: [...persona.steps, personaStep(persona.steps.at(-1)?.formId ?? second)],
              })
            }
          >
            {t.addVisit}
          </button>
        </div>
      </fieldset>
      {result && !result.ok && (
        <p className="preview-error" role="alert">
          {format(t.journeyFailed, {
            step: result.step,
            reason: format(result.code === 'unknown-form' ? t.unknownForm : t.doesNotSettle, {
              form: result.formId,
            }),
          })}
        </p>
      )}
      {result?.ok && result.warnings.length > 0 && (
        <ul className="preview-warnings">
          {result.warnings.map((warning) => (
            <li key={`${warning.step}-${warning.code}-${warning.id}`}>{warningText(warning, t)}</li>
          ))}
        </ul>
      )}
      <ol className="visits">
        {persona.steps.map((step, index) => {
          const visit = result?.ok ? result.visits[index] : undefined
          return (
            <li key={index} className="visit-item">
              <StepControls
                config={config}
                step={step}
                n={index + 1}
                visit={visit}
                locale={locale}
                t={t}
                onChange={(next) =>
                  update({ steps: persona.steps.map((old, i) => (i === index ? next : old)) })
                }
                onRemove={
                  persona.steps.length > 1
                    ? () => update({ steps: persona.steps.filter((_, i) => i !== index) })
                    : undefined
                }
              />
              {visit && <VisitPreview config={config} visit={visit} locale={locale} t={t} />}
            </li>
          )
        })}
      </ol>
    </div>
  )
}
