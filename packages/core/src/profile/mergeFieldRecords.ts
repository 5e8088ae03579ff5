import { clockSkewMs } from './parseProfile'
import type { FieldRecord } from '../types'

/**
 * Takes over what another copy of the profile (the server's) knows of the visitor's fields,
 * never their values: an incoming record replaces the local one when there is none or when it
 * was collected clearly later (more than `clockSkewMs`: the browser and the server record the
 * same answer moments apart, each with its own clock, and the local copy with its value must
 * win then), and arrives as `collectedAt`, `formId` and `declined` only. No local record is
 * ever removed. Pure; returns the merged records (a new object) and the ids taken over.
 */
export function mergeFieldRecords(
  local: Readonly<Record<string, FieldRecord>>,
  incoming: Readonly<Record<string, FieldRecord>>,
): { fields: Record<string, FieldRecord>; taken: string[] } {
  const fields = { ...local }
  const taken: string[] = []
  for (const [id, { value: _value, ...record }] of Object.entries(incoming)) {
    const mine = Object.hasOwn(local, id) ? local[id] : undefined
    const later = Date.parse(record.collectedAt) - Date.parse(mine?.collectedAt ?? '')
    if (mine === undefined || later > clockSkewMs) {
      fields[id] = record
      taken.push(id)
    }
  }
  return { fields, taken }
}
