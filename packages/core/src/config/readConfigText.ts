import type { ConfigIssue } from './configIssueCodes'
import { createIssueWriter } from './configIssue'
import type { MessageLocale } from './configWords'
import { parseJsonWithPointers, type SourceLocation, type SourcePosition } from './jsonSourceMap'
import { parseJsonPointer } from '../jsonPointer'
import { syntaxMessage, type SyntaxProblem } from './messages/syntaxMessages'

/** A config text longer than this is far more than a form needs (a config with 300 fields has ~150 kB). */
export const maxConfigTextLength = 1_000_000

/** Why a text is not a config at all; each code is in `configIssueCodes`. */
export type ConfigSyntaxCode =
  'empty-file' | 'file-too-large' | 'utf16' | 'json-comment' | 'typographic-quote' | 'not-json'

export interface ConfigSyntaxError {
  code: ConfigSyntaxCode
  /** What is wrong, where, and what to do, in the language asked for. */
  message: string
  position: SourcePosition
}

export type ReadConfigTextResult =
  | {
      ok: true
      data: unknown
      /** Where each value (and key) is in the text, by JSON Pointer. */
      pointers: Map<string, SourceLocation>
      /** Problems of the text in valid JSON (a key twice in one object): errors for parseConfig's list. */
      issues: ConfigIssue[]
    }
  | { ok: false; syntax: ConfigSyntaxError }

export interface ReadConfigTextOptions {
  locale?: MessageLocale | undefined
}

const typographicQuotes = /[\u201c\u201d\u201e\u201f\u2018\u2019\u201a\u00ab\u00bb]/

/**
 * Reads a config file's text the way a marketer's mistakes need: an empty file, a UTF-16 file,
 * comments, typographic quotes from a word processor and a key written twice each get a
 * message that says what happened and what to do, at the line it happened. Pure and
 * browser-safe; pass `data` to `parseConfig` next.
 */
export function readConfigText(
  text: string,
  options: ReadConfigTextOptions = {},
): ReadConfigTextResult {
  const locale = options.locale === 'de' ? 'de' : 'en'
  const fail = (
    code: ConfigSyntaxCode,
    problem: SyntaxProblem,
    position = start,
  ): ReadConfigTextResult => ({
    ok: false,
    syntax: { code, message: syntaxMessage(problem, locale), position },
  })
  if (text.length > maxConfigTextLength) {
    return fail('file-too-large', {
      kind: 'tooLarge',
      size: text.length,
      limit: maxConfigTextLength,
    })
  }
  const body = text.startsWith('\ufeff') ? text.slice(1) : text
  if (body.includes('\u0000') || body.includes('\ufeff') || body.includes('\ufffe')) {
    return fail('utf16', { kind: 'utf16' })
  }
  if (body.trim() === '') return fail('empty-file', { kind: 'emptyFile' })

  const json = parseJsonWithPointers(text, locale)
  if (!json.ok) {
    const { offset } = json.position
    const at = (index: number): SourcePosition => positionIn(text, index)
    const marker = text.startsWith('//', offset)
      ? '//'
      : text.startsWith('/*', offset)
        ? '/*'
        : undefined
    if (marker !== undefined) {
      const { line, column } = at(offset)
      return fail('json-comment', { kind: 'comment', marker, line, column }, at(offset))
    }
    const quote = typographicQuoteNear(text, offset)
    if (quote !== undefined) {
      const position = at(quote)
      const char = text[quote] ?? ''
      return fail(
        'typographic-quote',
        { kind: 'typographicQuote', char, line: position.line, column: position.column },
        position,
      )
    }
    return {
      ok: false,
      syntax: { code: 'not-json', message: json.message, position: json.position },
    }
  }
  const writer = createIssueWriter(locale, json.data)
  const issues = json.duplicates.map(({ object, key, first, second }) => {
    const path = parseJsonPointer(object) ?? []
    const segments = path.map((segment, index) =>
      arrayIndexAt(json.data, path.slice(0, index), segment),
    )
    return writer.issue([...segments, key], 'duplicate-key', {
      key,
      path: segments,
      line: second.line,
      firstLine: first.line,
    })
  })
  return { ok: true, data: json.data, pointers: json.pointers, issues }
}

const start: SourcePosition = { line: 1, column: 1, offset: 0 }

/**
 * The error for a file refused from its bytes, before there is any text: larger than
 * `maxConfigTextLength` bytes, or saved as UTF-16 (a reader of bytes sees a byte order mark
 * FF FE / FE FF, or NUL bytes).
 */
export function configFileError(
  problem: { code: 'file-too-large'; size: number } | { code: 'utf16' },
  options: ReadConfigTextOptions = {},
): ConfigSyntaxError {
  const locale = options.locale === 'de' ? 'de' : 'en'
  const message =
    problem.code === 'utf16'
      ? syntaxMessage({ kind: 'utf16' }, locale)
      : syntaxMessage({ kind: 'tooLarge', size: problem.size, limit: maxConfigTextLength }, locale)
  return { code: problem.code, message, position: start }
}

function positionIn(text: string, offset: number): SourcePosition {
  let line = 1
  let lineStart = 0
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++
      lineStart = i + 1
    }
  }
  return { line, column: offset - lineStart + 1, offset }
}

/**
 * The typographic quote that broke the JSON: at the failure, or one that stands where a
 * straight quote would open or close a string (after `:`, `,`, `[`, `{`, or before them).
 * Typographic quotes inside a text are fine and never reported.
 */
function typographicQuoteNear(text: string, offset: number): number | undefined {
  if (typographicQuotes.test(text[offset] ?? '')) return offset
  const structural = new RegExp(
    `(?<=[:,\\[{]\\s*)${typographicQuotes.source}|${typographicQuotes.source}(?=\\s*[:,\\]}])`,
    'g',
  )
  for (const match of text.matchAll(structural)) return match.index
  return undefined
}

/** A path segment as the issue path needs it: array indexes as numbers. */
function arrayIndexAt(data: unknown, parents: readonly string[], segment: string): string | number {
  let value = data
  for (const parent of parents) {
    value = Array.isArray(value)
      ? value[Number(parent)]
      : (value as Record<string, unknown> | undefined)?.[parent]
  }
  return Array.isArray(value) ? Number(segment) : segment
}
