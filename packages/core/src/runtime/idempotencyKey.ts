import { randomUuid } from './randomUuid'
import { deepEqual } from '../deepEqual'
import type { FormState, SubmissionInput } from '../types'

/** A new random idempotency key (a version 4 UUID). */
export const idempotencyKey: () => string = randomUuid

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
