// Writes webhook-event.schema.json (exported as `@trickle/server/webhook-event.schema.json`)
// from the zod schema of the webhook body, formatted as the repository's Prettier would.
// Run after changing the schema:
// `npx tsx --conditions=@trickle/source packages/server/scripts/writeWebhookEventSchema.ts`;
// tests/webhookEventSchema.test.ts fails while the file and the schema differ.
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { format, resolveConfig } from 'prettier'
import { webhookEventJsonSchema } from '../src/delivery/webhookEventSchema'

const file = resolve(import.meta.dirname, '../webhook-event.schema.json')
const options = (await resolveConfig(file)) ?? {}
writeFileSync(
  file,
  await format(JSON.stringify(webhookEventJsonSchema), { ...options, filepath: file }),
)
console.log('wrote packages/server/webhook-event.schema.json')
