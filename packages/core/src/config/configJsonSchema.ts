import * as z from 'zod/mini'
import { configSchema } from './configSchema'
import type { MessageLocale } from './configWords'
import { describeIn } from './schemaDescriptions'

/**
 * The JSON Schema of the config (draft 2020-12), generated from `configSchema`: descriptions
 * and defaults on every property, for editors. The build writes it to `dist/schema.json`,
 * exported as `@trickle/core/schema.json`.
 */
export const configJsonSchema: z.core.JSONSchema.BaseSchema = /* @__PURE__ */ z.toJSONSchema(
  configSchema,
  { io: 'input' },
)

/**
 * The JSON Schema with its descriptions in `locale` (`dist/schema.de.json` for German). The
 * English descriptions in configSchema.ts stay the one source; the German ones are looked up
 * by them.
 */
export function configJsonSchemaFor(locale: MessageLocale): z.core.JSONSchema.BaseSchema {
  if (locale === 'en') return configJsonSchema
  const translate = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(translate)
    if (typeof value !== 'object' || value === null) return value
    const copy: Record<string, unknown> = {}
    for (const [key, item] of Object.entries(value)) {
      const translated =
        key === 'description' && typeof item === 'string'
          ? describeIn(locale, item)
          : translate(item)
      Object.defineProperty(copy, key, {
        value: translated,
        enumerable: true,
        writable: true,
        configurable: true,
      })
    }
    return copy
  }
  return translate(configJsonSchema) as z.core.JSONSchema.BaseSchema
}
