import { describe, expect, it } from 'vitest'
import { configSchema } from '../../src/config/configSchema'
import { maxStoredChars, readEnvelope } from '../../src/runtime/readEnvelope'
import fixture from '../fixtures/b2b-whitepaper.json'

const config = configSchema.parse(fixture)
const now = new Date('2025-06-01T12:00:00.000Z')
const at = '2025-05-01T10:00:00.000Z'
const envelope = {
  v: 1,
  visitorId: 'v-1',
  fields: { email: { collectedAt: at, formId: 'whitepaper' } },
  consents: [{ purposeId: 'sales', decision: 'granted', version: 1, at }],
  unlocked: { whitepaper: at },
}

describe('readEnvelope', () => {
  it('reads nothing from an empty storage', () => {
    expect(readEnvelope(config, null, { now })).toEqual({
      profile: null,
      unlocked: {},
      dropped: [],
    })
  })

  it('reads a valid envelope', () => {
    const result = readEnvelope(config, JSON.stringify(envelope), { now })
    expect(result.dropped).toEqual([])
    expect(result.profile).toEqual({
      visitorId: 'v-1',
      fields: envelope.fields,
      consents: envelope.consents,
    })
    expect(result.unlocked).toEqual({ whitepaper: at })
  })

  it.each([
    ['{"v":1,', 'stored data is not valid JSON'],
    ['[1,2]', 'stored data is a list, not an object'],
    ['"text"', 'stored data is a text, not an object'],
    [JSON.stringify({ ...envelope, v: 2 }), 'stored data has no envelope version 1 ("v")'],
  ])('discards %s as a whole', (raw, reason) => {
    expect(readEnvelope(config, raw, { now })).toEqual({
      profile: null,
      unlocked: {},
      dropped: [reason],
    })
  })

  it('discards text longer than 256 kB without parsing it', () => {
    const raw = JSON.stringify({ ...envelope, pad: 'x'.repeat(maxStoredChars) })
    const result = readEnvelope(config, raw, { now })
    expect(result.profile).toBeNull()
    expect(result.dropped).toEqual(['stored data is larger than 256 kB'])
  })

  it('drops unlocked entries of unknown forms or with bad times, and unknown properties', () => {
    const raw = JSON.stringify({
      ...envelope,
      unlocked: { whitepaper: at, ebook: at, checklist: '2030-01-01T00:00:00Z' },
      extra: 1,
    })
    const result = readEnvelope(config, raw, { now })
    expect(result.unlocked).toEqual({ whitepaper: at })
    expect(result.dropped).toEqual([
      'unknown profile property "extra"',
      'unlocked form "ebook" is not in the config',
      'unlocked form "checklist": the time lies in the future',
    ])
  })

  it('reports a top-level "__proto__" as an unknown property and never reads through it', () => {
    const raw = `{"v":1,"__proto__":{"visitorId":"v-evil","fields":{}},"visitorId":"v-1","fields":${JSON.stringify(envelope.fields)}}`
    const result = readEnvelope(config, raw, { now })
    expect(result.profile?.visitorId).toBe('v-1')
    expect(result.profile?.fields).toEqual(envelope.fields)
    expect(result.dropped).toEqual(['unknown profile property "__proto__"'])
  })
})
