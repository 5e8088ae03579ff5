/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from 'vitest'

const src = join(import.meta.dirname, '../src')
const files = readdirSync(src)
  .filter((name) => /\.tsx?$/.test(name))
  .map((name) => ({ name, text: readFileSync(join(src, name), 'utf8') }))

// Planning and gate logic live in the core's form session: a React file only subscribes,
// renders and passes events on.
const logic = [
  /\bplanVisit\b/,
  /\bapplySubmission\b/,
  /\bdraftDependencies\b/,
  /\bconsentStateOf\b/,
  /\bopenGate\b/,
  /\.unlocked\b/,
  /\btrickle\.(plan|submit|markShown|unlock|dismiss|reset)\(/,
  /\.forms\[/,
]

test('no React file plans, submits or decides the gate itself', () => {
  const offending = files.flatMap(({ name, text }) =>
    logic.filter((pattern) => pattern.test(text)).map((pattern) => `${name}: ${pattern}`),
  )
  expect(offending).toEqual([])
})

test('React adapter files stay small: a median under 80 lines', () => {
  const lines = files.map(({ text }) => text.split('\n').length).sort((a, b) => a - b)
  const middle = lines.length / 2
  const median =
    lines.length % 2 === 1
      ? (lines[Math.floor(middle)] ?? 0)
      : ((lines[middle - 1] ?? 0) + (lines[middle] ?? 0)) / 2
  expect(files.length).toBeGreaterThan(10)
  expect(median).toBeLessThan(80)
})
