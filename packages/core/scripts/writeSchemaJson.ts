// Writes dist/schema.json and dist/schema.de.json (exported as `@trickle/core/schema.json` and
// `@trickle/core/schema.de.json`, the descriptions in German) from the config schema.
// Run by `npm run build` after the bundle is built: `tsx scripts/writeSchemaJson.ts`.
import { mkdirSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { configJsonSchemaFor } from '../src/config/configJsonSchema'

const dist = resolve(import.meta.dirname, '../dist')
mkdirSync(dist, { recursive: true })
for (const [file, locale] of [
  ['schema.json', 'en'],
  ['schema.de.json', 'de'],
] as const) {
  writeFileSync(resolve(dist, file), `${JSON.stringify(configJsonSchemaFor(locale), null, 2)}\n`)
  console.log(`wrote dist/${file}`)
}
