import { checkPurposeReference } from './checkFields'
import { checkFieldReference } from './checkForms'
import { namesNothing, type ConfigCatalog } from './configCatalog'
import { createIssue, describePath, listSome, quote, type Path } from './configIssue'
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
        catalog.errors.push(
          createIssue(
            path,
            'duplicate-id',
            `The id ${quote(id)} is already used by destinations[${first}]. Ids must be unique: rename one of them.`,
          ),
        )
      } else if (sameEnv !== undefined) {
        const { url, secret } = destinationEnv({ id })
        catalog.errors.push(
          createIssue(
            path,
            'duplicate-env-name',
            `Destinations ${quote(sameEnv)} and ${quote(id)} would both read ${url} and ${secret} (ids are upper-cased and "-" becomes "_"). Rename one of them.`,
          ),
        )
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
      catalog.errors.push(
        createIssue(
          path,
          'duplicate-reference',
          `${quote(item)} is listed twice in destinations[${index}].${key}. Remove the second one.`,
        ),
      )
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
    catalog.errors.push(
      createIssue(
        [...path, key],
        'reserved-id',
        `${describePath([...path, key])} is ${quote(key)}, a name JavaScript reserves for every object. Choose another id.`,
      ),
    )
  }
  return keys
}

function checkFormReference(catalog: ConfigCatalog, formId: string, at: Path): void {
  if (!isId(formId) || !namesNothing(catalog, 'forms', formId)) return
  const known = [...catalog.forms.keys()]
  catalog.errors.push(
    createIssue(
      [...at, formId],
      'unknown-form',
      `There is no form ${quote(formId)} in forms. Use one of: ${listSome(known) || '(none yet)'}.`,
      didYouMean(formId, known),
    ),
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
    catalog.warnings.push(
      createIssue(
        path,
        'field-never-sent',
        `Field ${quote(fieldId)} serves ${listSome(purposes.map((id) => `"${id}"`))}, none of which this destination serves, so its value is never sent. Add one of them to the destination's purposes, or remove the mapping.`,
      ),
    )
  }
  if (sound && !email) {
    catalog.errors.push(
      createIssue(
        [...base, 'fields'],
        'missing-email-field',
        `HubSpot makes a contact only from an e-mail address, but no field mapped here has type "email". Map your e-mail field, e.g. "email": "email".`,
      ),
    )
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
    const why = subscription
      ? 'a subscription may only follow a consent the person gave'
      : "linking the visitor's HubSpot cookie to a person needs a consent of its own"
    catalog.errors.push(
      createIssue(
        path,
        'not-a-consent-purpose',
        `Purpose ${quote(id)} has basis ${quote(basis)}, but ${why}. Name a purpose with basis "consent".`,
      ),
    )
    return
  }
  if (subscription && served !== undefined && !served.has(id)) {
    catalog.errors.push(
      createIssue(
        path,
        'purpose-not-served',
        `Purpose ${quote(id)} is not in this destination's purposes, so its consents never reach it. Add ${quote(id)} to purposes, or remove the subscription.`,
      ),
    )
  }
}
