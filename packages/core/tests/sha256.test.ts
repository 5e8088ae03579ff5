import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { sha256 } from '../src/sha256'

interface NodeHash {
  createHash(algorithm: 'sha256'): {
    update(data: string, encoding: 'utf8'): { digest(encoding: 'hex'): string }
  }
}
// Loaded by name: the core's type environment has no Node types on purpose.
const nodeCrypto = (await import(/* @vite-ignore */ 'node:crypto' as string)) as NodeHash
const nodeSha256 = (text: string) =>
  nodeCrypto.createHash('sha256').update(text, 'utf8').digest('hex')

async function webSha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('')
}

/** Any code points: ASCII, the rest of the BMP (with lone surrogates), and astral ones. */
const anyText = fc
  .array(
    fc.oneof(
      fc.integer({ min: 0, max: 0x7f }),
      fc.integer({ min: 0x80, max: 0xffff }),
      fc.integer({ min: 0x10000, max: 0x10ffff }),
    ),
    { maxLength: 300 },
  )
  .map((codePoints) => String.fromCodePoint(...codePoints))

describe('sha256', () => {
  it('matches the FIPS 180-4 test vectors', () => {
    expect(sha256('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855')
    expect(sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad')
    expect(sha256('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    )
    expect(sha256('a'.repeat(1_000_000))).toBe(
      'cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0',
    )
  })

  it('hashes strings as UTF-8: umlauts, emoji, lone surrogates', () => {
    expect(sha256('Einwilligung für den Newsletter 🎉')).toBe(
      nodeSha256('Einwilligung für den Newsletter 🎉'),
    )
    expect(sha256('\ud800')).toBe(nodeSha256('\ud800'))
    expect(sha256(new TextEncoder().encode('Grüße'))).toBe(sha256('Grüße'))
  })

  it(
    'agrees with node:crypto on many random strings, including non-ASCII',
    { timeout: 60_000 },
    () => {
      fc.assert(
        fc.property(anyText, (text) => {
          expect(sha256(text)).toBe(nodeSha256(text))
        }),
        { numRuns: 1000 },
      )
    },
  )

  it(
    'agrees with WebCrypto (crypto.subtle) on many random strings, around block sizes',
    { timeout: 60_000 },
    async () => {
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(
            fc.string({ unit: 'grapheme', maxLength: 80 }),
            fc.integer({ min: 50, max: 140 }).map((n) => 'ä'.repeat(n)),
          ),
          async (text) => {
            expect(sha256(text)).toBe(await webSha256(text))
          },
        ),
        { numRuns: 1000 },
      )
    },
  )
})
