import { describe, expect, it } from 'vitest'
import { configSchema } from '../../src/config/configSchema'
import { conditionFieldIds, persistProfile, valueFieldIds } from '../../src/runtime/persistProfile'
import type { Profile } from '../../src/types'
import fixture from '../fixtures/b2b-whitepaper.json'

const config = configSchema.parse(fixture)
const at = '2025-05-01T10:00:00.000Z'

const profile: Profile = {
  visitorId: 'v-1',
  fields: {
    email: { value: 'ada@example.com', collectedAt: at, formId: 'whitepaper' },
    jobRole: { value: 'head', collectedAt: at, formId: 'whitepaper' },
    company: { value: 'ACME', collectedAt: at, formId: 'whitepaper' },
    phone: { value: '+49 30 1234567', collectedAt: at, formId: 'whitepaper' },
    lastName: { collectedAt: at, formId: 'whitepaper', declined: true },
  },
  consents: [{ purposeId: 'sales', decision: 'granted', version: 1, at, formId: 'whitepaper' }],
}

describe('persistProfile', () => {
  it("'known' keeps when and where each field was collected, and only the values askIf reads", () => {
    const envelope = persistProfile(config, profile, {
      persist: 'known',
      unlocked: { whitepaper: at },
    })
    expect(envelope).toEqual({
      v: 1,
      visitorId: 'v-1',
      fields: {
        email: { collectedAt: at, formId: 'whitepaper' },
        jobRole: { value: 'head', collectedAt: at, formId: 'whitepaper' },
        company: { collectedAt: at, formId: 'whitepaper' },
        phone: { collectedAt: at, formId: 'whitepaper' },
        lastName: { collectedAt: at, formId: 'whitepaper', declined: true },
      },
      consents: profile.consents,
      unlocked: { whitepaper: at },
    })
    const text = JSON.stringify(envelope)
    expect(text).not.toContain('ada@example.com')
    expect(text).not.toContain('ACME')
    expect(text).not.toContain('1234567')
  })

  it("'values' keeps every value except those of sensitive fields", () => {
    const envelope = persistProfile(config, profile, { persist: 'values' })
    expect(envelope?.fields['email']?.value).toBe('ada@example.com')
    expect(envelope?.fields['company']?.value).toBe('ACME')
    expect(envelope?.fields['phone']).toEqual({ collectedAt: at, formId: 'whitepaper' })
    expect(envelope?.unlocked).toEqual({})
  })

  it("'none' writes nothing", () => {
    expect(persistProfile(config, profile, { persist: 'none' })).toBeNull()
  })

  it('never writes records of fields that are not in the config', () => {
    const stray: Profile = {
      ...profile,
      fields: { ...profile.fields, fax: { value: '123', collectedAt: at, formId: 'whitepaper' } },
    }
    expect(persistProfile(config, stray, { persist: 'values' })?.fields).not.toHaveProperty('fax')
  })

  it('finds the fields read by nested askIf conditions, but never keeps a sensitive one', () => {
    const nested = configSchema.parse({
      ...fixture,
      fields: fixture.fields.map((field) =>
        field.id === 'budget'
          ? {
              ...field,
              askIf: {
                all: [
                  { any: [{ field: 'jobRole', equals: 'head' }, { consented: 'sales' }] },
                  { not: { field: 'phone', known: false } },
                ],
              },
            }
          : field,
      ),
    })
    expect([...conditionFieldIds(nested)].sort()).toEqual(['jobRole', 'phone'])
    expect([...valueFieldIds(nested, 'known')]).toEqual(['jobRole'])
    expect(valueFieldIds(nested, 'values').has('phone')).toBe(false)
    expect(valueFieldIds(nested, 'none').size).toBe(0)
  })
})
