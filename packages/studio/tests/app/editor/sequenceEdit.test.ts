// @vitest-environment node
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { describe, expect, test } from 'vitest'
import { sequenceEdit, type TextChange } from '../../../src/app/editor/sequenceEdit'

const fixture = readFileSync(
  resolve(import.meta.dirname, '../../../../core/tests/fixtures/b2b-whitepaper.json'),
  'utf8',
)
const apply = (text: string, change: TextChange | null): string => {
  if (!change) throw new Error('no change')
  return text.slice(0, change.from) + change.insert + text.slice(change.to)
}

describe('sequenceEdit', () => {
  test('rewrites only the sequence of the named form, keeping the layout around it', () => {
    const order = ['company', 'jobRole', 'industry', 'companySize']
    const next = apply(fixture, sequenceEdit(fixture, 'checklist', order))
    const data = JSON.parse(next) as { forms: Array<{ id: string; sequence: string[] }> }
    expect(data.forms[1]?.sequence).toEqual(order)
    expect(data.forms[0]?.sequence).toEqual((JSON.parse(fixture) as typeof data).forms[0]?.sequence)
    // Everything before the checklist form is untouched.
    const before = fixture.slice(0, fixture.indexOf('"id": "checklist"'))
    expect(next.startsWith(before)).toBe(true)
  })

  test('adds a sequence to a form that has none', () => {
    const text = '{\n  "forms": [\n    { "id": "a", "always": ["email"] }\n  ]\n}\n'
    const next = apply(text, sequenceEdit(text, 'a', ['x', 'y']))
    expect(JSON.parse(next)).toEqual({
      forms: [{ id: 'a', sequence: ['x', 'y'], always: ['email'] }],
    })
  })

  test('nothing to change for an unknown form or text that is not JSON', () => {
    expect(sequenceEdit(fixture, 'nope', ['a'])).toBeNull()
    expect(sequenceEdit('{ "forms": [', 'whitepaper', ['a'])).toBeNull()
  })
})
