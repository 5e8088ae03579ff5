import { defaultLocale } from '../defaultLocale'
import { configIndex } from '../config/configIndex'
import { own } from '../jsonValue'
import { localize } from '../localize'
import { sha256 } from '../sha256'
import type { Config, Purpose, Text } from '../types'

/** The consent text as shown, the locale it was actually shown in, and its SHA-256 (hex). */
export interface ShownConsentText {
  text: string
  locale: string
  hash: string
}

/**
 * The locale a localized text was shown in: the requested one for a plain string, else the
 * first candidate (requested, its language, the default, any) whose text `localize` picked.
 */
function shownLocale(text: Text, shown: string, locale: string, config: Config): string {
  if (typeof text === 'string') return locale
  const candidates = [locale, locale.split('-')[0], defaultLocale(config), ...Object.keys(text)]
  return candidates.find((key) => key !== undefined && own(text, key) === shown) ?? locale
}

/**
 * The texts already shown, by config, purpose and requested locale: a config is not changed
 * once parsed (as for `configIndex`), so a text and its hash are worked out once, not for every
 * consent event of every submission (the server hashes them when it checks, stores and hands
 * off an event). Frozen, as they are shared; kept for the config's own locales only.
 */
const shownTexts = new WeakMap<Config, WeakMap<Purpose, Map<string, ShownConsentText>>>()

/** The text of a purpose (its label when it has none) as shown in `locale`, with its hash. */
function showText(
  caller: string,
  config: Config,
  purpose: Purpose | string,
  locale: string = defaultLocale(config),
): ShownConsentText {
  const resolved = typeof purpose === 'string' ? configIndex(config).purposes.get(purpose) : purpose
  if (resolved === undefined) {
    const known = config.purposes.map((p) => JSON.stringify(p.id)).join(', ')
    throw new TypeError(
      `${caller}: unknown purpose ${JSON.stringify(purpose)}. Known purposes: ${known || '(none)'}.`,
    )
  }
  let byPurpose = shownTexts.get(config)
  if (byPurpose === undefined) shownTexts.set(config, (byPurpose = new WeakMap()))
  let byLocale = byPurpose.get(resolved)
  if (byLocale === undefined) byPurpose.set(resolved, (byLocale = new Map()))
  const known = byLocale.get(locale)
  if (known !== undefined) return known
  const text = resolved.text ?? resolved.label
  const shown = localize(text, locale, config)
  const result = Object.freeze({
    text: shown,
    locale: shownLocale(text, shown, locale, config),
    hash: sha256(shown),
  })
  // Only the config's own locales: a locale from elsewhere must not grow the cache.
  if (config.locales.includes(locale)) byLocale.set(locale, result)
  return result
}

/**
 * The consent text of a purpose exactly as a visitor sees it in `locale` (default: the config's
 * first locale), with that text's own locale and SHA-256. A purpose without `text` (possible
 * only for non-consent purposes of a valid config) is identified by its label.
 */
export function shownConsentText(
  config: Config,
  purpose: Purpose | string,
  locale?: string,
): ShownConsentText {
  return showText('shownConsentText', config, purpose, locale)
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
  return showText('consentTextHash', config, purpose, locale).hash
}
