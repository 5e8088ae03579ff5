import type { ConfigCatalog } from './configCatalog'
import { createIssue, describePath, listSome, quote, type Path } from './configIssue'
import { localePattern } from './configSchema'
import { didYouMean } from './didYouMean'
import { isRecord, own } from '../jsonValue'

const fieldTexts = ['label', 'help', 'placeholder'] as const

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
  if (typeof value === 'string') {
    if (consent && locales !== undefined && locales.length > 1) {
      catalog.warnings.push(
        createIssue(
          path,
          'consent-text-single-language',
          `The consent text at ${describePath(path)} is one text for all of ${listSome(locales)}. Visitors consent to what they read: give it per language, e.g. {${listSome(locales.map((locale) => `"${locale}": "..."`))}}.`,
        ),
      )
    }
    return
  }
  if (!isRecord(value)) return
  const keys = Object.keys(value)
  if (keys.length === 0) {
    catalog.errors.push(
      createIssue(
        path,
        'empty-text',
        `${describePath(path)} has no text in any language. Add one.`,
      ),
    )
    return
  }
  for (const key of keys) {
    if (localePattern.test(key)) continue
    // The schema reports these too, except `__proto__`, which zod skips in records.
    catalog.errors.push(
      createIssue(
        [...path, key],
        'invalid-locale',
        `${quote(key)} in ${describePath(path)} is not a language tag. Use a lower-case language code with an optional upper-case region, such as "en", "de" or "de-CH".`,
      ),
    )
  }
  if (locales === undefined) return
  for (const key of keys) {
    if (!localePattern.test(key) || locales.includes(key)) continue
    catalog.errors.push(
      createIssue(
        [...path, key],
        'unconfigured-locale',
        `${describePath(path)} has a ${quote(key)} text, but ${quote(key)} is not in locales (${listSome(locales)}). Add it to locales or remove this text.`,
        didYouMean(key, locales),
      ),
    )
  }
  const missing = locales.filter((locale) => !Object.hasOwn(value, locale))
  if (missing.length === 0) return
  const list = listSome(missing.map((locale) => `"${locale}"`))
  if (consent) {
    catalog.errors.push(
      createIssue(
        path,
        'missing-consent-text',
        `The consent text at ${describePath(path)} has no ${list} version. Visitors must read the exact text they consent to in their language: add ${list}.`,
      ),
    )
  } else {
    catalog.warnings.push(
      createIssue(
        path,
        'missing-translation',
        `${describePath(path)} has no ${list} text; those visitors see the ${quote(locales[0] ?? keys[0])} text instead. Add ${list}.`,
      ),
    )
  }
}
