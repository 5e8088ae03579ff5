import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { findUnstorableText, isStorableText } from '../src/storableText'

const bad = fc.constantFrom('\u0000', '\ud800', '\udbff', '\udc00', '\udfff')

describe('findUnstorableText', () => {
  it('finds nothing in well-formed JSON, paired surrogates (emoji) included', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4 }), (value) => {
        const text = JSON.stringify(value).replaceAll('\\u0000', '')
        expect(findUnstorableText(JSON.parse(text))).toEqual([])
      }),
      { numRuns: 300, seed: 14 },
    )
    expect(isStorableText('🙂 ok')).toBe(true)
  }, 60_000)

  it('names the place of a NUL or a lone surrogate anywhere, in a value or in a key', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', 'b', '0'), { minLength: 1, maxLength: 5 }),
        bad,
        fc.boolean(),
        (keys, char, inKey) => {
          // { a: { b: { ...: "x<bad>" } } } or the last key holding the bad character.
          const last = inKey ? `k${char}` : (keys.at(-1) as string)
          const path = [...keys.slice(0, -1), last]
          let value: unknown = inKey ? 1 : `x${char}y`
          for (const key of [...path].reverse()) value = { [key]: value, ok: 'fine' }
          const shown = path.map((key) =>
            key.replace(/[\ud800-\udfff]/g, '\ufffd').replace('\u0000', '\ufffd'),
          )
          const issues = findUnstorableText(value, '/body')
          expect(issues).toHaveLength(1)
          expect(issues[0]?.path).toBe(`/body/${shown.join('/')}`)
          expect(issues[0]?.code).toBe(char === '\u0000' ? 'nul-character' : 'lone-surrogate')
        },
      ),
      { numRuns: 200, seed: 14 },
    )
  }, 60_000)

  it('walks deep nesting without recursion', () => {
    let value: unknown = '\u0000'
    for (let depth = 0; depth < 100_000; depth++) value = [value]
    expect(findUnstorableText(value)[0]?.path).toBe('/0'.repeat(100_000))
  })
})
