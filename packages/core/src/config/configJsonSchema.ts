import * as z from 'zod/mini'
import { configSchema } from './configSchema'

/**
 * The JSON Schema of the config (draft 2020-12), generated from `configSchema`: descriptions
 * and defaults on every property, for editors. The build writes it to `dist/schema.json`,
 * exported as `@trickle/core/schema.json`.
 */
export const configJsonSchema: z.core.JSONSchema.BaseSchema = /* @__PURE__ */ z.toJSONSchema(
  configSchema,
  { io: 'input' },
)
