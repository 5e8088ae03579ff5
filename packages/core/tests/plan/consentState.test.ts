import { describe, expect, it } from 'vitest'
import { configSchema } from '../../src/config/configSchema'
import { consentState } from '../../src/plan/consentState'
import { planVisit } from '../../src/plan/planVisit'
import type { ConsentEvent, Profile } from '../../src/types'
import { dayMs } from '../arbitraries'
import fixture from '../fixtures/b2b-whitepaper.json'

// newsletter: version 2, requireVersion 2, double opt-in, refreshAfterDays 730.
// sales: version 1, no refresh. delivery: contract. personalisation: legitimate interest.
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

describe('consentState', () => {
  it('is not-required for contract and legitimate-interest purposes, whatever the ledger', () => {
    const profile = ledger(event('delivery', 'withdrawn', 0))
    expect(consentState(config, profile, 'delivery', day(1))).toBe('not-required')
    expect(consentState(config, profile, 'personalisation', day(1))).toBe('not-required')
  })

  it('is none before any decision (a confirmation alone decides nothing)', () => {
    expect(consentState(config, ledger(), 'sales', day(0))).toBe('none')
    expect(consentState(config, ledger(event('sales', 'confirmed', 0)), 'sales', day(1))).toBe(
      'none',
    )
  })

  it('is granted after a grant, denied after a denial, withdrawn after a withdrawal', () => {
    expect(consentState(config, ledger(event('sales', 'granted', 0)), 'sales', day(1))).toBe(
      'granted',
    )
    expect(consentState(config, ledger(event('sales', 'denied', 0)), 'sales', day(1))).toBe(
      'denied',
    )
    const withdrawn = ledger(event('sales', 'granted', 0), event('sales', 'withdrawn', 3))
    expect(consentState(config, withdrawn, 'sales', day(4))).toBe('withdrawn')
  })

  it('lets the last decision count: a new grant after a withdrawal is granted again', () => {
    const profile = ledger(
      event('sales', 'granted', 0),
      event('sales', 'withdrawn', 3),
      event('sales', 'granted', 9),
    )
    expect(consentState(config, profile, 'sales', day(10))).toBe('granted')
    // Events of other purposes do not interfere.
    const mixed = ledger(event('sales', 'granted', 0), event('newsletter', 'withdrawn', 2))
    expect(consentState(config, mixed, 'sales', day(3))).toBe('granted')
  })

  it('is pending after a double opt-in grant until the confirmation link is clicked', () => {
    const requested = ledger(event('newsletter', 'granted', 0))
    expect(consentState(config, requested, 'newsletter', day(1))).toBe('pending')
    const confirmed = ledger(event('newsletter', 'granted', 0), event('newsletter', 'confirmed', 1))
    expect(consentState(config, confirmed, 'newsletter', day(2))).toBe('granted')
    // A confirmation that came before a new grant does not confirm the new one.
    const regranted = ledger(
      event('newsletter', 'granted', 0),
      event('newsletter', 'confirmed', 1),
      event('newsletter', 'granted', 5),
    )
    expect(consentState(config, regranted, 'newsletter', day(6))).toBe('pending')
  })

  it('lets a confirmation that never came lapse after confirmWithinDays (default 30): expired, offered again', () => {
    const requested = ledger(event('newsletter', 'granted', 0))
    expect(consentState(config, requested, 'newsletter', day(30))).toBe('pending')
    expect(consentState(config, requested, 'newsletter', day(30.01))).toBe('expired')
    const plan = (at: Date) =>
      planVisit(config, requested, { formId: 'whitepaper', now: at }).consents.map(
        (c) => `${c.purposeId}:${c.reason}`,
      )
    expect(plan(day(29))).not.toContain('newsletter:expired')
    expect(plan(day(31))).toContain('newsletter:expired')

    const quick = configSchema.parse({
      ...fixture,
      purposes: fixture.purposes.map((p) =>
        p.id === 'newsletter' ? { ...p, confirmWithinDays: 7 } : p,
      ),
    })
    expect(consentState(quick, requested, 'newsletter', day(7))).toBe('pending')
    expect(consentState(quick, requested, 'newsletter', day(8))).toBe('expired')
    // A confirmation in time keeps counting after the window.
    const confirmed = ledger(event('newsletter', 'granted', 0), event('newsletter', 'confirmed', 6))
    expect(consentState(quick, confirmed, 'newsletter', day(60))).toBe('granted')
  })

  it('is outdated when granted on a version below requireVersion', () => {
    const old = ledger(event('newsletter', 'granted', 0, 1), event('newsletter', 'confirmed', 1, 1))
    expect(consentState(config, old, 'newsletter', day(2))).toBe('outdated')

    // A non-material edit: version 3 still accepts consents given on version 2.
    const edited = configSchema.parse({
      ...fixture,
      purposes: fixture.purposes.map((p) =>
        p.id === 'newsletter' ? { ...p, version: 3, requireVersion: 2 } : p,
      ),
    })
    const onTwo = ledger(event('newsletter', 'granted', 0, 2), event('newsletter', 'confirmed', 1))
    expect(consentState(edited, onTwo, 'newsletter', day(2))).toBe('granted')
    expect(consentState(edited, old, 'newsletter', day(2))).toBe('outdated')

    // Without requireVersion, any version bump asks again.
    const bumped = configSchema.parse({
      ...fixture,
      purposes: fixture.purposes.map((p) => (p.id === 'sales' ? { ...p, version: 2 } : p)),
    })
    expect(consentState(bumped, ledger(event('sales', 'granted', 0)), 'sales', day(1))).toBe(
      'outdated',
    )
  })

  it('expires refreshAfterDays after the confirmation (time travel)', () => {
    const profile = ledger(event('newsletter', 'granted', 0), event('newsletter', 'confirmed', 2))
    expect(consentState(config, profile, 'newsletter', day(2 + 730))).toBe('granted')
    expect(consentState(config, profile, 'newsletter', day(2 + 731))).toBe('expired')

    const withoutDoubleOptIn = configSchema.parse({
      ...fixture,
      purposes: fixture.purposes.map((p) =>
        p.id === 'newsletter' ? { ...p, doubleOptIn: false } : p,
      ),
    })
    const granted = ledger(event('newsletter', 'granted', 0))
    expect(consentState(withoutDoubleOptIn, granted, 'newsletter', day(730))).toBe('granted')
    expect(consentState(withoutDoubleOptIn, granted, 'newsletter', day(731))).toBe('expired')
    // sales has no refreshAfterDays: a grant never expires.
    expect(consentState(config, ledger(event('sales', 'granted', 0)), 'sales', day(5000))).toBe(
      'granted',
    )
  })

  it('treats an unreadable grant time as expired when consents must be refreshed', () => {
    const profile = ledger(event('newsletter', 'granted', 0), {
      ...event('newsletter', 'confirmed', 1),
      at: 'yesterday',
    })
    expect(consentState(config, profile, 'newsletter', day(2))).toBe('expired')
  })

  it('defaults now to the current time', () => {
    const profile = ledger(
      {
        purposeId: 'newsletter',
        decision: 'granted',
        version: 2,
        at: '2000-01-01T00:00:00.000Z',
      },
      {
        purposeId: 'newsletter',
        decision: 'confirmed',
        version: 2,
        at: '2000-01-02T00:00:00.000Z',
      },
    )
    expect(consentState(config, profile, 'newsletter')).toBe('expired')
  })

  it('throws a TypeError naming an unknown purpose and the known ones', () => {
    expect(() => consentState(config, ledger(), 'salse')).toThrow(
      'consentState: unknown purpose "salse". Known purposes: "delivery", "newsletter", "sales", "personalisation".',
    )
    expect(() => consentState(config, ledger(), 'toString')).toThrow(TypeError)
  })
})
