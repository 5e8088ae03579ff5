import { describe, expect, it } from 'vitest'
import { configSchema } from '../../src/config/configSchema'
import { eraseUnusableFields } from '../../src/profile/eraseUnusableFields'
import type { ConsentEvent, Profile } from '../../src/types'
import fixture from '../fixtures/b2b-whitepaper.json'

const config = configSchema.parse(fixture)
const now = new Date('2026-03-01T00:00:00.000Z')
const record = { collectedAt: '2026-02-01T00:00:00.000Z', formId: 'whitepaper' }
const profile: Profile = {
  visitorId: 'v',
  fields: {
    email: { ...record, value: 'a@b.example' },
    budget: { ...record, value: '<10k' },
    phone: record,
  },
  consents: [],
}
const event = (decision: ConsentEvent['decision']): ConsentEvent => ({
  purposeId: 'sales',
  decision,
  version: 1,
  at: '2026-02-01T00:00:00.000Z',
})

describe('eraseUnusableFields', () => {
  it('erases the fields whose purposes are all unusable, and keeps contract fields', () => {
    const { fields, erased } = eraseUnusableFields(config, profile, [event('withdrawn')], now)
    expect(erased).toEqual(['budget', 'phone'])
    expect(Object.keys(fields)).toEqual(['email'])
  })

  it('keeps every field while its consent is granted', () => {
    const { erased } = eraseUnusableFields(config, profile, [event('granted')], now)
    expect(erased).toEqual([])
  })

  it('with `among`, considers only the fields of those purposes', () => {
    const { erased } = eraseUnusableFields(config, profile, [], now, new Set(['newsletter']))
    expect(erased).toEqual([])
    expect(eraseUnusableFields(config, profile, [], now, new Set(['sales'])).erased).toEqual([
      'budget',
      'phone',
    ])
  })
})
