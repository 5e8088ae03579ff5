import { configJsonSchemaFor } from '@trickle/core'
import type { MessageLanguage } from './cliLocale'
import type { CliIo } from './io'

/**
 * `trickle schema [--locale de]`: the JSON Schema of the config format, generated from the zod
 * schema, with its descriptions (the hover docs in an editor) in that language.
 */
export function schemaCommand(io: CliIo, locale: MessageLanguage = 'en'): number {
  io.stdout(`${JSON.stringify(configJsonSchemaFor(locale), null, 2)}\n`)
  return 0
}
