import { describe, expect, it } from 'vitest'
import { configSchema } from '../../src/config/configSchema'
import { purposeUsable } from '../../src/plan/purposeUsable'
import type { ConsentEvent, Profile } from '../../src/types'
import { dayMs } from '../arbitraries'
import fixture from '../fixtures/b2b-whitepaper.json'

// newsletter: version 2, requireVersion 2, double opt-in, refreshAfterDays 730. sales: version 1.
const config = configSchema.parse(fixture)
const start = new Date('2025-01-15T08:00:00.000Z')
const day = (n: number): Date => new Date(start.getTime() + n * dayMs)
const event = (
  purposeId: string,
  decision: ConsentEvent['decision'],
  onDay: number,
  version = purposeId === 'newsletter' ? 2 : 1,
): ConsentEvent => ({ purposeId, decision, version, at: day(onDay).toISOString() })
const ledger = (...consents: ConsentEvent[]): Profile => ({ visitorId: 'v', fields: {}, consents })

describe('purposeUsable', () => {
  it('is true for purposes that need no consent, whatever the ledger', () => {
    expect(purposeUsable(config, ledger(), 'delivery', day(0))).toBe(true)
    expect(purposeUsable(config, ledger(), 'personalisation', day(0))).toBe(true)
  })

  it('is true only while a consent is granted', () => {
    expect(purposeUsable(config, ledger(), 'sales', day(1))).toBe(false)
    expect(purposeUsable(config, ledger(event('sales', 'granted', 0)), 'sales', day(1))).toBe(true)
    expect(purposeUsable(config, ledger(event('sales', 'denied', 0)), 'sales', day(1))).toBe(false)
    const withdrawn = ledger(event('sales', 'granted', 0), event('sales', 'withdrawn', 1))
    expect(purposeUsable(config, withdrawn, 'sales', day(2))).toBe(false)
  })

  it('waits for the double opt-in confirmation, and ends with the refresh period', () => {
    const pending = ledger(event('newsletter', 'granted', 0))
    expect(purposeUsable(config, pending, 'newsletter', day(1))).toBe(false)
    const confirmed = ledger(event('newsletter', 'granted', 0), event('newsletter', 'confirmed', 1))
    expect(purposeUsable(config, confirmed, 'newsletter', day(2))).toBe(true)
    expect(purposeUsable(config, confirmed, 'newsletter', day(1 + 731))).toBe(false)
  })

  it('is false for a consent on an outdated version and for a purpose the config lacks', () => {
    const old = ledger(event('newsletter', 'granted', 0, 1), event('newsletter', 'confirmed', 1))
    expect(purposeUsable(config, old, 'newsletter', day(2))).toBe(false)
    expect(purposeUsable(config, ledger(), 'crm-linking', day(0))).toBe(false)
    expect(purposeUsable(config, ledger(), 'toString', day(0))).toBe(false)
  })
})
