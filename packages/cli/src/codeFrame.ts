import type { SourcePosition } from './jsonSourceMap'

export interface Colors {
  red(text: string): string
  dim(text: string): string
  bold(text: string): string
  cyan(text: string): string
  yellow(text: string): string
  green(text: string): string
}

const identity = (text: string): string => text

export const noColors: Colors = {
  red: identity,
  dim: identity,
  bold: identity,
  cyan: identity,
  yellow: identity,
  green: identity,
}

const ansi =
  (open: number, close: number) =>
  (text: string): string =>
    `\u001b[${open}m${text}\u001b[${close}m`

export const ansiColors: Colors = {
  red: ansi(31, 39),
  dim: ansi(2, 22),
  bold: ansi(1, 22),
  cyan: ansi(36, 39),
  yellow: ansi(33, 39),
  green: ansi(32, 39),
}

/**
 * A compiler-style excerpt of the source around a position: two lines of context, line numbers,
 * and a caret under the column.
 */
export function codeFrame(
  source: string,
  position: SourcePosition,
  colors: Colors = noColors,
  context = 2,
): string {
  const lines = source.split(/\r?\n/)
  const first = Math.max(1, position.line - context)
  const last = Math.min(lines.length, position.line + context)
  const width = String(last).length
  const out: string[] = []
  for (let line = first; line <= last; line++) {
    const text = (lines[line - 1] ?? '').replace(/\t/g, '  ')
    const gutter = String(line).padStart(width)
    if (line === position.line) {
      out.push(`${colors.red('>')} ${colors.dim(`${gutter} |`)} ${text}`)
      const before = (lines[line - 1] ?? '').slice(0, position.column - 1).replace(/\t/g, '  ')
      out.push(
        `  ${colors.dim(`${' '.repeat(width)} |`)} ${' '.repeat(before.length)}${colors.red('^')}`,
      )
    } else {
      out.push(`  ${colors.dim(`${gutter} |`)} ${text}`)
    }
  }
  return out.join('\n')
}
