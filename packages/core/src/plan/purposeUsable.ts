import { configIndex } from '../config/configIndex'
import { consentStateOf } from './consentState'
import type { Config, Profile } from '../types'

/**
 * Whether a purpose may be relied on for this person at `now`: it is not consent-based
 * (contract, legitimate interest), or its consent is `granted` (confirmed where double opt-in
 * applies, on a version that still counts, not expired). A pending confirmation, a denial, a
 * withdrawal, an outdated or expired consent, and a purpose the config does not define are not
 * usable. Used for a destination's `linkVisitorIdWith`: linking a CRM id to a person needs its
 * own consent.
 */
export function purposeUsable(
  config: Config,
  profile: Profile,
  purposeId: string,
  now: Date,
): boolean {
  const purpose = configIndex(config).purposes.get(purposeId)
  if (purpose === undefined) return false
  const state = consentStateOf(purpose, profile.consents, now)
  return state === 'not-required' || state === 'granted'
}
