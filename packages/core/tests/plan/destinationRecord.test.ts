import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { configSchema } from '../../src/config/configSchema'
import { consentState } from '../../src/plan/consentState'
import { destinationRecord } from '../../src/plan/destinationRecord'
import type { Config, ConsentEvent, FieldRecord, Profile } from '../../src/types'
import { withdrawConsent } from '../../src/profile/withdrawConsent'
import { dayMs, idArb, scenarioArb } from '../arbitraries'
import fixture from '../fixtures/b2b-whitepaper.json'

// The fixture plus a newsletter field and a field that serves both sales and the newsletter.
// newsletter: version 2, requireVersion 2, double opt-in, refreshAfterDays 730. sales: version 1.
// delivery: contract. personalisation: legitimate interest.
const input = {
  ...fixture,
  fields: [
    ...fixture.fields,
    { id: 'topics', type: 'text', label: 'Topics', purposes: ['newsletter'] },
    { id: 'mobile', type: 'tel', label: 'Mobile', purposes: ['sales', 'newsletter'] },
  ],
}
const config = configSchema.parse(input)
const start = new Date('2025-01-15T08:00:00.000Z')
const day = (n: number): Date => new Date(start.getTime() + n * dayMs)
const record = (value: string): FieldRecord => ({
  value,
  collectedAt: day(0).toISOString(),
  formId: 'whitepaper',
})
const event = (
  purposeId: string,
  decision: ConsentEvent['decision'],
  onDay: number,
  version = purposeId === 'newsletter' ? 2 : 1,
): ConsentEvent => ({ purposeId, decision, version, at: day(onDay).toISOString() })

const fields = {
  email: record('ada@example.com'),
  company: record('Analytical Engines Ltd'),
  phone: record('+49 30 1234567'),
  topics: record('compilers'),
  mobile: record('+49 170 1234567'),
}
const person = (...consents: ConsentEvent[]): Profile => ({ visitorId: 'v-1', fields, consents })

const crm = { purposes: ['delivery', 'sales'] }
const mailer = { purposes: ['delivery', 'newsletter'] }
const sent = (profile: Profile, destination: { purposes: string[] }, now = day(10)) =>
  Object.keys(destinationRecord(config, profile, destination, { now }).fields).sort()

