import { configIndex, throwUnknownId } from '../config/configIndex'
import { eraseUnusableFields } from './eraseUnusableFields'
import type { Config, ConsentEvent, Profile } from '../types'

export interface WithdrawConsentOptions {
  /** When the visitor withdrew. Default: now. */
  now?: Date
  /** Which action withdrew it, e.g. 'privacy-center', 'unsubscribe-link', 'server'. */
  source?: string
}

export interface WithdrawConsentResult {
  profile: Profile
  /** Ids of the fields whose records were erased, in config order. */
  erased: string[]
}

/**
 * Withdraws a consent (GDPR Art. 7(3)): appends a `withdrawn` event for the purpose's current
 * version and erases the record of every field whose purposes are now all unusable, that is
 * consent-based and not granted (or no longer defined). A field that also serves a contract or
 * legitimate-interest purpose, or another granted consent, keeps its value. Records of fields
 * the config no longer defines are left alone. The input profile is not changed.
 *
 * Throws a TypeError for an unknown purpose or a purpose that is not consent-based (there is no
 * consent to withdraw from a contract or a legitimate interest).
 */
export function withdrawConsent(
  config: Config,
  profile: Profile,
  purposeId: string,
  options: WithdrawConsentOptions = {},
): WithdrawConsentResult {
  const { now = new Date(), source } = options
  const purpose = configIndex(config).purposes.get(purposeId)
  if (purpose?.basis !== 'consent') {
    const consentPurposes = config.purposes.filter((p) => p.basis === 'consent')
    throwUnknownId('withdrawConsent', 'consent purpose', purposeId, consentPurposes)
  }

  const event: ConsentEvent = {
    purposeId,
    decision: 'withdrawn',
    version: purpose.version,
    at: now.toISOString(),
    ...(source === undefined ? {} : { source }),
  }
  const consents = [...profile.consents, event]
  const { fields, erased } = eraseUnusableFields(config, profile, consents, now)
  return { profile: { ...profile, fields, consents }, erased }
}
