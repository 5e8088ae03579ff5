import { checkConfigMeaning } from './checkConfigMeaning'
import type { CompilePattern } from './compilePattern'
import type { ConfigIssue } from './configIssueCodes'
import { createIssueWriter, type IssueWriter } from './configIssue'
import type { MessageLocale } from './configWords'
import { configSchema, type Config } from './configSchema'
import { guardConfigInput } from './guardConfigInput'
import { parseJsonPointer } from '../jsonPointer'
import { mapZodIssues } from './mapZodIssues'

export interface ParseConfigOptions {
  /**
   * The engine that will check answers against field patterns (see `CompilePattern`): each
   * pattern must compile there too. The server and the CLI pass their linear-time engine.
   * Default: only the browser's engine, plus the syntax check every engine shares.
   */
  compilePattern?: CompilePattern
  /** The language of the issue messages: `'en'` (the default) or `'de'`. Codes and paths stay the same. */
  locale?: MessageLocale | undefined
}

export type ParseConfigResult =
  | { ok: true; config: Config; warnings: ConfigIssue[] }
  | { ok: false; issues: ConfigIssue[]; warnings: ConfigIssue[] }

/**
 * Reads a marketer's config (parsed JSON, still `unknown`) and reports every problem in one
 * pass: the shape (types, unknown properties, ids) and the meaning (references, duplicates,
 * cycles, consent texts). Each issue points at the exact spot with a JSON Pointer. Warnings are
 * lawful but risky settings; they never make the config invalid. Never throws.
 */
export function parseConfig(input: unknown, options: ParseConfigOptions = {}): ParseConfigResult {
  const locale = options.locale === 'de' ? 'de' : 'en'
  try {
    const writer = createIssueWriter(locale, input)
    const guarded = guardConfigInput(input, writer)
    const shape = configSchema.safeParse(guarded.value)
    // What the schema says about a cut-off part is noise, except that its key is unknown.
    const isCut = (issue: ConfigIssue): boolean =>
      guarded.cut.some(
        (cut) =>
          issue.path.startsWith(`${cut}/`) ||
          (issue.path === cut && issue.code !== 'unknown-property'),
      )
    const shapeIssues = shape.success
      ? []
      : mapZodIssues(shape.error.issues, guarded.value, writer).filter((issue) => !isCut(issue))
    const meaning = checkConfigMeaning(guarded.value, options.compilePattern, locale)
    const issues = inDocumentOrder(
      withoutRepeats([...guarded.issues, ...shapeIssues, ...meaning.errors]),
    )
    const warnings = inDocumentOrder(meaning.warnings)
    if (shape.success && issues.length === 0) return { ok: true, config: shape.data, warnings }
    return { ok: false, issues, warnings }
  } catch (error) {
    // Reached only by values no JSON parser produces (a getter that throws, a revoked proxy).
    return {
      ok: false,
      issues: [unreadable(createIssueWriter(locale, undefined), error)],
      warnings: [],
    }
  }
}

function unreadable(writer: IssueWriter, error: unknown): ConfigIssue {
  let reason = 'unknown error'
  try {
    reason = error instanceof Error ? error.message : String(error)
  } catch {
    // The error itself cannot be printed; keep the generic reason.
  }
  return writer.issue([], 'unreadable', { reason: reason.slice(0, 200) })
}

/** Keeps the first of several issues with the same path and code (schema and meaning checks can overlap). */
function withoutRepeats(issues: ConfigIssue[]): ConfigIssue[] {
  const seen = new Set<string>()
  return issues.filter((issue) => {
    const key = `${issue.code} ${issue.path}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}

const sections = [
  '$schema',
  'version',
  'locales',
  'links',
  'purposes',
  'fields',
  'forms',
  'destinations',
]

/**
 * Sorts issues the way the marketer reads the file: by section, then by entry (forms[2] before
 * forms[10]); issues within one entry keep the order they were found in.
 */
function inDocumentOrder(issues: ConfigIssue[]): ConfigIssue[] {
  const keyOf = (issue: ConfigIssue): [number, number] => {
    const [section, entry] = parseJsonPointer(issue.path) ?? []
    const rank = section === undefined ? -1 : sections.indexOf(section)
    const index = Number(entry)
    return [rank === -1 && section !== undefined ? sections.length : rank, index >= 0 ? index : -1]
  }
  return issues
    .map((issue, position) => ({ issue, position, key: keyOf(issue) }))
    .sort((a, b) => a.key[0] - b.key[0] || a.key[1] - b.key[1] || a.position - b.position)
    .map(({ issue }) => issue)
}
