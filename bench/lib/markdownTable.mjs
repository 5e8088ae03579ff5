/**
 * A Markdown table. `align` holds 'l' or 'r' per column (default: first column left, the
 * others right, since they hold figures).
 */
export function markdownTable(headers, rows, align = headers.map((_, i) => (i === 0 ? 'l' : 'r'))) {
  const escape = (cell) => String(cell).replace(/\|/g, '\\|').replace(/\n/g, ' ')
  const line = (cells) => `| ${cells.map(escape).join(' | ')} |`
  const rule = `|${align.map((a) => (a === 'r' ? '---:' : ':---')).join('|')}|`
  return [line(headers), rule, ...rows.map(line)].join('\n')
}
