/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'

const src = join(import.meta.dirname, '../src')
const files = readdirSync(src)
  .filter((name) => name.endsWith('.ts'))
  .map((name) => ({ name, text: readFileSync(join(src, name), 'utf8') }))
const lines = (text: string) => text.trimEnd().split('\n').length

// Planning and gate logic live in the core's form session: the plain-DOM gate only renders
// its snapshot, reads the DOM and passes events on (as the React adapter does).
const logic = [
  /\bplanVisit\b/,
  /\bapplySubmission\b/,
  /\bdraftDependencies\b/,
  /\bconsentStateOf\b/,
  /\bopenGate\b/,
  /\.unlocked\b/,
  /\btrickle\.(plan|submit|markShown|unlock|dismiss|reset)\(/,
]

test('no file of the plain-DOM gate plans, submits or decides the gate itself', () => {
  const offending = files.flatMap(({ name, text }) =>
    logic.filter((pattern) => pattern.test(text)).map((pattern) => `${name}: ${pattern}`),
  )
  expect(offending).toEqual([])
})

test('the glue to the form session (the files that use it) stays under 150 lines', () => {
  const glue = files.filter(({ text }) => /\bcreateFormSession\b|\bsession\./.test(text))
  expect(glue.map(({ name }) => name)).toEqual(['mountGate.ts'])
  const total = glue.reduce((sum, { text }) => sum + lines(text), 0)
  expect(total).toBeLessThan(150)
})