describe('destinationRecord', () => {
  it('passes on the values of purposes that need no consent, only to destinations serving them', () => {
    const profile = person()
    expect(sent(profile, { purposes: ['delivery'] })).toEqual(['email'])
    expect(sent(profile, { purposes: ['personalisation'] })).toEqual(['company'])
    expect(destinationRecord(config, profile, crm, { now: day(1) }).fields).toEqual({
      email: 'ada@example.com',
    })
  })

  it('passes on consent fields only while the consent is granted', () => {
    expect(sent(person(), crm)).toEqual(['email'])
    expect(sent(person(event('sales', 'granted', 1)), crm)).toEqual(['email', 'mobile', 'phone'])
    expect(sent(person(event('sales', 'denied', 1)), crm)).toEqual(['email'])
    const withdrawn = person(event('sales', 'granted', 1), event('sales', 'withdrawn', 2))
    expect(sent(withdrawn, crm)).toEqual(['email'])
  })

  it('withholds double opt-in values until the confirmation, and after the consent expired', () => {
    const pending = person(event('newsletter', 'granted', 1))
    expect(sent(pending, mailer, day(2))).toEqual(['email'])
    const confirmed = person(event('newsletter', 'granted', 1), event('newsletter', 'confirmed', 2))
    expect(sent(confirmed, mailer, day(3))).toEqual(['email', 'mobile', 'topics'])
    // refreshAfterDays 730, counted from the confirmation.
    expect(sent(confirmed, mailer, day(2 + 730))).toEqual(['email', 'mobile', 'topics'])
    expect(sent(confirmed, mailer, day(2 + 731))).toEqual(['email'])
  })

  it('withholds values consented on a version the config no longer accepts', () => {
    const profile = person(event('newsletter', 'granted', 1), event('newsletter', 'confirmed', 2))
    const bump = (requireVersion: number): Config =>
      configSchema.parse({
        ...input,
        purposes: input.purposes.map((p) =>
          p.id === 'newsletter' ? { ...p, version: 3, requireVersion } : p,
        ),
      })
    const now = { now: day(3) }
    expect(Object.keys(destinationRecord(bump(3), profile, mailer, now).fields)).toEqual(['email'])
    expect(Object.keys(destinationRecord(bump(2), profile, mailer, now).fields).sort()).toEqual([
      'email',
      'mobile',
      'topics',
    ])
  })

  it('decides per person: each carries their own generation of consent', () => {
    const bumped = configSchema.parse({
      ...input,
      purposes: input.purposes.map((p) => (p.id === 'sales' ? { ...p, version: 2 } : p)),
    })
    const early = person(event('sales', 'granted', 1, 1))
    const late = person(event('sales', 'granted', 5, 2))
    const now = { now: day(6) }
    expect(Object.keys(destinationRecord(bumped, early, crm, now).fields)).toEqual(['email'])
    expect(Object.keys(destinationRecord(bumped, late, crm, now).fields).sort()).toEqual([
      'email',
      'mobile',
      'phone',
    ])
  })

  it('sends a field that serves several purposes while one served purpose is usable', () => {
    const profile = person(event('sales', 'granted', 1), event('newsletter', 'denied', 1))
    expect(sent(profile, crm)).toContain('mobile')
    expect(sent(profile, mailer)).not.toContain('mobile')
  })

  it('never passes on declined, erased, value-less or undefined fields, nor ids outside fieldIds', () => {
    const profile: Profile = {
      visitorId: 'v-2',
      fields: {
        email: { collectedAt: day(0).toISOString(), formId: 'whitepaper' },
        company: { ...record('Analytical Engines Ltd'), declined: true },
        firstName: record('Ada'),
        jobRole: record('head'),
        retired: record('a field the config no longer defines'),
      },
      consents: [event('sales', 'granted', 1)],
    }
    const everything = { purposes: ['delivery', 'personalisation', 'sales', 'newsletter'] }
    const now = day(2)
    expect(destinationRecord(config, profile, everything, { now }).fields).toStrictEqual({
      firstName: 'Ada',
      jobRole: 'head',
    })
    const fieldIds = ['jobRole', 'retired', 'nothing', 'jobRole']
    expect(destinationRecord(config, profile, everything, { now, fieldIds }).fields).toEqual({
      jobRole: 'head',
    })
    const { profile: erased } = withdrawConsent(
      config,
      person(event('sales', 'granted', 1)),
      'sales',
      {
        now,
      },
    )
    expect(sent(erased, everything, now)).toEqual(['company', 'email'])
  })

  it('lists the consent events of the purposes the destination serves, oldest first', () => {
    const ledger = [
      event('sales', 'granted', 1),
      event('newsletter', 'granted', 2),
      event('newsletter', 'confirmed', 3),
      event('sales', 'withdrawn', 4),
    ]
    const profile = person(...ledger)
    expect(destinationRecord(config, profile, crm, { now: day(5) }).consents).toEqual([
      ledger[0],
      ledger[3],
    ])
    expect(destinationRecord(config, profile, mailer, { now: day(5) }).consents).toEqual([
      ledger[1],
      ledger[2],
    ])
  })

  it('leaves the profile untouched', () => {
    const profile: Profile = {
      visitorId: 'v-3',
      fields: { industry: { value: 'it', collectedAt: day(0).toISOString(), formId: 'w' } },
      consents: [],
    }
    const copy = structuredClone(profile)
    destinationRecord(config, profile, { purposes: ['personalisation'] }, { now: day(1) })
    expect(profile).toEqual(copy)
  })
})

const runs = 400

/**
 * A consent ledger over the config's consent purposes: grants, denials, withdrawals and double
 * opt-in confirmations, on the current or an older version, up to 1,000 days old (past
 * `refreshAfterDays`, which is 30 to 800, and past the 30 days a confirmation may take).
 */
const ledgerArb = fc.array(
  fc.record({
    purpose: fc.nat(),
    decision: fc.constantFrom<ConsentEvent['decision']>(
      'granted',
      'denied',
      'withdrawn',
      'confirmed',
    ),
    // Half within the days a double opt-in confirmation may take, half over the whole range.
    age: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 1_000 })),
    older: fc.boolean(),
  }),
  { maxLength: 8 },
)

