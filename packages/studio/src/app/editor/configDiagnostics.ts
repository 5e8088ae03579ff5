import { jsonLanguage } from '@codemirror/lang-json'
import type { Tree } from '@lezer/common'
import { parseConfig, type Config, type ConfigIssue, type ParseConfigOptions } from '@trickle/core'
import type { StudioLocale } from '../messages'
import { studioMessages } from '../messages'
import { pointerRange, type TextRange } from './pointerRange'

/** One problem in the config text, placed at its spot. */
export interface ConfigDiagnostic extends TextRange {
  severity: 'error' | 'warning'
  /** 1-based line of `from`. */
  line: number
  /** The issue's JSON Pointer ('' for the text as a whole). */
  path: string
  code: string
  message: string
}

export type ConfigCheck =
  | { ok: true; config: Config; diagnostics: ConfigDiagnostic[] }
  | { ok: false; diagnostics: ConfigDiagnostic[] }

const keyCodes = new Set(['unknown-property', 'duplicate-key'])

function lineOf(text: string, offset: number): number {
  let line = 1
  for (let i = 0; i < offset && i < text.length; i++) if (text.charCodeAt(i) === 10) line++
  return line
}

/** Where the JSON stops being JSON: the first error node of the syntax tree. */
function syntaxErrorAt(tree: Tree, text: string): number {
  let at = -1
  tree.iterate({
    enter(node) {
      if (at !== -1) return false
      if (node.type.isError) at = node.from
      return undefined
    },
  })
  return at === -1 ? text.length : at
}

function syntaxMessage(text: string, error: unknown, locale: StudioLocale): string {
  const t = studioMessages[locale]
  if (text.trim() === '') return t.jsonEmpty
  if (/^\s*(\/\/|\/\*)/m.test(text)) return t.jsonComment
  if (/[\u201C\u201D\u201E\u00AB\u00BB]/.test(text)) return t.jsonTypographicQuote
  const detail = error instanceof Error ? error.message : ''
  return detail ? `${t.jsonInvalid} (${detail})` : t.jsonInvalid
}

/**
 * Checks the editor's text as `trickle validate` does: JSON first (a syntax error at the spot
 * where the text stops being JSON), then `parseConfig` with messages in the studio's language,
 * each issue placed at the spot its JSON Pointer names. Pure: the linter, the issue list and
 * the preview all use it.
 */
export function configDiagnostics(text: string, locale: StudioLocale): ConfigCheck {
  const tree = jsonLanguage.parser.parse(text)
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    const from = Math.min(syntaxErrorAt(tree, text), text.length)
    const to = Math.min(text.length, Math.max(from + 1, from))
    return {
      ok: false,
      diagnostics: [
        {
          from,
          to,
          line: lineOf(text, from),
          severity: 'error',
          path: '',
          code: 'not-json',
          message: syntaxMessage(text, error, locale),
        },
      ],
    }
  }
  // `locale` reaches parseConfig once it takes one (en until then).
  const options: ParseConfigOptions & { locale?: StudioLocale } = { locale }
  const result = parseConfig(data, options)
  const place = (issue: ConfigIssue, severity: 'error' | 'warning'): ConfigDiagnostic => {
    const range = pointerRange(text, tree, issue.path, { key: keyCodes.has(issue.code) })
    return {
      ...range,
      line: lineOf(text, range.from),
      severity,
      path: issue.path,
      code: issue.code,
      message: issue.message,
    }
  }
  const warnings = result.warnings.map((issue) => place(issue, 'warning'))
  if (!result.ok) {
    return { ok: false, diagnostics: [...result.issues.map((i) => place(i, 'error')), ...warnings] }
  }
  return { ok: true, config: result.config, diagnostics: warnings }
}
