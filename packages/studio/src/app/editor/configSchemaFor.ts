import * as core from '@trickle/core'
import type { StudioLocale } from '../messages'

type JsonSchema = Record<string, unknown>

/**
 * The config's JSON Schema with descriptions in the studio's language: the core's
 * `configJsonSchemaFor(locale)` where the core has it, else the English `configJsonSchema`.
 */
export function configSchemaFor(locale: StudioLocale): JsonSchema {
  // Looked up by a computed name: until the core has it, a bundler must not reject the import.
  const name = 'configJsonSchemaFor'
  const localized = (core as Record<string, unknown>)[name] as
    ((locale: StudioLocale) => JsonSchema) | undefined
  return localized ? localized(locale) : (core.configJsonSchema as JsonSchema)
}
