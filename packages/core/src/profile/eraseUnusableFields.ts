import { configIndex } from '../config/configIndex'
import { consentStateOf } from '../plan/consentState'
import type { Config, ConsentEvent, FieldRecord, Profile } from '../types'

/**
 * The field records that may be kept under a consent ledger: a field none of whose purposes is
 * usable any more (usable: not consent-based, or consent granted) loses its record. With
 * `among`, only fields that serve one of those purposes are considered (a withdrawal elsewhere
 * erases what it covered, nothing else). Records of fields the config no longer defines stay.
 */
export function eraseUnusableFields(
  config: Config,
  profile: Profile,
  consents: ConsentEvent[],
  now: Date,
  among?: ReadonlySet<string>,
): { fields: Record<string, FieldRecord>; erased: string[] } {
  const { purposes } = configIndex(config)
  const usable = (id: string): boolean => {
    const purpose = purposes.get(id)
    const state = purpose && consentStateOf(purpose, consents, now)
    return state === 'not-required' || state === 'granted'
  }
  const erased = config.fields
    .filter(
      (field) =>
        Object.hasOwn(profile.fields, field.id) &&
        (among === undefined || field.purposes.some((id) => among.has(id))) &&
        !field.purposes.some(usable),
    )
    .map((field) => field.id)
  const gone = new Set(erased)
  const fields: Record<string, FieldRecord> = Object.fromEntries(
    Object.entries(profile.fields).filter(([id]) => !gone.has(id)),
  )
  return { fields, erased }
}
