import { describe, expect, it } from 'vitest'
import { configSchema } from '../../src/config/configSchema'
import { consentState } from '../../src/plan/consentState'
import { simulateJourney } from '../../src/simulate/simulateJourney'
import fixture from '../fixtures/b2b-whitepaper.json'

const config = configSchema.parse(fixture)
const start = new Date('2026-03-02T09:00:00Z')
/** The fields a visit asks for the first time (the e-mail address is asked on every visit). */
const asked = (plan: { fields: { id: string; reason: string }[] }) =>
  plan.fields.filter((f) => f.reason !== 'always').map((f) => f.id)

describe('simulateJourney', () => {
  it('asks new fields on each visit and carries the profile across forms', () => {
    const result = simulateJourney(config, {
      start,
      steps: [{ formId: 'whitepaper' }, { formId: 'whitepaper' }, { formId: 'checklist' }],
    })
    if (!result.ok) throw new Error(result.code)
    const [first, second, third] = result.visits
    expect(asked(first!.plan)).toEqual(['firstName', 'lastName', 'company'])
    expect(asked(second!.plan)).not.toContain('company')
    // What the whitepaper visits learnt is not asked again on the checklist.
    const known = new Set([...asked(first!.plan), ...asked(second!.plan)])
    for (const id of asked(third!.plan)) expect(known.has(id)).toBe(false)
    expect(second!.day).toBe(7)
    expect(third!.at.toISOString().slice(0, 10)).toBe('2026-03-16')
  })

  it('confirms a double opt-in only when the persona clicks the link', () => {
    const steps = (confirmDoubleOptIn: boolean) => [
      { formId: 'whitepaper', consents: { newsletter: true }, confirmDoubleOptIn },
    ]
    const confirmed = simulateJourney(config, { start, steps: steps(true) })
    const waiting = simulateJourney(config, { start, steps: steps(false) })
    if (!confirmed.ok || !waiting.ok) throw new Error('journey failed')
    expect(confirmed.visits[0]!.confirmed).toEqual(['newsletter'])
    expect(consentState(config, confirmed.profile, 'newsletter', start)).toBe('granted')
    expect(waiting.visits[0]!.pending).toEqual(['newsletter'])
    expect(consentState(config, waiting.profile, 'newsletter', start)).toBe('pending')
  })

  it('confirms a waiting double opt-in after a later one-click visit too', () => {
    const result = simulateJourney(config, {
      start,
      daysBetween: 0,
      steps: [
        { formId: 'whitepaper', consents: { newsletter: true }, confirmDoubleOptIn: false },
        { formId: 'whitepaper', confirmDoubleOptIn: false },
        { formId: 'whitepaper' },
      ],
    })
    if (!result.ok) throw new Error(result.code)
    expect(result.visits[2]!.oneClick).toBe(true)
    expect(result.visits[2]!.confirmed).toEqual(['newsletter'])
  })

  it('reports ids the config does not have, and an unknown form', () => {
    const result = simulateJourney(config, {
      start,
      steps: [
        { formId: 'whitepaper', answers: { emial: 'a@example.com' }, consents: { sale: true } },
      ],
    })
    if (!result.ok) throw new Error(result.code)
    expect(result.warnings).toEqual([
      { step: 1, code: 'unknown-answer', id: 'emial', suggestion: 'email' },
      { step: 1, code: 'unknown-consent', id: 'sale', suggestion: 'sales' },
    ])
    expect(simulateJourney(config, { start, steps: [{ formId: 'webinar' }] })).toEqual({
      ok: false,
      step: 1,
      code: 'unknown-form',
      formId: 'webinar',
    })
    expect(simulateJourney(config, { start, steps: [{ formId: 'whitepapr' }] })).toMatchObject({
      ok: false,
      code: 'unknown-form',
      suggestion: 'whitepaper',
    })
  })

  it('records a declined optional field and refuses an answer that does not fit', () => {
    const result = simulateJourney(config, {
      start,
      steps: [
        { formId: 'whitepaper', answers: { email: 'not an address' } },
        { formId: 'whitepaper', consents: { sales: true }, declined: ['phone', 'firstName'] },
      ],
    })
    if (!result.ok) throw new Error(result.code)
    expect(result.visits[0]!.rejected?.[0]?.path).toBe('/values/email')
    expect(result.visits[1]!.profile.fields).toEqual({})
  })

  it('shows the journey in a locale of the config, falling back to its first', () => {
    const steps = [{ formId: 'whitepaper' }]
    const localeOf = (locale?: string) => {
      const result = simulateJourney(config, { start, steps, ...(locale && { locale }) })
      return result.ok ? result.locale : result.code
    }
    expect(localeOf('en')).toBe('en')
    expect(localeOf('en-GB')).toBe('en')
    expect(localeOf('fr')).toBe('de')
    expect(localeOf()).toBe('de')
  })

  it('keeps a declined optional field behind every other one on later visits', () => {
    const optional = configSchema.parse({
      ...fixture,
      fields: fixture.fields.map((f) => (f.id === 'firstName' ? { ...f, required: false } : f)),
    })
    const result = simulateJourney(optional, {
      start,
      steps: [
        { formId: 'whitepaper', consents: { sales: true }, declined: ['firstName'] },
        { formId: 'whitepaper' },
        { formId: 'whitepaper' },
      ],
    })
    if (!result.ok) throw new Error(result.code)
    const [first, second, third] = result.visits
    expect(first!.declined).toEqual(['firstName'])
    expect(asked(second!.plan)).toEqual(['jobRole', 'industry', 'companySize'])
    // Picked last, once every other field is known (the plan lists fields in form order).
    expect(asked(third!.plan)).toEqual(['firstName', 'budget', 'phone'])
  })
})
