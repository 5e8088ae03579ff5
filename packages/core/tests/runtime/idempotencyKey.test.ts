import { describe, expect, it } from 'vitest'
import { idempotencyKey, keyForSubmission } from '../../src/runtime/idempotencyKey'
import type { FormState } from '../../src/types'

const failed = (code: 'transport' | 'timeout' | 'invalid'): FormState => ({
  status: 'error',
  error: { code, message: 'failed' },
  input: { values: { email: 'ada@example.com' }, consents: { newsletter: true } },
  idempotencyKey: 'key-1',
  submission: null,
  downloadUrl: null,
})

describe('idempotencyKey', () => {
  it('creates distinct version 4 UUIDs', () => {
    const keys = new Set(Array.from({ length: 200 }, () => idempotencyKey()))
    expect(keys.size).toBe(200)
    for (const key of keys) {
      expect(key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    }
  })
})

describe('keyForSubmission', () => {
  const input = { values: { email: 'ada@example.com' }, consents: { newsletter: true } }

  it('reuses the key when an equal input is retried after a transport error or timeout', () => {
    expect(keyForSubmission(failed('transport'), structuredClone(input))).toBe('key-1')
    expect(keyForSubmission(failed('timeout'), structuredClone(input))).toBe('key-1')
  })

  it('uses a new key for a changed input, a first submission, or after a validation error', () => {
    const changed = { ...input, values: { email: 'ada@example.org' } }
    expect(keyForSubmission(failed('transport'), changed)).not.toBe('key-1')
    expect(keyForSubmission(undefined, input)).not.toBe('key-1')
    expect(keyForSubmission(failed('invalid'), input)).not.toBe('key-1')
    expect(keyForSubmission({ ...failed('transport'), status: 'success' }, input)).not.toBe('key-1')
  })
})
