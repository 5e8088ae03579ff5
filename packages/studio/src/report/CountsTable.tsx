import type { FunnelCounts } from '../studioApi'
import { count, percent, type ReportLocale, type ReportMessages } from './reportMessages'

export interface CountsRow extends FunnelCounts {
  key: string
  /** What the row is about (a visit, a language, a day), shown in its first cell. */
  label: string
}

interface CountsTableProps {
  caption: string
  /** The heading of the first column. */
  heading: string
  rows: CountsRow[]
  locale: ReportLocale
  t: ReportMessages
}

/** Shown, started, submitted and left per row, with the submitted share of shown. */
export function CountsTable({ caption, heading, rows, locale, t }: CountsTableProps) {
  return (
    <table className="report-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{heading}</th>
          <th scope="col">{t.shown}</th>
          <th scope="col">{t.started}</th>
          <th scope="col">{t.submitted}</th>
          <th scope="col">{t.left}</th>
          <th scope="col">{t.share}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            <td>{count(row.shown, locale)}</td>
            <td>{count(row.started, locale)}</td>
            <td>{count(row.submitted, locale)}</td>
            <td>{count(row.left, locale)}</td>
            <td>{row.shown === 0 ? t.none : percent(row.submitted / row.shown, locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
