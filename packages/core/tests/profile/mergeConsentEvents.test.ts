import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { mergeConsentEvents } from '../../src/profile/mergeConsentEvents'
import type { ConsentEvent } from '../../src/types'

const event = (
  purposeId: string,
  decision: ConsentEvent['decision'],
  at: string,
  extra: Partial<ConsentEvent> = {},
): ConsentEvent => ({ purposeId, decision, version: 1, at, ...extra })

const grant = event('newsletter', 'granted', '2025-05-01T10:00:00.000Z', { formId: 'whitepaper' })
const confirm = event('newsletter', 'confirmed', '2025-05-01T10:05:00.000Z', {
  source: 'double-opt-in',
})
const withdrawal = event('sales', 'withdrawn', '2025-05-02T08:00:00.000Z')

describe('mergeConsentEvents', () => {
  it('adds the events the local ledger lacks, in time order', () => {
    const { events, added } = mergeConsentEvents([grant], [grant, confirm])
    expect(events).toEqual([grant, confirm])
    expect(added).toEqual([confirm])
  })

  it('does not add an event twice, whatever the ISO spelling of its time', () => {
    const spelled = { ...grant, at: '2025-05-01T12:00:00+02:00', source: 'server' }
    const { events, added } = mergeConsentEvents([grant], [spelled])
    expect(added).toEqual([])
    expect(events).toEqual([grant])
  })

  it('treats events that differ in decision, version or time as different records', () => {
    const incoming = [
      { ...grant, decision: 'denied' as const },
      { ...grant, version: 2 },
      { ...grant, at: '2025-05-01T10:00:00.001Z' },
    ]
    expect(mergeConsentEvents([grant], incoming).added).toHaveLength(3)
  })

  it('keeps a local withdrawal the server has not recorded yet', () => {
    const localWithdrawal = event('newsletter', 'withdrawn', '2025-05-03T09:00:00.000Z')
    const { events } = mergeConsentEvents([grant, localWithdrawal], [grant, confirm])
    expect(events).toEqual([grant, confirm, localWithdrawal])
  })

  it('puts local events first among events of the same instant', () => {
    const at = '2025-05-01T10:00:00.000Z'
    const local = event('sales', 'granted', at)
    const remote = event('newsletter', 'granted', at)
    expect(mergeConsentEvents([local], [remote]).events).toEqual([local, remote])
    expect(mergeConsentEvents([remote], [local]).events).toEqual([remote, local])
  })

  it('matches equal events one to one, so a repeated record of the server is kept', () => {
    const twice = [withdrawal, withdrawal]
    expect(mergeConsentEvents([withdrawal], twice).added).toEqual([withdrawal])
    expect(mergeConsentEvents(twice, [withdrawal]).added).toEqual([])
  })

  it('returns the local ledger as it was when nothing is new, and changes neither input', () => {
    const local = [confirm, grant]
    const incoming = [grant]
    const { events, added } = mergeConsentEvents(local, incoming)
    expect(added).toEqual([])
    expect(events).toEqual([confirm, grant])
    expect(local).toEqual([confirm, grant])
    expect(incoming).toEqual([grant])
  })
})

const instantArb = fc.integer({ min: 0, max: 20 }).map((minute) => {
  const at = new Date(Date.UTC(2025, 4, 1, 10, minute))
  return at.toISOString()
})
const eventArb: fc.Arbitrary<ConsentEvent> = fc.record({
  purposeId: fc.constantFrom('newsletter', 'sales'),
  decision: fc.constantFrom('granted', 'denied', 'withdrawn', 'confirmed'),
  version: fc.integer({ min: 1, max: 2 }),
  at: instantArb,
})
/** A ledger as it is written: appended over time, so ordered by `at`. */
const ledgerArb = fc
  .array(eventArb, { maxLength: 12 })
  .map((events) => [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at)))

describe('mergeConsentEvents: properties', () => {
  it(
    'is idempotent: merging the same events again adds nothing and changes nothing',
    { timeout: 60_000 },
    () => {
      fc.assert(
        fc.property(ledgerArb, ledgerArb, (local, incoming) => {
          const once = mergeConsentEvents(local, incoming).events
          const twice = mergeConsentEvents(once, incoming)
          expect(twice.added).toEqual([])
          expect(twice.events).toEqual(once)
        }),
        { numRuns: 100 },
      )
    },
  )

  it('never drops a local event and keeps the local order', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(ledgerArb, ledgerArb, (local, incoming) => {
        const { events, added } = mergeConsentEvents(local, incoming)
        expect(events).toHaveLength(local.length + added.length)
        const kept = events.filter((item) => local.includes(item))
        expect(kept).toEqual(local)
      }),
      { numRuns: 100 },
    )
  })

  it('orders the merged ledger by time and holds every incoming event', { timeout: 60_000 }, () => {
    fc.assert(
      fc.property(ledgerArb, ledgerArb, (local, incoming) => {
        const { events } = mergeConsentEvents(local, incoming)
        const times = events.map((item) => Date.parse(item.at))
        expect(times).toEqual([...times].sort((a, b) => a - b))
        const key = (item: ConsentEvent) =>
          `${item.purposeId}|${item.decision}|${item.version}|${item.at}`
        const count = (list: ConsentEvent[], k: string) =>
          list.filter((item) => key(item) === k).length
        for (const item of incoming) {
          expect(count(events, key(item))).toBeGreaterThanOrEqual(count(incoming, key(item)))
        }
      }),
      { numRuns: 100 },
    )
  })
})
