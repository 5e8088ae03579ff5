// @vitest-environment node
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import { configDiagnostics } from '../../../src/app/editor/configDiagnostics'

const fixture = readFileSync(
  resolve(import.meta.dirname, '../../../../core/tests/fixtures/b2b-whitepaper.json'),
  'utf8',
)
const lineOf = (text: string, needle: string): number =>
  text.slice(0, text.indexOf(needle)).split('\n').length

describe('configDiagnostics', () => {
  test('the fixture is valid and has its config', () => {
    const check = configDiagnostics(fixture, 'en')
    expect(check.ok).toBe(true)
    expect(check.ok && check.config.forms.map((form) => form.id)).toEqual([
      'whitepaper',
      'checklist',
    ])
  })

  test('a misspelt key is an error on the line of that key, marking the key', () => {
    const broken = fixture.replace('"perVisit": 3', '"perVisits": 3')
    const check = configDiagnostics(broken, 'en')
    expect(check.ok).toBe(false)
    const issue = check.diagnostics.find((d) => d.code === 'unknown-property')
    expect(issue).toMatchObject({ severity: 'error', path: '/forms/0/perVisits' })
    expect(issue?.line).toBe(lineOf(broken, '"perVisits"'))
    expect(broken.slice(issue?.from, issue?.to)).toBe('"perVisits"')
  })

  test('a wrong value is marked at the value, in the right form of an array', () => {
    const broken = fixture.replace('"perVisit": 2', '"perVisit": "two"')
    const check = configDiagnostics(broken, 'en')
    const issue = check.diagnostics.find((d) => d.path === '/forms/1/perVisit')
    expect(issue?.line).toBe(lineOf(broken, '"two"'))
    expect(broken.slice(issue?.from, issue?.to)).toBe('"two"')
  })

  test('text that is not JSON is an error where it stops being JSON, in the chosen language', () => {
    const broken = fixture.replace('"version": 1,', '"version": 1,,')
    for (const locale of ['en', 'de'] as const) {
      const check = configDiagnostics(broken, locale)
      expect(check.ok).toBe(false)
      expect(check.diagnostics).toHaveLength(1)
      expect(check.diagnostics[0]).toMatchObject({ code: 'not-json', line: 2 })
    }
    expect(configDiagnostics(broken, 'en').diagnostics[0]?.message).toMatch(/not valid JSON/)
    expect(configDiagnostics(broken, 'de').diagnostics[0]?.message).toMatch(/kein gültiges JSON/)
  })

  test('an empty text, comments and typographic quotes get a hint of their own', () => {
    expect(configDiagnostics('  ', 'en').diagnostics[0]?.message).toMatch(/empty/)
    expect(configDiagnostics('{\n// note\n}', 'de').diagnostics[0]?.message).toMatch(/Kommentare/)
    expect(configDiagnostics('{ “version”: 1 }', 'en').diagnostics[0]?.message).toMatch(
      /Typographic quotes/,
    )
  })

  test('a missing property is marked at the object that lacks it', () => {
    const broken = fixture.replace('"id": "checklist",', '')
    const check = configDiagnostics(broken, 'en')
    const issue = check.diagnostics.find((d) => d.path.startsWith('/forms/1'))
    expect(issue).toBeDefined()
    expect(issue?.line).toBeGreaterThan(lineOf(broken, '"forms"'))
  })
})
