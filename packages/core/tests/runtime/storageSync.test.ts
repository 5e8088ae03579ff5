// @vitest-environment jsdom
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { browserStorage, type WebStorageLike } from '../../src/runtime/browserStorage'
import { configSchema } from '../../src/config/configSchema'
import { createTrickle } from '../../src/runtime/createTrickle'
import { memoryStorage } from '../../src/runtime/memoryStorage'
import { parseProfile } from '../../src/profile/parseProfile'
import { planVisit } from '../../src/plan/planVisit'
import { readEnvelope } from '../../src/runtime/readEnvelope'
import { createStorageSync } from '../../src/runtime/storageSync'
import type { Profile, TrickleEvent, TrickleStorage } from '../../src/types'
import fixture from '../fixtures/b2b-whitepaper.json'

const config = configSchema.parse(fixture)
const nowDate = new Date('2025-06-01T12:00:00.000Z')
const now = () => nowDate
const at = '2025-05-01T10:00:00.000Z'
const future = '2025-06-03T12:00:00.000Z'
const key = 'trickle:v1'

const valid = {
  v: 1,
  visitorId: 'v-1',
  fields: {
    email: { collectedAt: at, formId: 'whitepaper' },
    company: { collectedAt: at, formId: 'whitepaper' },
    jobRole: { value: 'head', collectedAt: at, formId: 'whitepaper' },
  },
  consents: [{ purposeId: 'sales', decision: 'granted', version: 1, at, formId: 'whitepaper' }],
  unlocked: { whitepaper: at },
}
type Envelope = typeof valid

/** The envelope after `change`, as stored text. */
const patched = (change: (envelope: Envelope) => void): string => {
  const envelope = structuredClone(valid)
  change(envelope)
  return JSON.stringify(envelope)
}

/** The envelope with one top-level property replaced (undefined removes it), as stored text. */
const replaced = (name: string, value: unknown): string =>
  JSON.stringify({ ...valid, [name]: value })

/** A profile that parses again without any drop and can be planned for every form. */
function expectValidProfile(profile: Profile): void {
  const again = parseProfile(config, JSON.parse(JSON.stringify(profile)), { now: nowDate })
  expect(again.dropped).toEqual([])
  expect(again.profile).toEqual(profile)
  for (const form of config.forms) planVisit(config, profile, { formId: form.id, now: nowDate })
}

function hydrate(raw: string, storage: TrickleStorage = browserStorage()) {
  localStorage.setItem(key, raw)
  const events: TrickleEvent[] = []
  const trickle = createTrickle({ config, storage, now, onEvent: (event) => events.push(event) })
  const recovered = events.flatMap((event) =>
    event.type === 'storage-recovered' ? event.dropped : [],
  )
  return { trickle, state: trickle.getState(), recovered }
}

beforeEach(() => localStorage.clear())

