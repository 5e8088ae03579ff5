import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { configSchema } from '../../src/config/configSchema'
import { consentState } from '../../src/plan/consentState'
import { planVisit } from '../../src/plan/planVisit'
import type { ConsentEvent, FieldRecord, Profile } from '../../src/types'
import { withdrawConsent } from '../../src/profile/withdrawConsent'
import { draftArb, scenarioArb } from '../arbitraries'
import fixture from '../fixtures/b2b-whitepaper.json'

const config = configSchema.parse(fixture)
const now = new Date('2025-09-01T12:00:00.000Z')
const at = '2025-08-01T12:00:00.000Z'
const record = (value: string): FieldRecord => ({ value, collectedAt: at, formId: 'whitepaper' })
const granted = (purposeId: string, version = 1): ConsentEvent => ({
  purposeId,
  decision: 'granted',
  version,
  at,
})

const profile: Profile = {
  visitorId: 'v-1',
  fields: {
    email: record('ada@example.com'),
    firstName: record('Ada'),
    jobRole: record('head'),
    budget: record('>50k'),
    phone: record('+49 30 1234567'),
  },
  consents: [
    granted('sales'),
    granted('newsletter', 2),
    { ...granted('newsletter', 2), decision: 'confirmed' },
  ],
}

describe('withdrawConsent', () => {
  it('appends a withdrawn event and erases the fields that served only that purpose', () => {
    const result = withdrawConsent(config, profile, 'sales', { now, source: 'privacy-center' })
    expect(result.erased).toEqual(['budget', 'phone'])
    expect(Object.keys(result.profile.fields)).toEqual(['email', 'firstName', 'jobRole'])
    expect(result.profile.consents.at(-1)).toEqual({
      purposeId: 'sales',
      decision: 'withdrawn',
      version: 1,
      at: now.toISOString(),
      source: 'privacy-center',
    })
    expect(consentState(config, result.profile, 'sales', now)).toBe('withdrawn')
    expect(consentState(config, result.profile, 'newsletter', now)).toBe('granted')
  })

  it('leaves the input profile unchanged and omits the source when none is given', () => {
    const copy = structuredClone(profile)
    const result = withdrawConsent(config, profile, 'sales', { now })
    expect(profile).toEqual(copy)
    expect(result.profile.consents.at(-1)).not.toHaveProperty('source')
  })

  it('keeps a field that also serves a contract or legitimate-interest purpose', () => {
    const shared = configSchema.parse({
      ...fixture,
      fields: fixture.fields.map((f) =>
        f.id === 'phone' ? { ...f, purposes: ['sales', 'delivery'] } : f,
      ),
    })
    const result = withdrawConsent(shared, profile, 'sales', { now })
    expect(result.erased).toEqual(['budget'])
    expect(result.profile.fields.phone).toEqual(profile.fields.phone)
  })

  it('keeps a field while another of its consents is granted, erases it when both are gone', () => {
    const twoConsents = configSchema.parse({
      ...fixture,
      fields: fixture.fields.map((f) =>
        f.id === 'phone' ? { ...f, purposes: ['sales', 'newsletter'] } : f,
      ),
    })
    const first = withdrawConsent(twoConsents, profile, 'sales', { now })
    expect(first.erased).toEqual(['budget'])
    const second = withdrawConsent(twoConsents, first.profile, 'newsletter', { now })
    expect(second.erased).toEqual(['phone'])
  })

  it('no longer asks the erased fields, even when the visitor ticks a box in the form', () => {
    const { profile: after } = withdrawConsent(config, profile, 'sales', { now })
    const plan = planVisit(config, after, {
      formId: 'whitepaper',
      now,
      draft: { values: { jobRole: 'head' }, consents: { sales: true } },
    })
    expect(plan.consents.map((c) => c.purposeId)).toEqual([])
    expect(plan.decisions.filter((d) => d.fieldId === 'budget' || d.fieldId === 'phone')).toEqual([
      { fieldId: 'budget', ask: false, reason: 'consent-missing' },
      { fieldId: 'phone', ask: false, reason: 'consent-missing' },
    ])
  })

  it('throws a TypeError for an unknown purpose or one that is not based on consent', () => {
    expect(() => withdrawConsent(config, profile, 'salse', { now })).toThrow(
      new TypeError(
        'withdrawConsent: unknown consent purpose "salse". Known consent purposes: "newsletter", "sales".',
      ),
    )
    // A contract purpose exists, but there is no consent to withdraw from.
    expect(() => withdrawConsent(config, profile, 'delivery', { now })).toThrow(
      /unknown consent purpose "delivery". Known consent purposes: "newsletter", "sales"/,
    )
  })
})

describe('withdrawConsent invariant (random valid configs, profiles, drafts and clocks)', () => {
  it(
    'afterwards, no field of that purpose is asked, and none is kept without a usable purpose',
    { timeout: 60_000 },
    () => {
      const arb = scenarioArb()
        .filter((s) => s.config.purposes.some((p) => p.basis === 'consent'))
        .chain((s) =>
          fc.record({
            s: fc.constant(s),
            purposeId: fc.constantFrom(
              ...s.config.purposes.filter((p) => p.basis === 'consent').map((p) => p.id),
            ),
            draft: draftArb(s.config),
          }),
        )
      fc.assert(
        fc.property(arb, ({ s: { config, profile, now }, purposeId, draft }) => {
          const { profile: after, erased } = withdrawConsent(config, profile, purposeId, { now })
          const usable = (id: string) => {
            const state = consentState(config, after, id, now)
            return state === 'granted' || state === 'not-required'
          }
          for (const field of config.fields) {
            const kept = Object.hasOwn(after.fields, field.id)
            if (kept) expect(field.purposes.some(usable)).toBe(true)
            if (erased.includes(field.id))
              expect(Object.hasOwn(profile.fields, field.id)).toBe(true)
          }
          for (const form of config.forms) {
            const plan = planVisit(config, after, { formId: form.id, now, draft })
            for (const { field } of plan.fields) expect(field.purposes).not.toContain(purposeId)
            expect(plan.consents.map((c) => c.purposeId)).not.toContain(purposeId)
          }
        }),
        { numRuns: 1000 },
      )
    },
  )
})
