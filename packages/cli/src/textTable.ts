/** Text from a server, shown on a terminal: no control characters. */
export function clean(text: string): string {
  return text.replace(/\p{Cc}/gu, '?')
}

/** Columns padded to their widest cell. */
export function textTable(header: string[], rows: string[][], indent = ''): string[] {
  const widths = header.map((h, i) =>
    Math.max(h.length, ...rows.map((row) => (row[i] ?? '').length)),
  )
  const line = (cells: string[]) =>
    indent +
    cells
      .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd()
  return [line(header), ...rows.map(line)]
}

/** An ISO time as `2026-12-06 10:00:00` (UTC), or `-`. */
export function utc(iso: string | null | undefined): string {
  return iso ? iso.slice(0, 19).replace('T', ' ') : '-'
}
