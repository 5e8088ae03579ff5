import { describe, expect, it } from 'vitest'
import { configSchema } from '../../src/config/configSchema'
import { consentTextHash, shownConsentText } from '../../src/profile/consentTextHash'
import { sha256 } from '../../src/sha256'
import fixture from '../fixtures/b2b-whitepaper.json'

const config = configSchema.parse(fixture) // locales: de, en
const sales = fixture.purposes.find((p) => p.id === 'sales')!

describe('consentTextHash', () => {
  it('hashes the text shown in the visitor’s locale', () => {
    expect(consentTextHash(config, 'sales', 'en')).toBe(sha256(sales.text!.en))
    expect(consentTextHash(config, 'sales', 'de')).toBe(sha256(sales.text!.de))
    expect(consentTextHash(config, 'sales', 'en')).not.toBe(consentTextHash(config, 'sales', 'de'))
  })

  it('falls back to the language, then to the config’s first locale', () => {
    expect(shownConsentText(config, 'sales', 'de-AT')).toEqual({
      text: sales.text!.de,
      locale: 'de',
      hash: sha256(sales.text!.de),
    })
    expect(shownConsentText(config, 'sales', 'fr').locale).toBe('de')
    expect(consentTextHash(config, 'sales')).toBe(sha256(sales.text!.de))
  })

  it('changes when the text changes (a new text needs a new version)', () => {
    const edited = configSchema.parse({
      ...fixture,
      purposes: fixture.purposes.map((p) =>
        p.id === 'sales' ? { ...p, text: { ...p.text, en: `${p.text!.en} ` } } : p,
      ),
    })
    expect(consentTextHash(edited, 'sales', 'en')).not.toBe(consentTextHash(config, 'sales', 'en'))
    expect(consentTextHash(edited, 'sales', 'de')).toBe(consentTextHash(config, 'sales', 'de'))
  })

  it('records the requested locale for a text that is the same in every locale', () => {
    const plain = configSchema.parse({
      ...fixture,
      purposes: fixture.purposes.map((p) =>
        p.id === 'sales' ? { ...p, text: 'Sales may call.' } : p,
      ),
    })
    expect(shownConsentText(plain, 'sales', 'en')).toEqual({
      text: 'Sales may call.',
      locale: 'en',
      hash: sha256('Sales may call.'),
    })
  })

  it('accepts the purpose object and throws a TypeError for an unknown purpose id', () => {
    expect(consentTextHash(config, config.purposes[2]!, 'en')).toBe(sha256(sales.text!.en))
    expect(() => consentTextHash(config, 'sale', 'en')).toThrow(
      /consentTextHash: unknown purpose "sale"\. Known purposes: "delivery", "newsletter", "sales"/,
    )
  })

  it('gives the same answer on every call, which its callers cannot change', () => {
    const first = shownConsentText(config, 'sales', 'en')
    expect(shownConsentText(config, 'sales', 'en')).toEqual(first)
    expect(() => {
      ;(first as { text: string }).text = 'changed'
    }).toThrow(TypeError)
    expect(shownConsentText(config, 'sales', 'en').text).toBe(sales.text!.en)
    // Another config object with other texts has its own answers.
    const edited = configSchema.parse({
      ...fixture,
      purposes: fixture.purposes.map((p) => (p.id === 'sales' ? { ...p, text: 'Call me.' } : p)),
    })
    expect(shownConsentText(edited, 'sales', 'en').text).toBe('Call me.')
  })
})
