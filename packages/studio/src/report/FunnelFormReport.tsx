import type { Config } from '@trickle/core'
import { useId } from 'react'
import type { FunnelForm, StudioRange } from '../studioApi'
import { BarChart } from './BarChart'
import { CountsTable } from './CountsTable'
import { DayChart } from './DayChart'
import { daysOf } from './dateRange'
import { FieldTable } from './FieldTable'
import { fieldLabel } from './reportLabels'
import { count, fill, percent, type ReportLocale, type ReportMessages } from './reportMessages'

interface FunnelFormReportProps {
  form: FunnelForm
  /** The report's range: the chart per day shows every day of it, counted or not. */
  range: StudioRange
  config: Config | null
  locale: ReportLocale
  t: ReportMessages
}

/** One form's funnel: the steps, the drop-off per field, per visit, per language and per day. */
export function FunnelFormReport({ form, range, config, locale, t }: FunnelFormReportProps) {
  const id = useId()
  const { totals } = form
  const name = form.formId
  // The server lists every form of the config, counted or not.
  if (totals.shown === 0 && totals.started === 0) {
    return (
      <section className="report-form" aria-labelledby={`${id}-h`}>
        <h3 id={`${id}-h`}>{name}</h3>
        <p>{fill(t.noDataForm, { form: name })}</p>
      </section>
    )
  }
  const ofShown = (value: number) =>
    totals.shown === 0
      ? t.none
      : fill(t.ofShown, { percent: percent(value / totals.shown, locale) })
  const steps = [
    { label: t.shown, value: totals.shown },
    { label: t.started, value: totals.started },
    { label: t.submitted, value: totals.submitted },
    { label: t.left, value: totals.left },
  ]
  const label = (fieldId: string) => fieldLabel(config, fieldId, locale)
  const days = form.days
  const counted = new Map(days.map((day) => [day.day, day]))
  const allDays = daysOf(range)
  return (
    <section className="report-form" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{name}</h3>

      <h4>{t.funnel}</h4>
      <BarChart
        title={`${t.funnel}: ${name}`}
        description={fill(t.funnelChart, {
          form: name,
          shown: totals.shown,
          started: totals.started,
          submitted: totals.submitted,
          left: totals.left,
        })}
        bars={steps.map((step) => ({ ...step, display: count(step.value, locale) }))}
      />
      <table className="report-table">
        <caption>
          {t.funnel}: {name}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t.step}</th>
            <th scope="col">{t.visitors}</th>
            <th scope="col">{t.share}</th>
          </tr>
        </thead>
        <tbody>
          {steps.map((step) => (
            <tr key={step.label}>
              <th scope="row">{step.label}</th>
              <td>{count(step.value, locale)}</td>
              <td>{ofShown(step.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h4>{t.fields}</h4>
      <p className="report-help">{t.dropOffHelp}</p>
      {form.fields.length > 0 && (
        <BarChart
          title={`${t.fields}: ${name}`}
          description={fill(t.fieldsChart, {
            form: name,
            list: form.fields
              .map((field) => `${label(field.fieldId)} ${percent(field.dropOff, locale)}`)
              .join(', '),
          })}
          max={Math.max(...form.fields.map((field) => field.dropOff))}
          bars={form.fields.map((field) => ({
            label: label(field.fieldId),
            value: field.dropOff,
            display: percent(field.dropOff, locale),
          }))}
        />
      )}
      <FieldTable
        caption={fill(t.fieldsCaption, { form: name })}
        fields={form.fields}
        config={config}
        locale={locale}
        t={t}
      />

      <h4>{t.visits}</h4>
      {form.visits.length > 0 && (
        <BarChart
          title={`${t.visits}: ${name}`}
          description={form.visits
            .map(
              (visit) =>
                `${fill(t.visitN, { n: visit.visit })}: ${t.submitted} ${visit.submitted} / ${t.shown} ${visit.shown}`,
            )
            .join('; ')}
          max={1}
          bars={form.visits.map((visit) => ({
            label: fill(t.visitN, { n: visit.visit }),
            value: visit.shown === 0 ? 0 : visit.submitted / visit.shown,
            display: visit.shown === 0 ? t.none : percent(visit.submitted / visit.shown, locale),
          }))}
        />
      )}
      <CountsTable
        caption={fill(t.visitsCaption, { form: name })}
        heading={t.visit}
        rows={form.visits.map((visit) => ({
          ...visit,
          key: String(visit.visit),
          label: fill(t.visitN, { n: visit.visit }),
        }))}
        locale={locale}
        t={t}
      />
      {form.visits
        .filter((visit) => visit.fields.length > 0)
        .map((visit) => (
          <details key={visit.visit} className="report-details">
            <summary>
              {t.fields}: {fill(t.visitN, { n: visit.visit })}
            </summary>
            <FieldTable
              caption={`${fill(t.fieldsCaption, { form: name })}, ${fill(t.visitN, { n: visit.visit })}`}
              fields={visit.fields}
              config={config}
              locale={locale}
              t={t}
            />
          </details>
        ))}

      <h4>{t.locales}</h4>
      <CountsTable
        caption={fill(t.localesCaption, { form: name })}
        heading={t.language}
        rows={form.locales.map((row) => ({ ...row, key: row.locale, label: row.locale }))}
        locale={locale}
        t={t}
      />

      <h4>{t.days}</h4>
      {days.length > 0 && (
        <DayChart
          title={`${t.days}: ${name}`}
          description={fill(t.daysChart, {
            form: name,
            from: range.from,
            to: range.to,
            max: Math.max(...days.map((day) => day.shown)),
          })}
          totalLabel={t.shown}
          partLabel={t.submitted}
          points={(allDays.length > 0 ? allDays : days.map((day) => day.day)).map((day) => ({
            day,
            total: counted.get(day)?.shown ?? 0,
            part: counted.get(day)?.submitted ?? 0,
          }))}
        />
      )}
      <details className="report-details">
        <summary>{fill(t.daysCaption, { form: name })}</summary>
        <CountsTable
          caption={fill(t.daysCaption, { form: name })}
          heading={t.day}
          rows={days.map((day) => ({ ...day, key: day.day, label: day.day }))}
          locale={locale}
          t={t}
        />
      </details>
    </section>
  )
}
