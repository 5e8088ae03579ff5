import type { Config } from '@trickle/core'
import { useId, useState } from 'react'
import type { FieldInsight, Insights, SequenceSuggestion } from '../studioApi'
import { fieldLabel, purposeLabel } from './reportLabels'
import {
  count,
  fill,
  percent,
  reportMessages,
  type ReportLocale,
  type ReportMessages,
} from './reportMessages'

export interface FrictionPanelProps {
  insights: Insights
  config: Config | null
  locale: ReportLocale
  /** Only this form's suggestion (all forms when absent). */
  formId?: string
  /** Shows the form in the preview with its fields in this order (nothing is written). */
  onPreviewOrder: (formId: string, order: string[]) => void
  /** Writes the order into the editor's sequence of the form (the marketer saves it). */
  onAcceptOrder: (formId: string, order: string[]) => void
}

const number = (value: number, locale: ReportLocale) =>
  new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }).format(value)

/**
 * Value per friction: each field's drop-off cost next to how often its purposes are used, and
 * per form the suggested order with the reason for every move. An order is only ever written
 * into the editor when the marketer previews it and then accepts it.
 */
export function FrictionPanel({
  insights,
  config,
  locale,
  formId,
  onPreviewOrder,
  onAcceptOrder,
}: FrictionPanelProps) {
  const t = reportMessages[locale]
  const suggestions = insights.suggestions.filter(
    (suggestion) => formId === undefined || suggestion.formId === formId,
  )
  if (insights.fields.length === 0 && suggestions.length === 0) return <p>{t.frictionNone}</p>
  return (
    <div className="report-friction">
      <p className="report-help">{t.frictionIntro}</p>
      {insights.fields.length > 0 && (
        <table className="report-table">
          <caption>{t.frictionFields}</caption>
          <thead>
            <tr>
              <th scope="col">{t.field}</th>
              <th scope="col">{t.purposes}</th>
              <th scope="col">{t.fieldShown}</th>
              <th scope="col">{t.lastTouched}</th>
              <th scope="col">{t.cost}</th>
              <th scope="col">{t.deliveries}</th>
              <th scope="col">{t.askIfReads}</th>
              <th scope="col">{t.value}</th>
            </tr>
          </thead>
          <tbody>
            {insights.fields.map((field) => (
              <tr key={field.fieldId}>
                <th scope="row">
                  {fieldLabel(config, field.fieldId, locale)} <code>{field.fieldId}</code>
                </th>
                <td className="report-text">
                  {field.purposes
                    .map((purpose) => purposeLabel(config, purpose, locale))
                    .join(', ') || t.none}
                </td>
                <td>{count(field.shown, locale)}</td>
                <td>{count(field.lastTouched, locale)}</td>
                <td>{percent(field.dropOffCost, locale)}</td>
                <td>{count(field.usage.deliveries, locale)}</td>
                <td>{count(field.usage.askIfReads, locale)}</td>
                <td>{number(field.value, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {suggestions.map((suggestion) => (
        <SuggestionCard
          key={suggestion.formId}
          suggestion={suggestion}
          fields={insights.fields}
          config={config}
          locale={locale}
          t={t}
          onPreviewOrder={onPreviewOrder}
          onAcceptOrder={onAcceptOrder}
        />
      ))}
    </div>
  )
}

interface SuggestionCardProps {
  suggestion: SequenceSuggestion
  fields: FieldInsight[]
  config: Config | null
  locale: ReportLocale
  t: ReportMessages
  onPreviewOrder: (formId: string, order: string[]) => void
  onAcceptOrder: (formId: string, order: string[]) => void
}

/** One form's current and suggested order, why each field moves, and Preview then Accept. */
function SuggestionCard({
  suggestion,
  fields,
  config,
  locale,
  t,
  onPreviewOrder,
  onAcceptOrder,
}: SuggestionCardProps) {
  const id = useId()
  const { formId, current, suggested } = suggestion
  const orderKey = suggested.join('\n')
  const [previewed, setPreviewed] = useState<string | null>(null)
  const [accepted, setAccepted] = useState<string | null>(null)
  const label = (fieldId: string) => fieldLabel(config, fieldId, locale)
  const ready = previewed === orderKey
  const moves = suggested
    .map((fieldId, to) => ({ fieldId, from: current.indexOf(fieldId), to }))
    .filter((move) => move.from !== move.to)

  const reason = (fieldId: string) => {
    const insight = fields.find((field) => field.fieldId === fieldId)
    const english = suggestion.reasons[fieldId]
    if (locale === 'en' && english !== undefined) return <span>{english}</span>
    if (insight)
      return (
        <span>
          {fill(t.reasonGenerated, {
            percent: percent(insight.dropOffCost, locale),
            deliveries: count(insight.usage.deliveries, locale),
            reads: count(insight.usage.askIfReads, locale),
            value: number(insight.value, locale),
          })}
        </span>
      )
    return english === undefined ? null : <span lang="en">{english}</span>
  }

  return (
    <section className="report-suggestion" aria-labelledby={`${id}-h`}>
      <h4 id={`${id}-h`}>{fill(t.suggestionFor, { form: formId })}</h4>
      {!suggestion.changed ? (
        <p>{t.unchanged}</p>
      ) : (
        <>
          <div className="report-orders">
            <div>
              <h5 id={`${id}-current`}>{t.current}</h5>
              <ol aria-labelledby={`${id}-current`}>
                {current.map((fieldId) => (
                  <li key={fieldId}>{label(fieldId)}</li>
                ))}
              </ol>
            </div>
            <div>
              <h5 id={`${id}-suggested`}>{t.suggested}</h5>
              <ol aria-labelledby={`${id}-suggested`}>
                {suggested.map((fieldId) => (
                  <li key={fieldId}>{label(fieldId)}</li>
                ))}
              </ol>
            </div>
          </div>
          {moves.length > 0 && (
            <>
              <h5>{t.moves}</h5>
              <ul className="report-moves">
                {moves.map((move) => (
                  <li key={move.fieldId}>
                    <strong>
                      {fill(t.moved, {
                        field: label(move.fieldId),
                        from: move.from === -1 ? t.none : move.from + 1,
                        to: move.to + 1,
                      })}
                    </strong>{' '}
                    {reason(move.fieldId)}
                  </li>
                ))}
              </ul>
            </>
          )}
          <p id={`${id}-hint`} className="report-help">
            {fill(t.acceptHint, { form: formId })}
          </p>
          <div className="report-actions">
            <button
              type="button"
              onClick={() => {
                setPreviewed(orderKey)
                setAccepted(null)
                onPreviewOrder(formId, [...suggested])
              }}
            >
              {t.previewOrder}
            </button>
            <button
              type="button"
              disabled={!ready}
              aria-describedby={`${id}-hint`}
              onClick={() => {
                if (!ready) return
                setAccepted(orderKey)
                onAcceptOrder(formId, [...suggested])
              }}
            >
              {t.accept}
            </button>
          </div>
          <p role="status" className="report-status">
            {accepted === orderKey
              ? fill(t.accepted, { form: formId })
              : ready
                ? fill(t.previewing, { form: formId })
                : t.acceptAfterPreview}
          </p>
        </>
      )}
    </section>
  )
}
