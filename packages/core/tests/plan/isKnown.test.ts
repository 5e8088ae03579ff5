import { describe, expect, it } from 'vitest'
import { configSchema } from '../../src/config/configSchema'
import { fieldFreshness, isKnown, recordOf } from '../../src/plan/isKnown'
import { dayMs } from '../arbitraries'
import fixture from '../fixtures/b2b-whitepaper.json'

const config = configSchema.parse(fixture)
const field = (id: string) => config.fields.find((f) => f.id === id)!
const now = new Date('2025-06-01T00:00:00.000Z')
const daysAgo = (days: number) => new Date(now.getTime() - days * dayMs).toISOString()

describe('isKnown and fieldFreshness', () => {
  it('is unknown without a record', () => {
    expect(fieldFreshness(field('email'), undefined, now)).toBe('unknown')
    expect(isKnown(field('email'), undefined, now)).toBe(false)
  })

  it('is known with a record, with or without a value', () => {
    const withValue = { value: 'ada@example.com', collectedAt: daysAgo(1000), formId: 'whitepaper' }
    expect(isKnown(field('email'), withValue, now)).toBe(true)
    expect(isKnown(field('email'), { collectedAt: daysAgo(1), formId: 'whitepaper' }, now)).toBe(
      true,
    )
  })

  it('is stale after maxAgeDays, and still known on the last day', () => {
    const jobRole = field('jobRole') // maxAgeDays 365
    expect(fieldFreshness(jobRole, { collectedAt: daysAgo(365), formId: 'f' }, now)).toBe('known')
    const olderByOneMs = new Date(now.getTime() - 365 * dayMs - 1).toISOString()
    expect(fieldFreshness(jobRole, { collectedAt: olderByOneMs, formId: 'f' }, now)).toBe('stale')
  })

  it('is declined (not known) when the optional field was left empty', () => {
    const record = { collectedAt: daysAgo(1), formId: 'f', declined: true }
    expect(fieldFreshness(field('phone'), record, now)).toBe('declined')
    expect(isKnown(field('phone'), record, now)).toBe(false)
  })

  it('is stale when the collection time cannot be read', () => {
    expect(fieldFreshness(field('email'), { collectedAt: 'last week', formId: 'f' }, now)).toBe(
      'stale',
    )
  })

  it('reads own records only', () => {
    const profile = { visitorId: 'v', fields: {}, consents: [] }
    expect(recordOf(profile, 'toString')).toBeUndefined()
    expect(recordOf(profile, 'hasOwnProperty')).toBeUndefined()
  })
})