describe('hydration recovers from corrupt storage', () => {
  // [case, stored text, part of a dropped reason, kept field ids, kept consent count, visitor kept]
  const cases: [string, string, string, string[], number, boolean][] = [
    ['invalid JSON', '{"v":1,"visitorId":', 'not valid JSON', [], 0, false],
    ['an empty string', '', 'not valid JSON', [], 0, false],
    ['JSON null', 'null', 'stored data is null', [], 0, false],
    ['a JSON list', '[1,2,3]', 'stored data is a list', [], 0, false],
    ['a number', '42', 'stored data is a number', [], 0, false],
    ['an unknown envelope version', replaced('v', 2), 'envelope version', [], 0, false],
    ['no envelope version', replaced('v', undefined), 'envelope version', [], 0, false],
    [
      'a payload over 256 kB',
      replaced('pad', 'x'.repeat(300_000)),
      'stored data is larger than 256 kB',
      [],
      0,
      false,
    ],
    ['fields as a list', replaced('fields', []), 'fields is a list', [], 1, true],
    [
      'an unknown field id',
      patched((e) => (e.fields['fax' as 'email'] = { collectedAt: at, formId: 'whitepaper' })),
      'field "fax" is not in the config',
      ['email', 'company', 'jobRole'],
      1,
      true,
    ],
    [
      'a __proto__ field',
      `{"v":1,"visitorId":"v-1","fields":{"__proto__":{"collectedAt":"${at}","formId":"x"},"email":{"collectedAt":"${at}","formId":"whitepaper"}}}`,
      'field "__proto__" is not in the config',
      ['email'],
      0,
      true,
    ],
    [
      'a constructor field',
      patched((e) => (e.fields['constructor' as 'email'] = { collectedAt: at, formId: 'x' })),
      'field "constructor" is not in the config',
      ['email', 'company', 'jobRole'],
      1,
      true,
    ],
    [
      'a field collected in the future',
      patched((e) => (e.fields.company.collectedAt = future)),
      'field "company": collectedAt lies in the future',
      ['email', 'jobRole'],
      1,
      true,
    ],
    [
      'a malformed timestamp',
      patched((e) => (e.fields.email.collectedAt = 'last Tuesday')),
      'field "email": collectedAt is not an ISO 8601 time',
      ['company', 'jobRole'],
      1,
      true,
    ],
    [
      'a value of the wrong type',
      patched((e) => (e.fields.jobRole.value = 3 as unknown as string)),
      'field "jobRole": value is a number, not a text',
      ['email', 'company'],
      1,
      true,
    ],
    [
      'consents as an object',
      replaced('consents', { sales: true }),
      'consents is an object',
      ['email', 'company', 'jobRole'],
      0,
      true,
    ],
    [
      'a consent of an unknown purpose',
      patched((e) => e.consents.push({ ...e.consents[0]!, purposeId: 'cookies' })),
      'purpose "cookies" is not in the config',
      ['email', 'company', 'jobRole'],
      1,
      true,
    ],
    [
      'a consent given in the future',
      patched((e) => e.consents.push({ ...e.consents[0]!, at: future })),
      'consent event 1: at lies in the future',
      ['email', 'company', 'jobRole'],
      1,
      true,
    ],
    [
      'a visitor id that is not a text',
      replaced('visitorId', { id: 1 }),
      'visitorId is missing or invalid',
      ['email', 'company', 'jobRole'],
      1,
      false,
    ],
    [
      'an unlocked form that does not exist',
      patched((e) => (e.unlocked['ebook' as 'whitepaper'] = at)),
      'unlocked form "ebook" is not in the config',
      ['email', 'company', 'jobRole'],
      1,
      true,
    ],
    [
      'unlocked as a list',
      replaced('unlocked', ['whitepaper']),
      'unlocked is a list',
      ['email', 'company', 'jobRole'],
      1,
      true,
    ],
    [
      'a consent with an unknown decision',
      patched((e) => (e.consents[0]!.decision = 'maybe')),
      'decision must be one of',
      ['email', 'company', 'jobRole'],
      0,
      true,
    ],
  ]

  it('has at least 20 cases', () => expect(cases.length).toBeGreaterThanOrEqual(20))

  it.each(cases)(
    '%s: keeps the valid parts and says what was dropped',
    (_name, raw, reason, fields, consents, keepsVisitor) => {
      const { state, recovered } = hydrate(raw)
      expect(state.hydrated).toBe(true)
      expectValidProfile(state.profile)
      expect(recovered.some((text) => text.includes(reason))).toBe(true)
      expect(Object.keys(state.profile.fields).sort()).toEqual([...fields].sort())
      expect(state.profile.consents).toHaveLength(consents)
      expect(state.profile.visitorId === 'v-1').toBe(keepsVisitor)
      // Storage now holds a clean envelope, or nothing.
      const stored = localStorage.getItem(key)
      if (stored !== null)
        expect(readEnvelope(config, stored, { now: nowDate }).dropped).toEqual([])
    },
  )

  it('keeps the unlocked downloads that are valid', () => {
    const { state } = hydrate(patched((e) => (e.unlocked['ebook' as 'whitepaper'] = at)))
    expect(state.unlocked).toEqual({ whitepaper: at })
  })

  it(
    'never throws and always yields a valid profile for random bytes in storage',
    { timeout: 60_000 },
    () => {
      const storage = memoryStorage()
      fc.assert(
        fc.property(fc.uint8Array({ maxLength: 300 }), fc.boolean(), (bytes, asUtf8) => {
          const raw = asUtf8 ? new TextDecoder().decode(bytes) : String.fromCharCode(...bytes)
          storage.setItem(key, raw)
          const trickle = createTrickle({ config, storage, now })
          expectValidProfile(trickle.getState().profile)
        }),
        { numRuns: 300 },
      )
    },
  )

  it(
    'never throws and always yields a valid profile for random JSON in storage',
    { timeout: 60_000 },
    () => {
      const storage = memoryStorage()
      const fieldId = fc.oneof(
        fc.constantFrom(
          ...config.fields.map((field) => field.id),
          '__proto__',
          'constructor',
          'toString',
        ),
        fc.string(),
      )
      const time = fc.oneof(
        fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
        fc.constantFrom(at, future),
        fc.anything(),
      )
      const record = fc.record(
        {
          value: fc.oneof(
            fc.string(),
            fc.integer(),
            fc.boolean(),
            fc.array(fc.string()),
            fc.anything(),
          ),
          collectedAt: time,
          formId: fc.oneof(fc.constantFrom('whitepaper', 'checklist'), fc.anything()),
          declined: fc.oneof(fc.boolean(), fc.anything()),
        },
        { requiredKeys: [] },
      )
      const event = fc.record(
        {
          purposeId: fc.oneof(
            fc.constantFrom('newsletter', 'sales', 'delivery', 'cookies'),
            fc.anything(),
          ),
          decision: fc.oneof(
            fc.constantFrom('granted', 'denied', 'withdrawn', 'confirmed'),
            fc.anything(),
          ),
          version: fc.oneof(fc.integer({ min: -1, max: 3 }), fc.anything()),
          at: time,
        },
        { requiredKeys: [] },
      )
      const envelope = fc.record(
        {
          v: fc.oneof(fc.constant(1), fc.anything()),
          visitorId: fc.oneof(fc.uuid(), fc.anything()),
          fields: fc.oneof(fc.dictionary(fieldId, fc.oneof(record, fc.anything())), fc.anything()),
          consents: fc.oneof(fc.array(fc.oneof(event, fc.anything())), fc.anything()),
          unlocked: fc.oneof(
            fc.dictionary(fc.constantFrom('whitepaper', 'ebook'), time),
            fc.anything(),
          ),
        },
        { requiredKeys: [] },
      )
      fc.assert(
        fc.property(fc.oneof(fc.jsonValue(), envelope), (data) => {
          storage.setItem(key, JSON.stringify(data) ?? 'undefined')
          const trickle = createTrickle({ config, storage, now })
          expectValidProfile(trickle.getState().profile)
        }),
        { numRuns: 500 },
      )
    },
  )
})

