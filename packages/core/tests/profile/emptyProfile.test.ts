import { describe, expect, it, vi } from 'vitest'
import { emptyProfile } from '../../src/profile/emptyProfile'

describe('emptyProfile', () => {
  it('knows nothing about the visitor', () => {
    expect(emptyProfile('v-42')).toEqual({ visitorId: 'v-42', fields: {}, consents: [] })
  })

  it('gives each new visitor a different random UUID', () => {
    const a = emptyProfile()
    const b = emptyProfile()
    expect(a.visitorId).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    )
    expect(a.visitorId).not.toBe(b.visitorId)
  })

  it('works on plain http pages, where browsers have no crypto.randomUUID', () => {
    vi.stubGlobal('crypto', {
      getRandomValues: globalThis.crypto.getRandomValues.bind(globalThis.crypto),
    })
    try {
      expect(emptyProfile().visitorId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/)
    } finally {
      vi.unstubAllGlobals()
    }
  })

  it('returns a new object every time', () => {
    const a = emptyProfile('v')
    a.consents.push({
      purposeId: 'sales',
      decision: 'granted',
      version: 1,
      at: '2025-01-01T00:00:00Z',
    })
    expect(emptyProfile('v').consents).toEqual([])
  })

  it('rejects an empty visitor id with a message that says what to do', () => {
    expect(() => emptyProfile('')).toThrow(/visitorId must be a non-empty string.*Leave it out/)
  })
})
