import { deepEqual } from './deepEqual'
import type { FormState, SubmissionInput } from './types'

/**
 * A new random idempotency key (an RFC 4122 version 4 UUID). Built from
 * `crypto.getRandomValues`, which browsers offer on plain http pages too (unlike
 * `crypto.randomUUID`) and Node has as a global since version 19.
 */
export function idempotencyKey(): string {
  const bytes = new Uint8Array(16)
  globalThis.crypto.getRandomValues(bytes)
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/**
 * The key for a submission: the previous key when this is a retry of a send that failed in
 * transport (network error or timeout) with an equal input, so a backend counts it once;
 * otherwise a new key. A changed answer is a new submission and gets a new key.
 */
export function keyForSubmission(previous: FormState | undefined, input: SubmissionInput): string {
  if (
    previous?.status === 'error' &&
    previous.idempotencyKey !== null &&
    (previous.error?.code === 'transport' || previous.error?.code === 'timeout') &&
    deepEqual(previous.input, input)
  ) {
    return previous.idempotencyKey
  }
  return idempotencyKey()
}
