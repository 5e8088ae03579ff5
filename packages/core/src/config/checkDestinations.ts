import { checkPurposeReference } from './checkFields'
import { checkFieldReference } from './checkForms'
import { namesNothing, report, type ConfigCatalog } from './configCatalog'
import type { Path } from './configIssue'
import { reservedIds } from './configConstants'
import { destinationEnv, destinationEnvKey } from './destinationEnv'
import { didYouMean } from './didYouMean'
import { isId, isRecord, own, type JsonRecord } from '../jsonValue'

/**
 * The destinations (CRMs, webhooks): unique ids and environment variable names, the purposes
 * they serve, and for HubSpot the forms, fields and consent purposes its maps name. A value may
 * only be passed on for a purpose the destination serves, so every reference must be sound.
 */
export function checkDestinations(catalog: ConfigCatalog): void {
  const list = own(catalog.root, 'destinations')
  if (!Array.isArray(list)) return
  const ids = new Map<string, number>()
  const envKeys = new Map<string, string>()
  list.forEach((record: unknown, index) => {
    if (!isRecord(record)) return
    const id = own(record, 'id')
    if (isId(id)) {
      const first = ids.get(id)
      const sameEnv = envKeys.get(destinationEnvKey(id))
      const path: Path = ['destinations', index, 'id']
      if (first !== undefined) {
        report(catalog, 'errors', path, 'duplicate-id', { id, first: `destinations[${first}]` })
      } else if (sameEnv !== undefined) {
        const { url, secret } = destinationEnv({ id })
        report(catalog, 'errors', path, 'duplicate-env-name', { first: sameEnv, id, url, secret })
      } else {
        ids.set(id, index)
        envKeys.set(destinationEnvKey(id), id)
      }
    }
    const listed = checkIdList(catalog, record, index, 'purposes')
    checkIdList(catalog, record, index, 'events')
    // Only a list of known purposes can tell what is not served (a typo is reported once).
    const served =
      listed && [...listed].every((id) => catalog.purposes.has(id)) ? listed : undefined
    if (own(record, 'type') === 'hubspot') checkHubspot(catalog, record, index, served)
  })
}

/**
 * Reports repeated entries of `purposes` or `events` and unknown purposes; returns the entries
 * listed (known or not), or `undefined` when the list is unreadable.
 */
function checkIdList(
  catalog: ConfigCatalog,
  record: JsonRecord,
  index: number,
  key: 'purposes' | 'events',
): Set<string> | undefined {
  const list = own(record, key)
  if (!Array.isArray(list)) return undefined
  const seen = new Set<string>()
  list.forEach((item: unknown, position) => {
    const path: Path = ['destinations', index, key, position]
    if (typeof item !== 'string') return
    if (seen.has(item)) {
      report(catalog, 'errors', path, 'duplicate-reference.destination', { item, index, key })
      return
    }
    seen.add(item)
    if (key === 'purposes') checkPurposeReference(catalog, item, path)
  })
  return seen
}

function checkHubspot(
  catalog: ConfigCatalog,
  record: JsonRecord,
  index: number,
  served: Set<string> | undefined,
): void {
  const base: Path = ['destinations', index]
  for (const formId of keysOf(catalog, record, [...base, 'forms'])) {
    checkFormReference(catalog, formId, [...base, 'forms'])
  }
  checkMappedFields(catalog, record, base, served)
  for (const purposeId of keysOf(catalog, record, [...base, 'subscriptions'])) {
    checkConsentPurpose(catalog, purposeId, [...base, 'subscriptions', purposeId], served, true)
  }
  const link = own(record, 'linkVisitorIdWith')
  if (link !== undefined) checkConsentPurpose(catalog, link, [...base, 'linkVisitorIdWith'])
}

/**
 * The keys of one of the maps (`forms`, `fields`, `subscriptions`); reports the reserved ones,
 * which the schema does not see for `__proto__` (zod skips that key in records).
 */
function keysOf(catalog: ConfigCatalog, record: JsonRecord, path: Path): string[] {
  const map = own(record, String(path[path.length - 1]))
  if (!isRecord(map)) return []
  const keys = Object.keys(map)
  for (const key of keys) {
    if (!(reservedIds as readonly string[]).includes(key)) continue
    report(catalog, 'errors', [...path, key], 'reserved-id', { path: [...path, key], value: key })
  }
  return keys
}

function checkFormReference(catalog: ConfigCatalog, formId: string, at: Path): void {
  if (!isId(formId) || !namesNothing(catalog, 'forms', formId)) return
  const known = [...catalog.forms.keys()]
  report(
    catalog,
    'errors',
    [...at, formId],
    'unknown-form',
    { id: formId, known },
    didYouMean(formId, known),
  )
}

/**
 * Field keys must name fields; HubSpot makes a contact only from an e-mail address, so one
 * mapped field must be an email field; and a mapped field none of whose purposes the
 * destination serves can never be sent (a warning: lawful, but surely not meant).
 */
function checkMappedFields(
  catalog: ConfigCatalog,
  record: JsonRecord,
  base: Path,
  served: Set<string> | undefined,
): void {
  if (!isRecord(own(record, 'fields'))) return
  // Unsound when a key names no readable field: that one may be the e-mail field.
  let sound = true
  let email = false
  for (const fieldId of keysOf(catalog, record, [...base, 'fields'])) {
    const path: Path = [...base, 'fields', fieldId]
    if (!isId(fieldId) || !checkFieldReference(catalog, fieldId, path)) {
      sound = false
      continue
    }
    const entry = catalog.fields.get(fieldId)
    if (entry?.type === undefined) sound = false
    if (entry?.type === 'email') email = true
    const purposes = own(entry?.record ?? {}, 'purposes')
    if (served === undefined || !Array.isArray(purposes) || !purposes.every(isId)) continue
    if (purposes.some((id) => served.has(id))) continue
    report(catalog, 'warnings', path, 'field-never-sent', { id: fieldId, purposes })
  }
  if (sound && !email) {
    report(catalog, 'errors', [...base, 'fields'], 'missing-email-field', {})
  }
}

/**
 * `subscriptions` keys and `linkVisitorIdWith` name consent purposes: a subscription follows a
 * consent, and linking the visitor's HubSpot cookie to a person needs a consent of its own.
 * A subscription's purpose must also be one the destination serves, or its consents never
 * reach it.
 */
function checkConsentPurpose(
  catalog: ConfigCatalog,
  purposeId: unknown,
  path: Path,
  served?: Set<string>,
  subscription = false,
): void {
  if (!checkPurposeReference(catalog, purposeId, path)) return
  const id = purposeId as string
  const basis = catalog.purposes.get(id)?.basis
  if (basis !== undefined && basis !== 'consent') {
    report(catalog, 'errors', path, 'not-a-consent-purpose.destination', {
      id,
      basis,
      subscription,
    })
    return
  }
  if (subscription && served !== undefined && !served.has(id)) {
    report(catalog, 'errors', path, 'purpose-not-served', { id })
  }
}
