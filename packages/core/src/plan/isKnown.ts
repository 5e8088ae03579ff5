import type { Field, FieldRecord, Profile } from '../types'

/** Milliseconds per day, for `maxAgeDays` and `refreshAfterDays`. */
export const dayMs = 86_400_000

/**
 * What the planner knows about one field of a visitor:
 * - `unknown`: no record (never asked, or erased after a withdrawal);
 * - `declined`: the optional field was left empty (asked again only after the other fields);
 * - `stale`: collected longer ago than the field's `maxAgeDays` (or at an unreadable time);
 * - `known`: collected, not declined, still fresh.
 */
export type FieldFreshness = 'unknown' | 'declined' | 'stale' | 'known'

/**
 * The record of a field, read as an own property only: a field may be called `toString` or
 * `valueOf`, and a profile's `fields` object must never answer with `Object.prototype`.
 */
export function recordOf(profile: Profile, fieldId: string): FieldRecord | undefined {
  return Object.hasOwn(profile.fields, fieldId) ? profile.fields[fieldId] : undefined
}

/**
 * The freshness of a field's record at `now`. A record without `value` still counts: the
 * browser's default persist policy keeps only "known and when". A record exactly
 * `maxAgeDays` old is still known.
 */
export function fieldFreshness(
  field: Field,
  record: FieldRecord | undefined,
  now: Date,
): FieldFreshness {
  if (record === undefined) return 'unknown'
  if (record.declined) return 'declined'
  // An unreadable time gives NaN, which is never within the limit.
  const age = now.getTime() - Date.parse(record.collectedAt)
  return age <= (field.maxAgeDays ?? Infinity) * dayMs ? 'known' : 'stale'
}

/** KNOWN: a record exists, is not declined, and is within the field's `maxAgeDays`. */
export function isKnown(field: Field, record: FieldRecord | undefined, now: Date): boolean {
  return fieldFreshness(field, record, now) === 'known'
}
