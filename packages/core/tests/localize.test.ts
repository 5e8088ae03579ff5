import { describe, expect, it } from 'vitest'
import { localize } from '../src/localize'

const config = { locales: ['de', 'en'] }
const label = { de: 'Unternehmen', en: 'Company', 'de-CH': 'Firma' }

describe('localize', () => {
  it("returns the visitor's language", () => {
    expect(localize(label, 'en', config)).toBe('Company')
    expect(localize(label, 'de-CH', config)).toBe('Firma')
  })

  it('falls back to the base language, then the default locale, then any text', () => {
    expect(localize({ de: 'Unternehmen', en: 'Company' }, 'de-AT', config)).toBe('Unternehmen')
    expect(localize({ en: 'Company', de: 'Unternehmen' }, 'fr', config)).toBe('Unternehmen')
    expect(localize({ en: 'Company', de: 'Unternehmen' }, undefined, config)).toBe('Unternehmen')
    expect(localize({ fr: 'Entreprise', en: 'Company' }, 'it', config)).toBe('Entreprise')
  })

  it('without locales (a config that skipped parseConfig) falls back to English, as defaultLocale says', () => {
    expect(localize({ de: 'Unternehmen', en: 'Company' }, 'fr', { locales: [] })).toBe('Company')
  })

  it('returns a plain string as it is, in every language', () => {
    expect(localize('Company', 'de', config)).toBe('Company')
  })

  it('never reads inherited properties', () => {
    expect(localize({ en: 'Company' }, 'constructor', config)).toBe('Company')
    expect(localize({ en: 'Company' }, '__proto__', { locales: ['toString'] })).toBe('Company')
    expect(localize({}, 'en', config)).toBe('')
  })
})
