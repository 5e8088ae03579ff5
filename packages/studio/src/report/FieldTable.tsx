import type { Config } from '@trickle/core'
import type { FunnelField } from '../studioApi'
import { fieldLabel } from './reportLabels'
import { count, percent, type ReportLocale, type ReportMessages } from './reportMessages'

interface FieldTableProps {
  caption: string
  fields: FunnelField[]
  config: Config | null
  locale: ReportLocale
  t: ReportMessages
}

/** Per field, in sequence order: shown, answered, left after it, and its drop-off. */
export function FieldTable({ caption, fields, config, locale, t }: FieldTableProps) {
  return (
    <table className="report-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t.field}</th>
          <th scope="col">{t.fieldShown}</th>
          <th scope="col">{t.answered}</th>
          <th scope="col">{t.lastTouched}</th>
          <th scope="col">{t.dropOff}</th>
        </tr>
      </thead>
      <tbody>
        {fields.map((field) => (
          <tr key={field.fieldId}>
            <th scope="row">
              {fieldLabel(config, field.fieldId, locale)} <code>{field.fieldId}</code>
            </th>
            <td>{count(field.shown, locale)}</td>
            <td>{count(field.answered, locale)}</td>
            <td>{count(field.lastTouched, locale)}</td>
            <td>{percent(field.dropOff, locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
