import { describe, expect, it } from 'vitest'
import {
  escapeJsonPointerToken,
  parseJsonPointer,
  resolveJsonPointer,
  toJsonPointer,
} from '../src/jsonPointer'

describe('JSON Pointers', () => {
  it('escapes ~ and / in keys (RFC 6901) and round-trips them', () => {
    expect(toJsonPointer([])).toBe('')
    expect(toJsonPointer(['forms', 0, 'perVist'])).toBe('/forms/0/perVist')
    expect(toJsonPointer(['a/b', '~c', ''])).toBe('/a~1b/~0c/')
    expect(parseJsonPointer('/a~1b/~0c/')).toEqual(['a/b', '~c', ''])
    expect(parseJsonPointer('/~01')).toEqual(['~1'])
  })

  it('rejects what is not a pointer', () => {
    expect(parseJsonPointer('forms/0')).toBeUndefined()
    expect(parseJsonPointer('/a~2')).toBeUndefined()
    expect(resolveJsonPointer({ forms: [] }, 'forms')).toEqual({ found: false })
  })

  it('resolves own properties and array indexes only', () => {
    const document = JSON.parse('{"forms":[{"id":"a"}],"__proto__":{"x":1},"":0}') as unknown
    expect(resolveJsonPointer(document, '')).toEqual({ found: true, value: document })
    expect(resolveJsonPointer(document, '/forms/0/id')).toEqual({ found: true, value: 'a' })
    expect(resolveJsonPointer(document, '/__proto__/x')).toEqual({ found: true, value: 1 })
    expect(resolveJsonPointer(document, '/')).toEqual({ found: true, value: 0 })
    expect(resolveJsonPointer(document, '/constructor')).toEqual({ found: false })
    expect(resolveJsonPointer(document, '/forms/length')).toEqual({ found: false })
    expect(resolveJsonPointer(document, '/forms/01')).toEqual({ found: false })
    expect(resolveJsonPointer(document, '/forms/1')).toEqual({ found: false })
    expect(resolveJsonPointer(document, '/forms/-')).toEqual({ found: false })
    expect(resolveJsonPointer(document, '/forms/0/id/0')).toEqual({ found: false })
  })
})

describe('escapeJsonPointerToken', () => {
  it('escapes "~" before "/", so nothing is escaped twice, and round-trips', () => {
    expect(escapeJsonPointerToken('a/b~c')).toBe('a~1b~0c')
    expect(escapeJsonPointerToken('~1')).toBe('~01')
    expect(escapeJsonPointerToken(3)).toBe('3')
    expect(parseJsonPointer(`/${escapeJsonPointerToken('~1/~0')}`)).toEqual(['~1/~0'])
  })
})
