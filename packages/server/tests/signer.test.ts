import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createSigner } from '../src/signer'

const signer = createSigner('s'.repeat(32))
const now = new Date('2025-03-01T10:00:00Z')
const later = (ms: number) => new Date(now.getTime() + ms)

describe('createSigner', () => {
  it('verifies what it signed and nothing that was changed', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 100 }), fc.nat(), (value, position) => {
        const signed = signer.sign('visitor', value)
        expect(signer.verify('visitor', signed)).toBe(value)
        const index = position % signed.length
        const flipped = signed[index] === 'A' ? 'B' : 'A'
        const altered = `${signed.slice(0, index)}${flipped}${signed.slice(index + 1)}`
        expect(signer.verify('visitor', altered)).toBeNull()
      }),
      { numRuns: 100 },
    )
  })

  it('keeps the kinds apart: a cookie is no download token', () => {
    const cookie = signer.sign('visitor', 'abc')
    expect(signer.verify('download', cookie)).toBeNull()
    expect(createSigner('t'.repeat(32)).verify('visitor', cookie)).toBeNull()
  })

  it('ignores anything that is not a signed string', () => {
    for (const input of [
      undefined,
      null,
      42,
      {},
      '',
      '.',
      'abc',
      'abc.',
      '.abc',
      'x'.repeat(5000),
    ]) {
      expect(signer.verify('visitor', input)).toBeNull()
    }
  })

  it('seals payloads that expire', () => {
    const token = signer.seal('doi', { p: 'newsletter' }, later(1000))
    expect(signer.open('doi', token, now)).toEqual({
      ok: true,
      payload: { p: 'newsletter', exp: later(1000).getTime() },
    })
    expect(signer.open('doi', token, later(1000))).toEqual({ ok: false, reason: 'expired' })
    expect(signer.open('download', token, now)).toEqual({ ok: false, reason: 'invalid' })
    expect(signer.open('doi', signer.sign('doi', 'not-json'), now)).toEqual({
      ok: false,
      reason: 'invalid',
    })
  })

  it('digests a value with a key of its own: stable, and unlike another secret or purpose', () => {
    const hash = signer.digest('address', 'ada@example.com')
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(signer.digest('address', 'ada@example.com')).toBe(hash)
    expect(signer.digest('address', 'bob@example.com')).not.toBe(hash)
    expect(signer.digest('doi', 'ada@example.com')).not.toBe(hash)
    expect(createSigner('t'.repeat(32)).digest('address', 'ada@example.com')).not.toBe(hash)
  })

  it('refuses a short secret and says how to make one', () => {
    expect(() => createSigner('short')).toThrow(/at least 32 characters.*openssl rand/)
  })
})
