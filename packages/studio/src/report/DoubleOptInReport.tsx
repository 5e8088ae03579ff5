import type { FunnelReport } from '../studioApi'
import { BarChart } from './BarChart'
import { count, fill, percent, type ReportLocale, type ReportMessages } from './reportMessages'

interface DoubleOptInReportProps {
  doubleOptIn: FunnelReport['doubleOptIn']
  locale: ReportLocale
  t: ReportMessages
}

/** The double opt-in confirmation rate over the range, and the e-mails sent and confirmed per day. */
export function DoubleOptInReport({ doubleOptIn, locale, t }: DoubleOptInReportProps) {
  const { requested, confirmed, rate, days } = doubleOptIn
  const summary =
    requested === 0
      ? t.doubleOptInNone
      : fill(t.doubleOptInSummary, {
          confirmed: count(confirmed, locale),
          requested: count(requested, locale),
          percent: percent(rate, locale),
        })
  return (
    <section className="report-form">
      <h3>{t.doubleOptIn}</h3>
      <p>{summary}</p>
      {requested > 0 && (
        <>
          <BarChart
            title={t.doubleOptIn}
            description={summary}
            bars={[
              { label: t.requested, value: requested, display: count(requested, locale) },
              { label: t.confirmed, value: confirmed, display: count(confirmed, locale) },
            ]}
          />
          <details className="report-details">
            <summary>{t.doubleOptInCaption}</summary>
            <table className="report-table">
              <caption>{t.doubleOptInCaption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t.day}</th>
                  <th scope="col">{t.requested}</th>
                  <th scope="col">{t.confirmed}</th>
                  <th scope="col">{t.share}</th>
                </tr>
              </thead>
              <tbody>
                {days.map((day) => (
                  <tr key={day.day}>
                    <th scope="row">{day.day}</th>
                    <td>{count(day.requested, locale)}</td>
                    <td>{count(day.confirmed, locale)}</td>
                    <td>
                      {day.requested === 0
                        ? t.none
                        : percent(day.confirmed / day.requested, locale)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </details>
        </>
      )}
    </section>
  )
}
