import type { Config } from '@trickle/core'
import { useEffect, useId, useState } from 'react'
import type { FunnelReport, Insights, StudioRange } from '../studioApi'
import { CsvLink, type CsvStudioApi } from './CsvLink'
import { isValidRange, lastDays, presetOf, rangePresets } from './dateRange'
import { DoubleOptInReport } from './DoubleOptInReport'
import { FrictionPanel } from './FrictionPanel'
import { FunnelFormReport } from './FunnelFormReport'
import { fill, reportMessages, type ReportLocale } from './reportMessages'
import './report.css'

export interface ReportTabProps {
  /** The report API, or `null` when no server is connected (the tab then says how to connect). */
  api: CsvStudioApi | null
  /** The config being edited (for field labels and the form picker); null while it is invalid. */
  config: Config | null
  locale: ReportLocale
  /** Shows a form in the preview with its fields in this order. */
  onPreviewOrder: (formId: string, order: string[]) => void
  /** Writes an order into the editor's sequence of the form (not saved). */
  onAcceptOrder: (formId: string, order: string[]) => void
  /** Today, for the date presets (tests pin it). */
  today?: Date
}

type Loaded<T> =
  { state: 'loading' } | { state: 'failed'; message: string } | { state: 'ready'; data: T }

const defaultPreset = 30

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error))

/** A timestamp in the UI language, or as it came when it is not one. */
function timeOf(iso: string, locale: ReportLocale): string {
  const time = new Date(iso)
  return Number.isNaN(time.getTime())
    ? iso
    : new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(time)
}

/** Whether the report counted anything at all in its range. */
function hasData(report: FunnelReport): boolean {
  return (
    report.doubleOptIn.requested > 0 ||
    report.forms.some((form) => form.totals.shown > 0 || form.totals.started > 0)
  )
}

/** The report tab: a date range and form, the funnel per form, double opt-in, CSV, value per friction. */
export function ReportTab({
  api,
  config,
  locale,
  onPreviewOrder,
  onAcceptOrder,
  today = new Date(),
}: ReportTabProps) {
  const t = reportMessages[locale]
  const id = useId()
  const [range, setRange] = useState<StudioRange>(() => lastDays(defaultPreset, today))
  const [formId, setFormId] = useState('')
  const [attempt, setAttempt] = useState(0)
  const [report, setReport] = useState<Loaded<FunnelReport>>({ state: 'loading' })
  const [insights, setInsights] = useState<Loaded<Insights>>({ state: 'loading' })
  const valid = isValidRange(range)
  const query: StudioRange = formId
    ? { ...range, form: formId }
    : { from: range.from, to: range.to }

  useEffect(() => {
    if (!api || !isValidRange(range)) return
    let cancelled = false
    const asked: StudioRange = { from: range.from, to: range.to }
    setReport({ state: 'loading' })
    setInsights({ state: 'loading' })
    api.funnel(formId ? { ...asked, form: formId } : asked).then(
      (data) => !cancelled && setReport({ state: 'ready', data }),
      (error: unknown) => !cancelled && setReport({ state: 'failed', message: messageOf(error) }),
    )
    api.insights(asked).then(
      (data) => !cancelled && setInsights({ state: 'ready', data }),
      (error: unknown) => !cancelled && setInsights({ state: 'failed', message: messageOf(error) }),
    )
    return () => {
      cancelled = true
    }
  }, [api, range, formId, attempt])

  if (!api) {
    return (
      <section className="report" aria-labelledby={`${id}-h`}>
        <h2 id={`${id}-h`}>{t.heading}</h2>
        <p className="report-none">{t.noServer}</p>
      </section>
    )
  }

  const formIds = config
    ? config.forms.map((form) => form.id)
    : report.state === 'ready'
      ? report.data.forms.map((form) => form.formId)
      : []
  const pressed = presetOf(range, today)

  return (
    <section className="report" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t.heading}</h2>
      <div className="report-controls">
        <fieldset>
          <legend>{t.range}</legend>
          {rangePresets.map((days) => (
            <button
              key={days}
              type="button"
              aria-pressed={pressed === days}
              onClick={() => setRange(lastDays(days, today))}
            >
              {fill(t.preset, { n: days })}
            </button>
          ))}
          <label>
            {t.from}{' '}
            <input
              type="date"
              value={range.from}
              aria-invalid={!valid}
              aria-describedby={valid ? undefined : `${id}-range-error`}
              onChange={(event) => setRange({ ...range, from: event.target.value })}
            />
          </label>
          <label>
            {t.to}{' '}
            <input
              type="date"
              value={range.to}
              aria-invalid={!valid}
              aria-describedby={valid ? undefined : `${id}-range-error`}
              onChange={(event) => setRange({ ...range, to: event.target.value })}
            />
          </label>
        </fieldset>
        <label>
          {t.form}{' '}
          <select value={formId} onChange={(event) => setFormId(event.target.value)}>
            <option value="">{t.allForms}</option>
            {formIds.map((form) => (
              <option key={form} value={form}>
                {form}
              </option>
            ))}
          </select>
        </label>
      </div>
      {!valid && (
        <p id={`${id}-range-error`} role="alert" className="report-error">
          {t.rangeInvalid}
        </p>
      )}
      {valid && (
        <>
          <CsvLink api={api} range={query} t={t} />
          {report.state === 'loading' && <p role="status">{t.loading}</p>}
          {report.state === 'failed' && (
            <div role="alert" className="report-error">
              <p>
                {t.failed} {report.message}
              </p>
              <button type="button" onClick={() => setAttempt((n) => n + 1)}>
                {t.retry}
              </button>
            </div>
          )}
          {report.state === 'ready' &&
            (!hasData(report.data) ? (
              <p className="report-none">{t.noData}</p>
            ) : (
              <>
                <p className="report-help">
                  {fill(t.generatedAt, { time: timeOf(report.data.generatedAt, locale) })}
                </p>
                {report.data.forms.map((form) => (
                  <FunnelFormReport
                    key={form.formId}
                    form={form}
                    range={report.data}
                    config={config}
                    locale={locale}
                    t={t}
                  />
                ))}
                <DoubleOptInReport doubleOptIn={report.data.doubleOptIn} locale={locale} t={t} />
              </>
            ))}
          <section aria-labelledby={`${id}-friction`}>
            <h3 id={`${id}-friction`}>{t.friction}</h3>
            {insights.state === 'loading' && <p>{t.loading}</p>}
            {insights.state === 'failed' && (
              <p role="alert" className="report-error">
                {t.frictionFailed} {insights.message}
              </p>
            )}
            {insights.state === 'ready' && (
              <FrictionPanel
                insights={insights.data}
                config={config}
                locale={locale}
                {...(formId ? { formId } : {})}
                onPreviewOrder={onPreviewOrder}
                onAcceptOrder={onAcceptOrder}
              />
            )}
          </section>
        </>
      )}
    </section>
  )
}