describe('storage that fails', () => {
  afterEach(() => vi.restoreAllMocks())

  it('works in memory when the localStorage getter throws (Safari private mode, sandboxed iframe)', async () => {
    vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError')
    })
    const events: TrickleEvent[] = []
    const trickle = createTrickle({
      config,
      storage: browserStorage(),
      now,
      onEvent: (event) => events.push(event),
    })
    expect(events).toEqual([
      {
        type: 'storage-recovered',
        dropped: ['storage is not available (SecurityError); nothing is kept after this page'],
      },
    ])
    const result = await trickle.submit('whitepaper', {
      values: { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', company: 'ACME' },
    })
    expect(result.ok).toBe(true)
    expect(trickle.plan('whitepaper').fields.map((field) => field.id)).toContain('jobRole')
    trickle.reset()
    expect(events.filter((event) => event.type === 'storage-recovered')).toHaveLength(1)
  })

  /** A storage whose quota allows `limit` characters per item. */
  const tinyStorage = (limit: number): WebStorageLike => {
    const items = new Map<string, string>()
    return {
      getItem: (name) => items.get(name) ?? null,
      setItem(name, value) {
        if (value.length > limit) throw new DOMException('Quota exceeded', 'QuotaExceededError')
        items.set(name, value)
      },
      removeItem: (name) => void items.delete(name),
    }
  }

  it('keeps which fields are known when the values do not fit the quota', async () => {
    const storage = tinyStorage(900)
    const events: TrickleEvent[] = []
    const trickle = createTrickle({
      config,
      storage: browserStorage({ storage }),
      persist: 'values',
      now,
      onEvent: (event) => events.push(event),
    })
    const result = await trickle.submit('whitepaper', {
      values: {
        email: 'ada@example.com',
        firstName: 'A'.repeat(80),
        lastName: 'L'.repeat(80),
        company: 'C'.repeat(120),
      },
    })
    expect(result.ok).toBe(true)
    expect(events).toContainEqual({
      type: 'storage-recovered',
      dropped: [
        'field values were not stored because the storage quota is exceeded; only which fields are known was kept',
      ],
    })
    const stored = storage.getItem(key)!
    expect(stored).not.toContain('ada@example.com')
    expect(Object.keys(readEnvelope(config, stored, { now: nowDate }).profile!.fields)).toEqual([
      'email',
      'firstName',
      'lastName',
      'company',
    ])
    expect(trickle.getState().profile.fields['company']?.value).toBe('C'.repeat(120))
  })

  it('keeps the profile for this page when nothing fits the quota', async () => {
    const events: TrickleEvent[] = []
    const trickle = createTrickle({
      config,
      storage: browserStorage({ storage: tinyStorage(10) }),
      now,
      onEvent: (event) => events.push(event),
    })
    const result = await trickle.submit('whitepaper', {
      values: { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', company: 'ACME' },
    })
    expect(result.ok).toBe(true)
    expect(trickle.getState().profile.fields['company']?.value).toBe('ACME')
    expect(events).toContainEqual({
      type: 'storage-recovered',
      dropped: [
        'nothing was stored because the storage quota is exceeded; the profile is kept for this page only',
      ],
    })
  })
})

describe('createStorageSync', () => {
  it('keeps which fields are known when the values are larger than 256 kB', () => {
    const storage = memoryStorage()
    const reports: string[][] = []
    const sync = createStorageSync({
      config,
      storage,
      persist: 'values',
      now,
      onDropped: (dropped) => reports.push(dropped),
    })
    const huge = 'C'.repeat(300_000)
    const profile: Profile = {
      visitorId: 'v-1',
      fields: { company: { value: huge, collectedAt: at, formId: 'whitepaper' } },
      consents: [],
    }
    sync.save(profile, {})
    expect(reports).toEqual([
      [
        'field values were not stored because the data is larger than 256 kB; only which fields are known was kept',
      ],
    ])
    expect(readEnvelope(config, storage.getItem(key), { now: nowDate }).profile?.fields).toEqual({
      company: { collectedAt: at, formId: 'whitepaper' },
    })
  })
})
