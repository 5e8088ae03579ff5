// Writes dist/schema.json (exported as `@trickle/core/schema.json`) from the config schema.
// Run by `npm run build` after the bundle is built: `tsx scripts/writeSchemaJson.ts`.
import { mkdirSync, writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { configJsonSchema } from '../src/config/configJsonSchema'

const dist = resolve(import.meta.dirname, '../dist')
mkdirSync(dist, { recursive: true })
writeFileSync(resolve(dist, 'schema.json'), `${JSON.stringify(configJsonSchema, null, 2)}\n`)
console.log('wrote dist/schema.json')
