import { configIndex, throwUnknownId } from '../config/configIndex'
import { dayMs } from './isKnown'
import type { ConsentEvent, ConsentState, Config, Profile, Purpose } from '../types'

/**
 * The state of one purpose from its ledger entries (oldest first), at `now`:
 * - a non-consent purpose (contract, legitimate interest) is `not-required`;
 * - without a granted, denied or withdrawn event it is `none`;
 * - otherwise the last of those decides: `withdrawn`, `denied`, or for a grant
 *   `outdated` (given on a version below `requireVersion`, which defaults to `version`),
 *   `pending` (double opt-in without a later `confirmed`, for up to `confirmWithinDays`),
 *   `expired` (`refreshAfterDays` passed since the grant, or since its confirmation, or a
 *   double opt-in grant waited longer than `confirmWithinDays` for its confirmation),
 *   else `granted`.
 * The ledger order decides, not the timestamps: events are appended as they happen.
 */
export function consentStateOf(
  purpose: Purpose,
  events: readonly ConsentEvent[],
  now: Date,
): ConsentState {
  if (purpose.basis !== 'consent') return 'not-required'
  // Walking back from the newest event, this ends as the earliest confirmation after the decision.
  let confirmedAt: string | undefined
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]
    if (event?.purposeId !== purpose.id) continue
    if (event.decision === 'confirmed') {
      confirmedAt = event.at
      continue
    }
    if (event.decision !== 'granted') return event.decision
    if (event.version < (purpose.requireVersion ?? purpose.version)) return 'outdated'
    const effectiveAt = purpose.doubleOptIn ? confirmedAt : event.at
    if (effectiveAt === undefined) {
      // A confirmation that never came lapses, so the consent can be offered again.
      const waited = now.getTime() - Date.parse(event.at)
      return waited <= confirmWithinDays(purpose) * dayMs ? 'pending' : 'expired'
    }
    // An unreadable timestamp (NaN) cannot prove a fresh consent: ask again.
    const age = now.getTime() - Date.parse(effectiveAt)
    return purpose.refreshAfterDays === undefined || age <= purpose.refreshAfterDays * dayMs
      ? 'granted'
      : 'expired'
  }
  return 'none'
}

/** Default of `confirmWithinDays`: how long a double opt-in confirmation may take. */
export const defaultConfirmWithinDays = 30

/** Days a double opt-in confirmation may take for `purpose`. */
export function confirmWithinDays(purpose: Purpose): number {
  return purpose.confirmWithinDays ?? defaultConfirmWithinDays
}

/**
 * The consent state of a purpose for a visitor: 'not-required' | 'none' | 'granted' |
 * 'pending' | 'denied' | 'withdrawn' | 'outdated' | 'expired'. Only `granted` allows asking the
 * fields of a consent purpose. Throws a TypeError for a purpose id the config does not define.
 */
export function consentState(
  config: Config,
  profile: Profile,
  purposeId: string,
  now: Date = new Date(),
): ConsentState {
  const purpose =
    configIndex(config).purposes.get(purposeId) ??
    throwUnknownId('consentState', 'purpose', purposeId, config.purposes)
  return consentStateOf(purpose, profile.consents, now)
}

const withdrawable: ReadonlySet<ConsentState> = new Set([
  'granted',
  'pending',
  'outdated',
  'expired',
])

/** A given consent (granted, pending confirmation, outdated or expired) can be withdrawn. */
export function canWithdrawConsent(state: ConsentState): boolean {
  return withdrawable.has(state)
}
