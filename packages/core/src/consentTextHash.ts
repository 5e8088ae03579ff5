import { configIndex } from './configIndex'
import { localize } from './localize'
import { sha256 } from './sha256'
import type { Config, Purpose, Text } from './types'

/** A text as shown to a visitor, with the locale it was actually shown in. */
export interface ShownText {
  text: string
  locale: string
}

/** The consent text as shown, its locale, and its SHA-256 (hex). */
export interface ShownConsentText extends ShownText {
  hash: string
}

/**
 * The locale a localized text was shown in: the requested one for a plain string, else the
 * first candidate (requested, its language, the default, any) whose text `localize` picked.
 */
function shownLocale(text: Text, shown: string, locale: string, config: Config): string {
  if (typeof text === 'string') return locale
  const candidates = [locale, locale.split('-')[0], config.locales[0], ...Object.keys(text)]
  return (
    candidates.find(
      (key) => key !== undefined && Object.hasOwn(text, key) && text[key] === shown,
    ) ?? locale
  )
}

function purposeOf(config: Config, purpose: Purpose | string, caller: string): Purpose {
  if (typeof purpose !== 'string') return purpose
  const found = configIndex(config).purposes.get(purpose)
  if (found === undefined) {
    const known = config.purposes.map((p) => JSON.stringify(p.id)).join(', ')
    throw new TypeError(
      `${caller}: unknown purpose ${JSON.stringify(purpose)}. Known purposes: ${known || '(none)'}.`,
    )
  }
  return found
}

/**
 * The consent text of a purpose exactly as a visitor sees it in `locale` (default: the config's
 * first locale), with that text's own locale and SHA-256. A purpose without `text` (possible
 * only for non-consent purposes of a valid config) is identified by its label.
 */
export function shownConsentText(
  config: Config,
  purpose: Purpose | string,
  locale: string = config.locales[0] ?? 'en',
): ShownConsentText {
  const resolved = purposeOf(config, purpose, 'shownConsentText')
  return showText(config, resolved, locale)
}

function showText(config: Config, resolved: Purpose, locale: string): ShownConsentText {
  const text = resolved.text ?? resolved.label
  const shown = localize(text, locale, config)
  return { text: shown, locale: shownLocale(text, shown, locale, config), hash: sha256(shown) }
}

/**
 * SHA-256 (hex) of the localized consent text actually shown for `purpose` in `locale`: what a
 * consent event stores as `textHash`, so the server can prove which words were agreed to.
 */
export function consentTextHash(
  config: Config,
  purpose: Purpose | string,
  locale?: string,
): string {
  const resolved = purposeOf(config, purpose, 'consentTextHash')
  return showText(config, resolved, locale ?? config.locales[0] ?? 'en').hash
}
