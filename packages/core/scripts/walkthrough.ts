/**
 * Writes docs/walkthrough.md from what the core does now:
 *   npx tsx packages/core/scripts/walkthrough.ts          (write)
 *   npx tsx packages/core/scripts/walkthrough.ts --check  (exit 1 when the file is out of date)
 */
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { walkthroughMarkdown } from './walkthroughMarkdown'

const target = fileURLToPath(new URL('../../../docs/walkthrough.md', import.meta.url))
const markdown = walkthroughMarkdown()

if (process.argv.includes('--check')) {
  let current: string
  try {
    current = readFileSync(target, 'utf8')
  } catch {
    current = ''
  }
  if (current !== markdown) {
    console.error(`${target} is out of date. Run: npx tsx packages/core/scripts/walkthrough.ts`)
    process.exit(1)
  }
  console.log(`${target} is up to date.`)
} else {
  writeFileSync(target, markdown)
  console.log(`Wrote ${target}`)
}
