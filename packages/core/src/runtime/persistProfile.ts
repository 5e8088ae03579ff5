import { configIndex } from '../config/configIndex'
import type { Condition, Config, ConsentEvent, FieldRecord, PersistPolicy, Profile } from '../types'

/** Version of the storage envelope; a reader discards envelopes of other versions. */
export const envelopeVersion = 1

/** What the runtime writes to storage: `{ "v": 1, "visitorId", "fields", "consents", "unlocked" }`. */
export interface StoredEnvelope {
  v: typeof envelopeVersion
  visitorId: string
  fields: Record<string, FieldRecord>
  consents: ConsentEvent[]
  /** Form ids whose download was unlocked, with the ISO time. */
  unlocked: Record<string, string>
}

export interface PersistOptions {
  persist: PersistPolicy
  unlocked?: Readonly<Record<string, string>>
}

/**
 * The envelope a persist policy writes, or null when nothing may be written (`'none'`).
 *
 * - `'known'`: per field only `collectedAt`, `formId` and `declined` (so the planner still
 *   knows what not to ask again), values only of fields that some `askIf` condition reads,
 *   the consent events and the unlocked forms.
 * - `'values'`: the same plus every value.
 * - `'none'`: nothing (kiosk mode).
 *
 * Values of `sensitive` fields and records of fields missing from the config are never written.
 */
export function persistProfile(
  config: Config,
  profile: Profile,
  options: PersistOptions,
): StoredEnvelope | null {
  if (options.persist === 'none') return null
  return {
    v: envelopeVersion,
    visitorId: profile.visitorId,
    fields: storedFields(config, profile.fields, valueFieldIds(config, options.persist)),
    consents: profile.consents.map((event) => ({ ...event })),
    unlocked: { ...options.unlocked },
  }
}

/** The records of the fields in the config, with the values of the `keepValue` fields only. */
export function storedFields(
  config: Config,
  fields: Readonly<Record<string, FieldRecord>>,
  keepValue: ReadonlySet<string>,
): Record<string, FieldRecord> {
  const known = configIndex(config).fields
  const stored: Record<string, FieldRecord> = {}
  for (const [id, { value, ...record }] of Object.entries(fields)) {
    if (!known.has(id)) continue
    stored[id] = value !== undefined && keepValue.has(id) ? { ...record, value } : record
  }
  return stored
}

/** Ids of the fields whose values a policy keeps in the browser (never `sensitive` ones). */
export function valueFieldIds(config: Config, persist: PersistPolicy): ReadonlySet<string> {
  const read = conditionFieldIds(config)
  const keeps = (id: string): boolean =>
    persist === 'values' || (persist === 'known' && read.has(id))
  return new Set(
    config.fields.filter((field) => !field.sensitive && keeps(field.id)).map((field) => field.id),
  )
}

/** Ids of the fields that some field's `askIf` condition reads. */
export function conditionFieldIds(config: Config): ReadonlySet<string> {
  const ids = new Set<string>()
  const visit = (condition: Condition): void => {
    if ('field' in condition) ids.add(condition.field)
    else if ('all' in condition) condition.all.forEach(visit)
    else if ('any' in condition) condition.any.forEach(visit)
    else if ('not' in condition) visit(condition.not)
  }
  for (const field of config.fields) if (field.askIf) visit(field.askIf)
  return ids
}
