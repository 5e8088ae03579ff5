import { configIndex } from './configIndex'
import { dayMs } from './isKnown'
import type { ConsentEvent, ConsentState, Config, Profile, Purpose } from './types'

/**
 * The state of one purpose from its ledger entries (oldest first), at `now`:
 * - a non-consent purpose (contract, legitimate interest) is `not-required`;
 * - without a granted, denied or withdrawn event it is `none`;
 * - otherwise the last of those decides: `withdrawn`, `denied`, or for a grant
 *   `outdated` (given on a version below `requireVersion`, which defaults to `version`),
 *   `pending` (double opt-in without a later `confirmed`),
 *   `expired` (`refreshAfterDays` passed since the grant, or since its confirmation),
 *   else `granted`.
 * The ledger order decides, not the timestamps: events are appended as they happen.
 */
export function consentStateOf(
  purpose: Purpose,
  events: readonly ConsentEvent[],
  now: Date,
): ConsentState {
  if (purpose.basis !== 'consent') return 'not-required'
  let decisive = -1
  for (let i = events.length - 1; i >= 0; i--) {
    const event = events[i]
    if (event?.purposeId === purpose.id && event.decision !== 'confirmed') {
      decisive = i
      break
    }
  }
  const last = events[decisive]
  if (last === undefined) return 'none'
  if (last.decision === 'withdrawn') return 'withdrawn'
  if (last.decision === 'denied') return 'denied'
  if (last.version < (purpose.requireVersion ?? purpose.version)) return 'outdated'

  let effectiveAt = last.at
  if (purpose.doubleOptIn) {
    const confirmation = events
      .slice(decisive + 1)
      .find((event) => event.purposeId === purpose.id && event.decision === 'confirmed')
    if (confirmation === undefined) return 'pending'
    effectiveAt = confirmation.at
  }
  if (purpose.refreshAfterDays !== undefined) {
    const since = Date.parse(effectiveAt)
    // An unreadable timestamp cannot prove a fresh consent: ask again.
    if (Number.isNaN(since) || now.getTime() - since > purpose.refreshAfterDays * dayMs) {
      return 'expired'
    }
  }
  return 'granted'
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
  const purpose = configIndex(config).purposes.get(purposeId)
  if (purpose === undefined) {
    const known = config.purposes.map((p) => JSON.stringify(p.id)).join(', ')
    throw new TypeError(
      `consentState: unknown purpose ${JSON.stringify(purposeId)}. Known purposes: ${known || '(none)'}.`,
    )
  }
  return consentStateOf(purpose, profile.consents, now)
}
