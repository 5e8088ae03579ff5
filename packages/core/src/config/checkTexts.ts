import { report, type ConfigCatalog } from './configCatalog'
import type { Path } from './configIssue'
import { localePattern } from './configSchema'
import { didYouMean } from './didYouMean'
import { isRecord, own } from '../jsonValue'

const fieldTexts = ['label', 'help', 'placeholder'] as const

/** What a kind of text may hold before it is far more than a form needs (see `text-too-long`). */
export const textLimits = {
  label: 200,
  option: 200,
  help: 1000,
  consent: 3000,
  text: 1000,
} as const
type TextKind = keyof typeof textLimits

const kindOf = (path: Path): TextKind => {
  const key = path[path.length - 1]
  if (path[0] === 'purposes' && key === 'text') return 'consent'
  if (path.includes('options')) return 'option'
  if (key === 'label') return 'label'
  return key === 'help' || key === 'placeholder' ? 'help' : 'text'
}

/**
 * Checks every text of the config against the configured locales: a language that is not
 * configured is an error, a missing translation a warning (visitors see the default language
 * instead). Consent texts are stricter: see `checkConsentText`.
 */
export function checkTexts(catalog: ConfigCatalog): void {
  for (const { index, record } of catalog.purposeList) {
    checkText(catalog, own(record, 'label'), ['purposes', index, 'label'])
  }
  for (const { index, record } of catalog.fieldList) {
    for (const key of fieldTexts) checkText(catalog, own(record, key), ['fields', index, key])
    const options = own(record, 'options')
    if (!Array.isArray(options)) continue
    options.forEach((option: unknown, position) => {
      if (isRecord(option)) {
        checkText(catalog, own(option, 'label'), ['fields', index, 'options', position, 'label'])
      }
    })
  }
  const links = own(catalog.root, 'links')
  if (isRecord(links)) {
    for (const key of ['privacy', 'imprint']) checkText(catalog, own(links, key), ['links', key])
  }
}

/**
 * A consent text must exist in every configured locale: a visitor consents to the words they
 * read, so a German visitor must not be shown only the English text.
 */
export function checkConsentText(catalog: ConfigCatalog, value: unknown, path: Path): void {
  checkText(catalog, value, path, true)
}

function checkText(catalog: ConfigCatalog, value: unknown, path: Path, consent = false): void {
  const { locales } = catalog
  warnAboutLength(catalog, value, path)
  if (typeof value === 'string') {
    if (consent && locales !== undefined && locales.length > 1) {
      report(catalog, 'warnings', path, 'consent-text-single-language', { path, locales })
    }
    return
  }
  if (!isRecord(value)) return
  const keys = Object.keys(value)
  if (keys.length === 0) {
    report(catalog, 'errors', path, 'empty-text', { path })
    return
  }
  for (const key of keys) {
    if (localePattern.test(key)) continue
    // The schema reports these too, except `__proto__`, which zod skips in records.
    report(catalog, 'errors', [...path, key], 'invalid-locale.text-key', { key, path })
  }
  if (locales === undefined) return
  for (const key of keys) {
    if (!localePattern.test(key) || locales.includes(key)) continue
    report(
      catalog,
      'errors',
      [...path, key],
      'unconfigured-locale',
      { path, key, locales },
      didYouMean(key, locales),
    )
  }
  const missing = locales.filter((locale) => !Object.hasOwn(value, locale))
  if (missing.length === 0) return
  if (consent) {
    report(catalog, 'errors', path, 'missing-consent-text', { path, missing })
    return
  }
  const fallbacks = new Map<string, string[]>()
  for (const locale of missing) {
    const fallback = fallbackLocale(value, locale, locales)
    fallbacks.set(fallback, [...(fallbacks.get(fallback) ?? []), locale])
  }
  report(catalog, 'warnings', path, 'missing-translation', {
    path,
    missing,
    fallbacks: [...fallbacks].map(([fallback, locales]) => ({ fallback, locales })),
  })
}

/**
 * The language whose text a visitor with `locale` sees when the text has none in `locale`: the
 * same choice as `localize` (the base language, then the default locale, then the first text).
 */
export function fallbackLocale(
  text: Readonly<Record<string, unknown>>,
  locale: string,
  locales: readonly string[],
): string {
  const candidates = [locale.split('-')[0], locales[0], Object.keys(text)[0]]
  return candidates.find((key) => key !== undefined && Object.hasOwn(text, key)) ?? locale
}

/** Texts far longer than a form needs: visitors skip them, and they bloat every page. */
function warnAboutLength(catalog: ConfigCatalog, value: unknown, path: Path): void {
  const kind = kindOf(path)
  const limit = textLimits[kind]
  const texts: [unknown, Path][] =
    typeof value === 'string'
      ? [[value, path]]
      : isRecord(value)
        ? Object.keys(value)
            .filter((key) => localePattern.test(key))
            .map((key) => [own(value, key), [...path, key]])
        : []
  for (const [text, at] of texts) {
    if (typeof text !== 'string' || text.length <= limit) continue
    report(catalog, 'warnings', at, 'text-too-long', { path: at, kind, length: text.length, limit })
  }
}
