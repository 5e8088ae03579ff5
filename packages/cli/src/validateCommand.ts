import { existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { destinationEnv, type Config, type ConfigIssue, type Destination } from '@trickle/core'
import type { ConsentTextChange } from '@trickle/server'
import type { MessageLanguage } from './cliLocale'
import { codeFrame } from './codeFrame'
import { CliError, type CliIo } from './io'
import { locatePointer, type SourceLocation } from './jsonSourceMap'
import { readConfigFile } from './readConfigFile'

/** A problem of the config, or (with `--against`) of its texts against the recorded ones. */
export type CheckIssue = Omit<ConfigIssue, 'code'> & {
  code: ConfigIssue['code'] | 'consent-text-changed'
}

export interface LocatedIssue extends CheckIssue {
  severity: 'error' | 'warning'
  line: number
  column: number
}

/** Issue codes whose path names a property that should not be there: point at its name. */
const keyCodes = new Set(['unknown-property', 'reserved-key', 'duplicate-key'])

/** The CLI's own sentences around the config's issues, per language. */
const words = {
  en: {
    notJson: (path: string) => `${path} is not valid JSON.`,
    didYouMean: (suggestion: string) => `Did you mean "${suggestion}"?`,
    count: (n: number, word: 'error' | 'warning' | 'form' | 'field' | 'purpose' | 'destination') =>
      `${n} ${word}${n === 1 ? '' : 's'}`,
    valid: (path: string) => `${path} is valid`,
    errorsIn: (counts: string, path: string) => `${counts} in ${path}.`,
    environment: "The server reads each destination's endpoint and secret from the environment:",
    otherAddress: (url: string) => `(and ${url} to use another API address)`,
    and: 'and',
  },
  de: {
    notJson: (path: string) => `${path} ist kein gültiges JSON.`,
    didYouMean: (suggestion: string) => `Meinten Sie "${suggestion}"?`,
    count: (n: number, word: 'error' | 'warning' | 'form' | 'field' | 'purpose' | 'destination') =>
      `${n} ${(n === 1 ? germanSingular : germanPlural)[word]}`,
    valid: (path: string) => `${path} ist gültig`,
    errorsIn: (counts: string, path: string) => `${counts} in ${path}.`,
    environment: 'Der Server liest Adresse und Schlüssel jedes Ziels aus der Umgebung:',
    otherAddress: (url: string) => `(und ${url} für eine andere API-Adresse)`,
    and: 'und',
  },
}
const germanSingular = {
  error: 'Fehler',
  warning: 'Warnung',
  form: 'Formular',
  field: 'Feld',
  purpose: 'Zweck',
  destination: 'Ziel',
}
const germanPlural = {
  error: 'Fehler',
  warning: 'Warnungen',
  form: 'Formulare',
  field: 'Felder',
  purpose: 'Zwecke',
  destination: 'Ziele',
}

function locate(
  issues: CheckIssue[],
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

/**
 * `trickle validate <config.json> [--json] [--against <DATABASE_URL | data folder>] [--locale de]`:
 * 0 when valid, 1 on errors. With `--against`, a consent text that differs from the text
 * recorded in that database for the same purpose, version and locale is an error too. Messages
 * are in `locale` (codes and paths stay the same).
 */
export async function validateCommand(
  io: CliIo,
  path: string,
  options: { json: boolean; against?: string | undefined; locale?: MessageLanguage | undefined },
): Promise<number> {
  const locale = options.locale ?? 'en'
  const say = words[locale]
  const result = await readConfigFile(io.cwd, path, locale)
  const { colors: c } = io

  if (!result.ok && 'syntax' in result) {
    const { message, position } = result.syntax
    // Plain syntax errors keep the code the CLI always printed for them.
    const code = result.syntax.code === 'not-json' ? 'invalid-json' : result.syntax.code
    if (options.json) {
      const error = { path: '', code, message, severity: 'error', ...position }
      io.stdout(
        `${JSON.stringify({ file: path, valid: false, errors: [error], warnings: [] }, null, 2)}\n`,
      )
    } else {
      io.stderr(
        `${c.bold(`${path}:${position.line}:${position.column}`)} ${c.red('error')} ${c.dim(code)}\n` +
          `  ${message}\n\n${result.file.source === '' ? '' : `${codeFrame(result.file.source, position, c)}\n\n`}` +
          `${c.red('✖')} ${say.notJson(path)}\n`,
      )
    }
    return 1
  }

  const textIssues =
    result.ok && options.against !== undefined
      ? await recordedTextIssues(io.cwd, options.against, result.config)
      : []
  const errors = locate(result.ok ? textIssues : result.issues, 'error', result.pointers)
  const warnings = locate(result.warnings, 'warning', result.pointers)
  const valid = result.ok && errors.length === 0

  if (options.json) {
    const strip = ({ severity: _severity, ...issue }: LocatedIssue) => issue
    io.stdout(
      `${JSON.stringify(
        { file: path, valid, errors: errors.map(strip), warnings: warnings.map(strip) },
        null,
        2,
      )}\n`,
    )
    return valid ? 0 : 1
  }

  const out = valid ? io.stdout : io.stderr
  const blocks = [...errors, ...warnings].map((issue) => {
    const label = issue.severity === 'error' ? c.red('error') : c.yellow('warning')
    const hint =
      issue.suggestion && !issue.message.includes(issue.suggestion)
        ? `\n  ${c.cyan(say.didYouMean(issue.suggestion))}`
        : ''
    return (
      `${c.bold(`${path}:${issue.line}:${issue.column}`)} ${label} ${c.dim(issue.code)} ${c.dim(issue.path || '/')}\n` +
      `  ${issue.message}${hint}\n\n` +
      codeFrame(result.file.source, { line: issue.line, column: issue.column, offset: 0 }, c)
    )
  })
  if (blocks.length > 0) out(`${blocks.join('\n\n')}\n\n`)

  const count = say.count
  if (valid) {
    const { config } = result
    const destinations = config.destinations ?? []
    io.stdout(
      `${c.green('✔')} ${say.valid(path)}: ${count(config.forms.length, 'form')}, ` +
        `${count(config.fields.length, 'field')}, ${count(config.purposes.length, 'purpose')}` +
        `${destinations.length > 0 ? `, ${count(destinations.length, 'destination')}` : ''}` +
        `${warnings.length > 0 ? `, ${count(warnings.length, 'warning')}` : ''}.\n` +
        destinationVariables(destinations, locale),
    )
    return 0
  }
  const counts =
    count(errors.length, 'error') +
    (warnings.length > 0 ? `, ${count(warnings.length, 'warning')}` : '')
  io.stderr(`${c.red('✖')} ${say.errorsIn(counts, path)}\n`)
  return 1
}

/**
 * The consent texts of `config` that differ from the texts recorded in the database (a
 * PostgreSQL URL or an embedded data folder) for the same purpose, version and locale.
 */
async function recordedTextIssues(
  cwd: string,
  against: string,
  config: Config,
): Promise<CheckIssue[]> {
  const isUrl = /^postgres(ql)?:\/\//i.test(against)
  const folder = resolve(cwd, against)
  if (!isUrl && !existsSync(join(folder, 'pglite'))) {
    throw new CliError(
      `No Trickle data folder at ${folder} (it has no pglite folder). Give the server's data folder or a PostgreSQL URL.`,
    )
  }
  const { describeConsentTextChange, findConsentTextChanges, openDatabase } =
    await import('@trickle/server')
  let changes: ConsentTextChange[]
  try {
    const database = await openDatabase(
      isUrl ? { url: against, migrate: false } : { dataDir: folder, migrate: false },
    )
    try {
      changes = await findConsentTextChanges(database.db, config).catch((error: unknown) => {
        // A database the server never started on has recorded nothing.
        if (errorCode(error) === '42P01') return []
        throw error
      })
    } finally {
      await database.close()
    }
  } catch (error) {
    const where = isUrl ? 'the database' : folder
    throw new CliError(`Could not read the consent texts in ${where}: ${(error as Error).message}`)
  }
  return changes.map((change) => {
    const text = config.purposes[change.purposeIndex]?.text
    const pointer = `/purposes/${change.purposeIndex}/text`
    return {
      path: typeof text === 'object' ? `${pointer}/${change.locale}` : pointer,
      code: 'consent-text-changed',
      message: describeConsentTextChange(change),
    }
  })
}

/** The SQLSTATE of a database error, also when wrapped (`cause`). */
function errorCode(error: unknown): unknown {
  for (let e = error; typeof e === 'object' && e !== null; e = (e as { cause?: unknown }).cause) {
    if ('code' in e && typeof e.code === 'string') return e.code
  }
  return undefined
}

/** Where `trickle serve` will look for each destination's endpoint and secret. */
function destinationVariables(
  destinations: readonly Destination[],
  locale: MessageLanguage,
): string {
  if (destinations.length === 0) return ''
  const say = words[locale]
  const lines = destinations.map((destination) => {
    const { url, secret } = destinationEnv(destination)
    return destination.type === 'webhook'
      ? `  ${destination.id}: ${url} ${say.and} ${secret}`
      : `  ${destination.id}: ${secret} ${say.otherAddress(url)}`
  })
  return `  ${say.environment}\n${lines.join('\n')}\n`
}
