import type { Config } from './types'

/** The config's default locale: its first, else `'en'` (a config that skipped parseConfig). */
export function defaultLocale(config: Pick<Config, 'locales'>): string {
  return config.locales[0] ?? 'en'
}
