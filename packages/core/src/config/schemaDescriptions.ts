import type { MessageLocale } from './configWords'
import { schemaDescriptionsDe } from './messages/schemaDescriptionsDe'

/** A description of the config schema (written in English in configSchema.ts) in `locale`. */
export function describeIn(locale: MessageLocale, english: string): string {
  if (locale === 'en') return english
  return Object.hasOwn(schemaDescriptionsDe, english)
    ? (schemaDescriptionsDe[english] ?? english)
    : english
}