function buildLedger(
  config: Config,
  now: Date,
  sketch: typeof ledgerArb extends fc.Arbitrary<infer T> ? T : never,
): ConsentEvent[] {
  const consentPurposes = config.purposes.filter((p) => p.basis === 'consent')
  if (consentPurposes.length === 0) return []
  return [...sketch]
    .sort((a, b) => b.age - a.age)
    .map((e) => {
      const purpose = consentPurposes[e.purpose % consentPurposes.length]!
      return {
        purposeId: purpose.id,
        decision: e.decision,
        version: e.older ? Math.max(1, purpose.version - 1) : purpose.version,
        at: new Date(now.getTime() - e.age * dayMs).toISOString(),
      }
    })
}

describe('destinationRecord: property over random consent histories', () => {
  /**
   * A random config and profile with a random consent history (see `ledgerArb`), some consent
   * purposes bumped to a new version in the config afterwards, a destination serving random
   * purposes (now and then one the config lacks), random fieldIds, and records of fields the
   * config does not define.
   */
  const caseArb = scenarioArb().chain(({ config, profile, now }) =>
    fc.record({
      config: fc
        .array(fc.boolean(), {
          minLength: config.purposes.length,
          maxLength: config.purposes.length,
        })
        .map((bumps): Config => ({
          ...config,
          purposes: config.purposes.map((p, i) =>
            bumps[i] && p.basis === 'consent' ? { ...p, version: p.version + 1 } : p,
          ),
        })),
      profile: fc
        .record({
          ledger: ledgerArb,
          declined: fc.subarray(config.fields.map((field) => field.id)),
          extra: fc.dictionary(
            idArb.filter((id) => !config.fields.some((field) => field.id === id)),
            fc.string(),
            { maxKeys: 2 },
          ),
        })
        .map(({ ledger, declined, extra }): Profile => ({
          ...profile,
          fields: {
            ...profile.fields,
            // A decline recorded over an earlier answer: the value is there but must not go.
            ...Object.fromEntries(
              declined.flatMap((id) => {
                const stored = Object.hasOwn(profile.fields, id) ? profile.fields[id] : undefined
                return stored === undefined ? [] : [[id, { ...stored, declined: true }]]
              }),
            ),
            ...Object.fromEntries(
              Object.entries(extra).map(([id, value]) => [
                id,
                { value, collectedAt: now.toISOString(), formId: 'x' },
              ]),
            ),
          },
          consents: buildLedger(config, now, ledger),
        })),
      now: fc.constant(now),
      purposes: fc.subarray([...config.purposes.map((p) => p.id), 'notAPurpose'], {
        minLength: 1,
      }),
      fieldIds: fc.option(
        fc.subarray([...config.fields.map((f) => f.id), 'notAField', 'alsoNotAField']),
        { nil: undefined },
      ),
    }),
  )

  it(
    `passes a value iff the field is known and one of its purposes is served and usable (${runs} histories)`,
    { timeout: 120_000 },
    () => {
      const seen = new Map<string, number>()
      fc.assert(
        fc.property(caseArb, ({ config, profile, now, purposes, fieldIds }) => {
          const options = fieldIds === undefined ? { now } : { now, fieldIds }
          const copy = structuredClone(profile)
          const result = destinationRecord(config, profile, { purposes }, options)
          expect(profile).toEqual(copy)

          const states = new Map(
            config.purposes.map((p) => [p.id, consentState(config, profile, p.id, now)]),
          )
          for (const state of states.values()) seen.set(state, (seen.get(state) ?? 0) + 1)
          const usable = (purposeId: string): boolean => {
            const state = states.get(purposeId)
            return state === 'not-required' || state === 'granted'
          }
          const expected: Record<string, unknown> = {}
          for (const field of config.fields) {
            if (fieldIds !== undefined && !fieldIds.includes(field.id)) continue
            const stored = Object.hasOwn(profile.fields, field.id)
              ? profile.fields[field.id]
              : undefined
            if (stored === undefined || stored.declined || stored.value === undefined) continue
            const allowed = field.purposes.some((id) => purposes.includes(id) && usable(id))
            if (allowed) expected[field.id] = stored.value
          }
          // Exactly these values: nothing of an unserved, unusable, unknown or unasked field.
          expect(result.fields).toStrictEqual(expected)
          expect(result.consents).toEqual(
            profile.consents.filter((event) => purposes.includes(event.purposeId)),
          )
        }),
        { numRuns: runs },
      )
      // The histories reached every state a purpose can be in at delivery.
      const states = [
        'denied',
        'expired',
        'granted',
        'none',
        'not-required',
        'outdated',
        'pending',
        'withdrawn',
      ]
      expect(states.filter((state) => !seen.has(state))).toEqual([])
    },
  )
})
