import { describe, expect, it } from 'vitest'
import { deepEqual } from '../src/deepEqual'

describe('deepEqual', () => {
  it('compares JSON-like data by value', () => {
    expect(deepEqual({ a: [1, { b: 'x' }], c: null }, { c: null, a: [1, { b: 'x' }] })).toBe(true)
    expect(deepEqual(Number.NaN, Number.NaN)).toBe(true)
  })

  it('tells different data apart', () => {
    expect(deepEqual({ a: 1 }, { a: 2 })).toBe(false)
    expect(deepEqual({ a: 1 }, { a: 1, b: undefined })).toBe(false)
    expect(deepEqual({ a: undefined }, { b: undefined })).toBe(false)
    expect(deepEqual([1, 2], [2, 1])).toBe(false)
    expect(deepEqual([], {})).toBe(false)
    expect(deepEqual({}, [])).toBe(false)
    expect(deepEqual(null, {})).toBe(false)
    expect(deepEqual('1', 1)).toBe(false)
  })
})
