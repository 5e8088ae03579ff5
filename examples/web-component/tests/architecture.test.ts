/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'

const src = join(import.meta.dirname, '../src')
const files = readdirSync(src)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => ({ name, text: readFileSync(join(src, name), 'utf8') }))

test('the custom element is glue: under 150 lines, over the plain-DOM gate and the session', () => {
  const total = files.reduce((sum, { text }) => sum + text.trimEnd().split('\n').length, 0)
  expect(total).toBeLessThan(150)
  // It renders through the vanilla example's gate instead of a second copy of it.
  const element = files.find(({ name }) => name === 'defineTrickleGate.ts')?.text ?? ''
  expect(element).toContain("from '../../vanilla/src/mountGate'")
  expect(files.some(({ text }) => /\bplanVisit\b|\bapplySubmission\b/.test(text))).toBe(false)
})
