import type { FunnelRow } from './funnelStore'

export const funnelCsvHeader = [
  'day',
  'form',
  'visit',
  'locale',
  'metric',
  'field',
  'count',
] as const

/**
 * A cell as RFC 4180 wants it; a cell a spreadsheet would run as a formula (starting with =, +,
 * -, @) gets a leading apostrophe. Ids cannot start so, but the rule costs nothing.
 */
function cell(value: string | number): string {
  let text = String(value)
  if (/^[=+\-@]/.test(text)) text = `'${text}`
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/**
 * The funnel counts as CSV: a header row, then one row per day, form, visit, locale, metric and
 * field (empty for the form-level metrics) with its count. Counts only: no personal data.
 */
export function funnelCsv(rows: readonly FunnelRow[]): string {
  const lines = [funnelCsvHeader.join(',')]
  for (const row of rows) {
    lines.push(
      [row.day, row.formId, row.visit, row.locale, row.metric, row.fieldId, row.count]
        .map(cell)
        .join(','),
    )
  }
  return `${lines.join('\r\n')}\r\n`
}
