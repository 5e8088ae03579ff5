import { describe, expect, it } from 'vitest'
import { configSchema } from '../../src/config/configSchema'
import { emptyProfile } from '../../src/profile/emptyProfile'
import {
  explainConsentOffer,
  explainDecision,
  explainLanguage,
} from '../../src/simulate/explainDecision'
import fixture from '../fixtures/b2b-whitepaper.json'

const config = configSchema.parse(fixture)

describe('explainDecision', () => {
  it('says why a field is asked or not, in English and German', () => {
    const budget = { fieldId: 'budget', ask: false, reason: 'consent-missing' } as const
    expect(explainDecision(budget, config)).toBe('needs consent: sales')
    expect(explainDecision(budget, config, 'de')).toBe('braucht die Einwilligung: sales')
    const stale = { fieldId: 'jobRole', ask: true, reason: 'stale' } as const
    expect(explainDecision(stale, config, 'en')).toBe('known, but older than 365 days')
    expect(explainDecision(stale, config, 'de-AT')).toBe('bekannt, aber älter als 365 Tage')
    const waiting = { fieldId: 'phone', ask: false, reason: 'limit-reached' } as const
    expect(explainDecision(waiting, config, 'fr')).toBe(
      'waits for a later visit (perVisit reached)',
    )
  })

  it('names a field the visitor declined before', () => {
    const profile = {
      ...emptyProfile('v'),
      fields: {
        phone: { collectedAt: '2026-03-02T09:00:00.000Z', formId: 'whitepaper', declined: true },
      },
    }
    const waiting = { fieldId: 'phone', ask: false, reason: 'limit-reached' } as const
    expect(explainDecision(waiting, config, 'en', { profile })).toBe(
      'declined before; asked again after every other field',
    )
    const asked = { fieldId: 'phone', ask: true, reason: 'unknown' } as const
    expect(explainDecision(asked, config, 'de', { profile })).toContain('früher abgelehnt')
  })

  it('says why a consent is offered', () => {
    expect(explainConsentOffer('outdated', 'en')).toBe('given for an older version of its text')
    expect(explainConsentOffer('none', 'de')).toBe('noch nicht erteilt')
    expect(explainLanguage('de_DE')).toBe('de')
    expect(explainLanguage(undefined)).toBe('en')
  })
})
