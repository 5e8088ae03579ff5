import type { ConfigIssue } from '@trickle/core'
import { codeFrame } from './codeFrame'
import type { CliIo } from './io'
import { locatePointer, type SourceLocation } from './jsonSourceMap'
import { readConfigFile } from './readConfigFile'

export interface LocatedIssue extends ConfigIssue {
  severity: 'error' | 'warning'
  line: number
  column: number
}

/** Issue codes whose path names a property that should not be there: point at its name. */
const keyCodes = new Set(['unknown-property', 'reserved-key'])

function locate(
  issues: ConfigIssue[],
  severity: LocatedIssue['severity'],
  pointers: Map<string, SourceLocation>,
): LocatedIssue[] {
  return issues.map((issue) => {
    const { line, column } = locatePointer(
      pointers,
      issue.path,
      keyCodes.has(issue.code) ? 'key' : 'value',
    )
    return { ...issue, severity, line, column }
  })
}

/** `trickle validate <config.json> [--json]`: 0 when valid, 1 on errors. */
export async function validateCommand(
  io: CliIo,
  path: string,
  options: { json: boolean },
): Promise<number> {
  const result = await readConfigFile(io.cwd, path)
  const { colors: c } = io

  if (!result.ok && 'syntax' in result) {
    const { message, position } = result.syntax
    if (options.json) {
      const error = { path: '', code: 'invalid-json', message, severity: 'error', ...position }
      io.stdout(
        `${JSON.stringify({ file: path, valid: false, errors: [error], warnings: [] }, null, 2)}\n`,
      )
    } else {
      io.stderr(
        `${c.bold(`${path}:${position.line}:${position.column}`)} ${c.red('error')} ${c.dim('invalid-json')}\n` +
          `  ${message}\n\n${codeFrame(result.file.source, position, c)}\n\n` +
          `${c.red('✖')} ${path} is not valid JSON.\n`,
      )
    }
    return 1
  }

  const errors = result.ok ? [] : locate(result.issues, 'error', result.pointers)
  const warnings = locate(result.warnings, 'warning', result.pointers)

  if (options.json) {
    const strip = ({ severity: _severity, ...issue }: LocatedIssue) => issue
    io.stdout(
      `${JSON.stringify(
        { file: path, valid: result.ok, errors: errors.map(strip), warnings: warnings.map(strip) },
        null,
        2,
      )}\n`,
    )
    return result.ok ? 0 : 1
  }

  const out = result.ok ? io.stdout : io.stderr
  const blocks = [...errors, ...warnings].map((issue) => {
    const label = issue.severity === 'error' ? c.red('error') : c.yellow('warning')
    const hint =
      issue.suggestion && !issue.message.includes(issue.suggestion)
        ? `\n  ${c.cyan(`Did you mean "${issue.suggestion}"?`)}`
        : ''
    return (
      `${c.bold(`${path}:${issue.line}:${issue.column}`)} ${label} ${c.dim(issue.code)} ${c.dim(issue.path || '/')}\n` +
      `  ${issue.message}${hint}\n\n` +
      codeFrame(result.file.source, { line: issue.line, column: issue.column, offset: 0 }, c)
    )
  })
  if (blocks.length > 0) out(`${blocks.join('\n\n')}\n\n`)

  const count = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`
  if (result.ok) {
    const { config } = result
    io.stdout(
      `${c.green('✔')} ${path} is valid: ${count(config.forms.length, 'form')}, ` +
        `${count(config.fields.length, 'field')}, ${count(config.purposes.length, 'purpose')}` +
        `${warnings.length > 0 ? `, ${count(warnings.length, 'warning')}` : ''}.\n`,
    )
    return 0
  }
  io.stderr(
    `${c.red('✖')} ${count(errors.length, 'error')}` +
      `${warnings.length > 0 ? `, ${count(warnings.length, 'warning')}` : ''} in ${path}.\n`,
  )
  return 1
}
