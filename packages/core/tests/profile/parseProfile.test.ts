import { describe, expect, it } from 'vitest'
import { configSchema } from '../../src/config/configSchema'
import { parseProfile } from '../../src/profile/parseProfile'
import fixture from '../fixtures/b2b-whitepaper.json'

const config = configSchema.parse(fixture)
const now = new Date('2025-06-01T12:00:00.000Z')
const at = '2025-05-01T10:00:00.000Z'

const valid = {
  visitorId: 'v-123',
  fields: {
    email: { value: 'ada@example.com', collectedAt: at, formId: 'whitepaper' },
    jobRole: { value: 'head', collectedAt: at, formId: 'whitepaper' },
    phone: { collectedAt: at, formId: 'whitepaper', declined: true },
    firstName: { collectedAt: at, formId: 'checklist' },
  },
  consents: [
    {
      purposeId: 'newsletter',
      decision: 'granted',
      version: 2,
      at,
      formId: 'whitepaper',
      locale: 'de',
      textHash: 'a'.repeat(64),
      source: 'form',
    },
    { purposeId: 'newsletter', decision: 'confirmed', version: 2, at },
  ],
}

describe('parseProfile', () => {
  it('keeps a valid profile as it is and drops nothing', () => {
    const { profile, dropped } = parseProfile(config, structuredClone(valid), { now })
    expect(dropped).toEqual([])
    expect(profile).toEqual(valid)
  })

  it('starts a new profile with a fresh visitor id when the input is not an object', () => {
    for (const input of [null, 'text', 42, [valid]]) {
      const { profile, dropped } = parseProfile(config, input, { now })
      expect(profile.fields).toEqual({})
      expect(profile.consents).toEqual([])
      expect(profile.visitorId).toMatch(/^[0-9a-f-]{36}$/)
      expect(dropped).toHaveLength(1)
      expect(dropped[0]).toContain('not an object')
    }
  })

  it('replaces a missing or malformed visitor id and keeps the rest', () => {
    const { profile, dropped } = parseProfile(config, { ...valid, visitorId: '<script>' }, { now })
    expect(profile.visitorId).not.toBe('<script>')
    expect(profile.fields['email']?.value).toBe('ada@example.com')
    expect(dropped).toEqual(['visitorId is missing or invalid; a new visitor id was created'])
  })

  it('drops records of unknown fields and reserved ids, without touching Object.prototype', () => {
    const input = JSON.parse(
      JSON.stringify({
        ...valid,
        fields: { ...valid.fields, fax: { collectedAt: at, formId: 'x' } },
      }).replace(
        '"fields":{',
        '"fields":{"__proto__":{"collectedAt":"2025-05-01T10:00:00.000Z","formId":"x","polluted":true},"constructor":{"collectedAt":"2025-05-01T10:00:00.000Z","formId":"x"},',
      ),
    ) as unknown
    const { profile, dropped } = parseProfile(config, input, { now })
    expect(Object.keys(profile.fields).sort()).toEqual(['email', 'firstName', 'jobRole', 'phone'])
    expect(dropped).toEqual([
      'field "__proto__" is not in the config',
      'field "constructor" is not in the config',
      'field "fax" is not in the config',
    ])
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(Object.getPrototypeOf(profile.fields)).toBeNull()
  })

  it('drops records with a future, missing or malformed timestamp; a small clock skew is fine', () => {
    const skewed = new Date(now.getTime() + 60_000).toISOString()
    const future = new Date(now.getTime() + 86_400_000).toISOString()
    const { profile, dropped } = parseProfile(
      config,
      {
        visitorId: 'v-1',
        fields: {
          email: { value: 'a@b.de', collectedAt: skewed, formId: 'whitepaper' },
          company: { value: 'ACME', collectedAt: future, formId: 'whitepaper' },
          industry: { value: 'it', collectedAt: 'yesterday', formId: 'whitepaper' },
          lastName: { value: 'Lovelace', formId: 'whitepaper' },
        },
      },
      { now },
    )
    expect(Object.keys(profile.fields)).toEqual(['email'])
    expect(dropped).toEqual([
      'field "company": collectedAt lies in the future',
      'field "industry": collectedAt is not an ISO 8601 time',
      'field "lastName": collectedAt is not an ISO 8601 time',
    ])
  })

  it('drops values of the wrong type for their field and never repeats the value', () => {
    const record = (value: unknown) => ({ value, collectedAt: at, formId: 'whitepaper' })
    const { profile, dropped } = parseProfile(
      config,
      {
        visitorId: 'v-1',
        fields: {
          email: record(['secret@example.com']),
          company: record({ name: 'ACME' }),
          jobRole: record(7),
          firstName: record('x'.repeat(10_001)),
          lastName: record('Lovelace'),
        },
      },
      { now },
    )
    expect(Object.keys(profile.fields)).toEqual(['lastName'])
    expect(dropped).toEqual([
      'field "email": value is a list, not a text (field type "email")',
      'field "company": value is an object, not a text (field type "text")',
      'field "jobRole": value is a number, not a text (field type "select")',
      'field "firstName": value is longer than 10000 characters',
    ])
    expect(dropped.join(' ')).not.toContain('secret@example.com')
  })

  it('checks number, checkbox and multiselect values by type', () => {
    const custom = configSchema.parse({
      ...fixture,
      fields: [
        ...fixture.fields,
        { id: 'seats', type: 'number', purposes: ['delivery'], label: 'Seats' },
        { id: 'agree', type: 'checkbox', purposes: ['delivery'], label: 'Agree' },
        {
          id: 'topics',
          type: 'multiselect',
          purposes: ['delivery'],
          label: 'Topics',
          options: [{ value: 'a', label: 'A' }],
        },
      ],
    })
    const record = (value: unknown) => ({ value, collectedAt: at, formId: 'whitepaper' })
    const good = parseProfile(
      custom,
      { visitorId: 'v', fields: { seats: record(12), agree: record(true), topics: record(['a']) } },
      { now },
    )
    expect(good.dropped).toEqual([])
    const bad = parseProfile(
      custom,
      {
        visitorId: 'v',
        fields: { seats: record('12'), agree: record('yes'), topics: record([1]) },
      },
      { now },
    )
    expect(bad.profile.fields).toEqual({})
    expect(bad.dropped).toEqual([
      'field "seats": value is a text, not a number (field type "number")',
      'field "agree": value is a text, not true/false (field type "checkbox")',
      'field "topics": value is a list, not a list of texts (field type "multiselect")',
    ])
    const notFinite = parseProfile(
      custom,
      { visitorId: 'v', fields: { seats: record(NaN) } },
      { now },
    )
    expect(notFinite.profile.fields).toEqual({})
    expect(notFinite.dropped).toEqual([
      'field "seats": value is NaN, not a number (field type "number")',
    ])
  })

  it('drops records with a bad shape and reports unknown properties', () => {
    const { profile, dropped } = parseProfile(
      config,
      {
        visitorId: 'v-1',
        fields: {
          email: 'ada@example.com',
          company: { value: 'ACME', collectedAt: at, formId: '../etc' },
          industry: { value: 'it', collectedAt: at, formId: 'whitepaper', declined: 'no' },
          jobRole: { value: 'head', collectedAt: at, formId: 'whitepaper', score: 99 },
        },
        extra: true,
      },
      { now },
    )
    expect(profile.fields).toEqual({
      jobRole: { value: 'head', collectedAt: at, formId: 'whitepaper' },
    })
    expect(dropped).toEqual([
      'unknown profile property "extra"',
      'field "email": a text, not an object',
      'field "company": formId is missing or not a valid id',
      'field "industry": declined must be true or false',
      'field "jobRole": unknown property "score"',
    ])
  })

  it('keeps valid consent events in ledger order and drops the broken ones', () => {
    const future = new Date(now.getTime() + 86_400_000).toISOString()
    const consents = [
      { purposeId: 'sales', decision: 'granted', version: 1, at },
      { purposeId: 'cookies', decision: 'granted', version: 1, at },
      { purposeId: 'sales', decision: 'maybe', version: 1, at },
      { purposeId: 'sales', decision: 'denied', version: 0, at },
      { purposeId: 'sales', decision: 'denied', version: 1, at: future },
      { purposeId: 'sales', decision: 'denied', version: 1, at, locale: 'english' },
      { purposeId: 'sales', decision: 'denied', version: 1, at, textHash: 'abc' },
      { purposeId: 'sales', decision: 'denied', version: 1, at, ip: '1.2.3.4' },
      'granted',
      { purposeId: 'newsletter', decision: 'granted', version: 2, at: '2025-04-01T00:00:00Z' },
    ]
    const { profile, dropped } = parseProfile(config, { visitorId: 'v', consents }, { now })
    expect(profile.consents).toEqual([consents[0], consents[9]])
    expect(dropped).toEqual([
      'consent event 1: purpose "cookies" is not in the config',
      'consent event 2: decision must be one of granted, denied, withdrawn, confirmed',
      'consent event 3: version must be a whole number of at least 1',
      'consent event 4: at lies in the future',
      'consent event 5: locale is not a language tag',
      'consent event 6: textHash is not a SHA-256 hex digest',
      'consent event 7: unknown property "ip"',
      'consent event 8: a text, not an object',
    ])
  })

  it('drops whole sections of the wrong type', () => {
    const { profile, dropped } = parseProfile(
      config,
      { visitorId: 'v', fields: [], consents: {} },
      { now },
    )
    expect(profile).toEqual({ visitorId: 'v', fields: {}, consents: [] })
    expect(dropped).toEqual([
      'fields is a list, not an object',
      'consents is an object, not a list',
    ])
  })

  it('returns a profile that parses again without drops (idempotent)', () => {
    const messy = {
      ...valid,
      fields: { ...valid.fields, fax: {} },
      consents: [...valid.consents, 1],
    }
    const once = parseProfile(config, messy, { now }).profile
    const twice = parseProfile(config, JSON.parse(JSON.stringify(once)), { now })
    expect(twice.dropped).toEqual([])
    expect(twice.profile).toEqual(once)
  })
})
