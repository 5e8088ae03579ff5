import { describe, expect, it } from 'vitest'
import { messageLanguage } from '../src/cliLocale'

describe('messageLanguage', () => {
  it('takes --locale first, then the system locale, then English', () => {
    expect(messageLanguage('de', { LANG: 'en_US.UTF-8' })).toBe('de')
    expect(messageLanguage('de-AT', {})).toBe('de')
    expect(messageLanguage(undefined, { LANG: 'de_DE.UTF-8' })).toBe('de')
    expect(messageLanguage(undefined, { LC_ALL: 'en_GB.UTF-8', LANG: 'de_DE.UTF-8' })).toBe('en')
    expect(messageLanguage(undefined, { LANG: 'C.UTF-8' })).toBe('en')
    expect(messageLanguage('fr', {})).toBe('en')
    expect(messageLanguage(undefined, {})).toBe('en')
  })
})
