import { configJsonSchema } from '@trickle/core'
import type { CliIo } from './io'

/** `trickle schema`: the JSON Schema of the config format, generated from the zod schema. */
export function schemaCommand(io: CliIo): number {
  io.stdout(`${JSON.stringify(configJsonSchema, null, 2)}\n`)
  return 0
}
