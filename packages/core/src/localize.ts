import type { Config, Text } from './config/configSchema'
import { defaultLocale } from './defaultLocale'

/**
 * The text in the visitor's language. Falls back to the base language (`de` for `de-CH`), then
 * to the config's default locale (the first in `locales`), then to the first text there is.
 */
export function localize(
  text: Text,
  locale: string | undefined,
  config: Pick<Config, 'locales'>,
): string {
  if (typeof text === 'string') return text
  const pick = (key: string | undefined): string | undefined =>
    key !== undefined && Object.hasOwn(text, key) ? text[key] : undefined
  return (
    pick(locale) ??
    pick(locale?.split('-')[0]) ??
    pick(defaultLocale(config)) ??
    Object.values(text)[0] ??
    ''
  )
}
