import { configIndex } from '../config/configIndex'
import { recordOf } from './isKnown'
import { purposeUsable } from './purposeUsable'
import type { Config, ConsentEvent, Destination, FieldValue, Profile } from '../types'

export interface DestinationRecordOptions {
  /** The moment of delivery: consents are judged as they stand then. */
  now: Date
  /** The fields to consider (e.g. those of one submission). Default: every field of the config. */
  fieldIds?: readonly string[]
}

/** What one destination may receive about one person. */
export interface DestinationRecord {
  /** Field id -> value, only for fields the destination may receive now. */
  fields: Record<string, FieldValue>
  /** The person's consent events for the purposes the destination serves, oldest first. */
  consents: ConsentEvent[]
}

/**
 * What may be passed to a destination about one person at `now` (GDPR Art. 5(1)(b), 6): the
 * values of `fieldIds` that the profile holds (collected, not declined, not erased) and whose
 * field has at least one purpose that the destination serves and that is usable now (not
 * consent-based, or consent granted; see `purposeUsable`), plus the consent events of the
 * purposes the destination serves. Decided per person and per moment: call it at delivery,
 * so a consent withdrawn or expired since the submission is respected. Ids the config does not
 * define are never passed on.
 */
export function destinationRecord(
  config: Config,
  profile: Profile,
  destination: Pick<Destination, 'purposes'>,
  options: DestinationRecordOptions,
): DestinationRecord {
  const { now, fieldIds = config.fields.map((field) => field.id) } = options
  const index = configIndex(config)
  const served = new Set(destination.purposes)
  const usable = new Map<string, boolean>()
  const allowed = (purposeId: string): boolean => {
    if (!served.has(purposeId)) return false
    let result = usable.get(purposeId)
    if (result === undefined) {
      result = purposeUsable(config, profile, purposeId, now)
      usable.set(purposeId, result)
    }
    return result
  }
  const fields: Record<string, FieldValue> = {}
  for (const fieldId of new Set(fieldIds)) {
    const field = index.fields.get(fieldId)
    const record = recordOf(profile, fieldId)
    if (field === undefined || record === undefined || record.declined) continue
    if (record.value === undefined || !field.purposes.some(allowed)) continue
    fields[fieldId] = Array.isArray(record.value) ? [...record.value] : record.value
  }
  const consents = profile.consents.filter((event) => served.has(event.purposeId))
  return { fields, consents }
}
