// Regenerates docs/config-reference.md from the config schema: `npm run docs -w @trickle/core`.
// tests/configReference.test.ts fails whenever the committed file differs from this output.
import { writeFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { format, resolveConfig } from 'prettier'
import { renderConfigReference } from './configReference'

const target = resolve(import.meta.dirname, '../../../docs/config-reference.md')
const options = await resolveConfig(target)
writeFileSync(target, await format(renderConfigReference(), { ...options, parser: 'markdown' }))
console.log('wrote docs/config-reference.md')
