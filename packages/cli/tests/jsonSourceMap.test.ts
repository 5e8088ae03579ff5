import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { locatePointer, parseJsonWithPointers } from '../src/jsonSourceMap'

const text = `{
  "version": 1,
  "forms": [
    { "id": "whitepaper", "perVist": 3 },
    { "id": "a/b~c", "list": [true, null, -1.5e3] }
  ]
}
`

describe('parseJsonWithPointers', () => {
  it('finds every value and key by JSON Pointer, 1-based', () => {
    const result = parseJsonWithPointers(text)
    if (!result.ok) throw new Error(result.message)
    expect(result.data).toEqual(JSON.parse(text))
    expect(locatePointer(result.pointers, '/version')).toMatchObject({ line: 2, column: 14 })
    expect(locatePointer(result.pointers, '/forms/0/perVist', 'key')).toMatchObject({
      line: 4,
      column: 27,
    })
    expect(locatePointer(result.pointers, '/forms/1/list/2')).toMatchObject({ line: 5, column: 43 })
  })

  it('falls back to the closest parent for a missing property', () => {
    const result = parseJsonWithPointers(text)
    if (!result.ok) throw new Error(result.message)
    expect(locatePointer(result.pointers, '/forms/0/sequence')).toMatchObject({
      line: 4,
      column: 5,
    })
  })

  it('keeps "__proto__" as an own key, never as a prototype', () => {
    const result = parseJsonWithPointers('{"__proto__": {"polluted": true}}')
    if (!result.ok) throw new Error(result.message)
    expect(Object.getPrototypeOf(result.data)).toBe(Object.prototype)
    expect(Object.keys(result.data as object)).toEqual(['__proto__'])
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
  })

  it.each([
    ['{"a": 1,}', 'trailing comma', 1, 9],
    ['{"a": \'x\'}', 'single quotes', 1, 7],
    ['{"a": 1\n "b": 2}', 'expected "," or "}"', 2, 2],
    ['{"a": "open', 'never closed', 1, 7],
    ['[1, 2,]', 'trailing comma', 1, 7],
    ['', 'expected a value', 1, 1],
  ])('reports a syntax error in %j with its position', (input, message, line, column) => {
    const result = parseJsonWithPointers(input)
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.message).toContain(message)
    expect(result.position).toMatchObject({ line, column })
  })

  it('agrees with JSON.parse on arbitrary JSON', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.json(), (json) => {
        const result = parseJsonWithPointers(json)
        expect(result.ok).toBe(true)
        if (result.ok) expect(result.data).toEqual(JSON.parse(json))
      }),
      { numRuns: 2000 },
    )
  })
})
