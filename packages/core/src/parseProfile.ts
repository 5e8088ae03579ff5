import { idPattern, localePattern } from './configConstants'
import { emptyProfile } from './emptyProfile'
import type {
  Config,
  ConsentDecision,
  ConsentEvent,
  Field,
  FieldRecord,
  FieldValue,
  Profile,
} from './types'

/** How far a stored timestamp may lie in the future (clocks of devices disagree a little). */
export const clockSkewMs = 5 * 60 * 1000

/** Longest text value kept for a field (a text field's answer is far shorter in practice). */
const maxTextLength = 10_000

const visitorIdPattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/
const timestampPattern =
  /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/
const textHashPattern = /^[0-9a-f]{64}$/
const decisions: readonly ConsentDecision[] = ['granted', 'denied', 'withdrawn', 'confirmed']
const recordKeys = new Set(['value', 'collectedAt', 'formId', 'declined'])
const eventKeys = new Set([
  'purposeId',
  'decision',
  'version',
  'at',
  'formId',
  'locale',
  'textHash',
  'source',
])
const profileKeys = new Set(['visitorId', 'fields', 'consents'])

export interface ParseProfileOptions {
  /** The current time, to reject timestamps in the future. Default: now. */
  now?: Date
}

export interface ParsedProfile {
  /** A valid profile: the valid parts of the input (a new empty profile when nothing was usable). */
  profile: Profile
  /** Readable reasons for everything that was dropped; empty when the input was valid. */
  dropped: string[]
}

/**
 * Turns untrusted JSON (browser storage, a stored row) into a valid `Profile` for `config`.
 * Never throws: valid parts are kept, everything else is dropped and listed in `dropped`.
 * Dropped: field records of fields that are not in the config or have reserved ids, records
 * with a missing or future timestamp, values of the wrong type for their field, consent
 * events of unknown purposes or with a bad shape, unknown properties. Reasons name ids and
 * types, never values, so they may be logged.
 */
export function parseProfile(
  config: Config,
  input: unknown,
  options: ParseProfileOptions = {},
): ParsedProfile {
  const dropped: string[] = []
  const latest = (options.now ?? new Date()).getTime() + clockSkewMs
  if (!isObject(input)) {
    dropped.push(`the profile is ${describe(input)}, not an object; a new profile was started`)
    return { profile: emptyProfile(), dropped }
  }
  for (const key of Object.keys(input)) {
    if (!profileKeys.has(key)) dropped.push(`unknown profile property ${quote(key)}`)
  }

  let visitorId = input['visitorId']
  if (typeof visitorId !== 'string' || !visitorIdPattern.test(visitorId)) {
    dropped.push('visitorId is missing or invalid; a new visitor id was created')
    visitorId = emptyProfile().visitorId
  }
  const profile: Profile = {
    visitorId: visitorId as string,
    fields: parseFields(config, input['fields'], latest, dropped),
    consents: parseConsents(config, input['consents'], latest, dropped),
  }
  return { profile, dropped }
}

/** An ISO 8601 timestamp that is no later than `latest` (ms), or the reason it is not. */
export function timestampProblem(value: unknown, latest: number): string | null {
  if (typeof value !== 'string' || !timestampPattern.test(value)) return 'is not an ISO 8601 time'
  const time = Date.parse(value)
  if (Number.isNaN(time)) return 'is not a valid time'
  if (time > latest) return 'lies in the future'
  return null
}

function parseFields(
  config: Config,
  input: unknown,
  latest: number,
  dropped: string[],
): Record<string, FieldRecord> {
  const fields: Record<string, FieldRecord> = Object.create(null) as Record<string, FieldRecord>
  if (input === undefined) return fields
  if (!isObject(input)) {
    dropped.push(`fields is ${describe(input)}, not an object; all field records were dropped`)
    return fields
  }
  const byId = new Map(config.fields.map((field) => [field.id, field]))
  for (const [id, raw] of Object.entries(input)) {
    const field = idPattern.test(id) ? byId.get(id) : undefined
    if (!field) {
      dropped.push(
        idPattern.test(id)
          ? `field ${quote(id)} is not in the config`
          : `field id ${quote(id)} is not a valid id`,
      )
      continue
    }
    const record = parseRecord(field, raw, latest, dropped)
    if (record) fields[id] = record
  }
  return fields
}

function parseRecord(
  field: Field,
  raw: unknown,
  latest: number,
  dropped: string[],
): FieldRecord | null {
  const where = `field ${quote(field.id)}`
  if (!isObject(raw)) {
    dropped.push(`${where}: the record is ${describe(raw)}, not an object`)
    return null
  }
  const time = timestampProblem(raw['collectedAt'], latest)
  if (time) {
    dropped.push(`${where}: collectedAt ${time}`)
    return null
  }
  const formId = raw['formId']
  if (typeof formId !== 'string' || !idPattern.test(formId)) {
    dropped.push(`${where}: formId is missing or not a valid id`)
    return null
  }
  const declined = raw['declined']
  if (declined !== undefined && typeof declined !== 'boolean') {
    dropped.push(`${where}: declined must be true or false`)
    return null
  }
  const record: FieldRecord = { collectedAt: raw['collectedAt'] as string, formId }
  if ('value' in raw && raw['value'] !== undefined) {
    const problem = valueProblem(field, raw['value'])
    if (problem) {
      dropped.push(`${where}: the value ${problem}`)
      return null
    }
    record.value = raw['value'] as FieldValue
  }
  if (declined !== undefined) record.declined = declined
  for (const key of Object.keys(raw)) {
    if (!recordKeys.has(key)) dropped.push(`${where}: unknown property ${quote(key)}`)
  }
  return record
}

/** Why `value` cannot be an answer to `field` (by type), or null when it can. */
export function valueProblem(field: Field, value: unknown): string | null {
  switch (field.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value)
        ? null
        : `must be a number for a number field, not ${describe(value)}`
    case 'checkbox':
      return typeof value === 'boolean'
        ? null
        : `must be true or false for a checkbox, not ${describe(value)}`
    case 'multiselect':
      return Array.isArray(value) && value.every((item) => typeof item === 'string')
        ? null
        : `must be a list of texts for a multiselect, not ${describe(value)}`
    default:
      if (typeof value !== 'string') {
        return `must be a text (field type "${field.type}"), not ${describe(value)}`
      }
      return value.length > maxTextLength ? `is longer than ${maxTextLength} characters` : null
  }
}

function parseConsents(
  config: Config,
  input: unknown,
  latest: number,
  dropped: string[],
): ConsentEvent[] {
  if (input === undefined) return []
  if (!Array.isArray(input)) {
    dropped.push(`consents is ${describe(input)}, not a list; the consent history was dropped`)
    return []
  }
  const purposes = new Set(config.purposes.map((purpose) => purpose.id))
  const events: ConsentEvent[] = []
  input.forEach((raw: unknown, index) => {
    const problem = eventProblem(raw, purposes, latest)
    if (problem) dropped.push(`consent event ${index}: ${problem}`)
    else events.push(pickEvent(raw as Record<string, unknown>))
  })
  // The ledger order (append order) decides consent states, so it is kept as stored.
  return events
}

function eventProblem(raw: unknown, purposes: ReadonlySet<string>, latest: number): string | null {
  if (!isObject(raw)) return `${describe(raw)}, not an object`
  const purposeId = raw['purposeId']
  if (typeof purposeId !== 'string' || !idPattern.test(purposeId)) {
    return 'purposeId is missing or not a valid id'
  }
  if (!purposes.has(purposeId)) return `purpose ${quote(purposeId)} is not in the config`
  if (!decisions.includes(raw['decision'] as ConsentDecision)) {
    return `decision must be one of ${decisions.join(', ')}`
  }
  const version = raw['version']
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return 'version must be a whole number of at least 1'
  }
  const time = timestampProblem(raw['at'], latest)
  if (time) return `at ${time}`
  const formId = raw['formId']
  if (formId !== undefined && (typeof formId !== 'string' || !idPattern.test(formId))) {
    return 'formId is not a valid id'
  }
  const locale = raw['locale']
  if (locale !== undefined && (typeof locale !== 'string' || !localePattern.test(locale))) {
    return 'locale is not a language tag'
  }
  const textHash = raw['textHash']
  if (textHash !== undefined && (typeof textHash !== 'string' || !textHashPattern.test(textHash))) {
    return 'textHash is not a SHA-256 hex digest'
  }
  const source = raw['source']
  if (source !== undefined && (typeof source !== 'string' || source.length > 64)) {
    return 'source is not a short text'
  }
  const unknown = Object.keys(raw).find((key) => !eventKeys.has(key))
  return unknown === undefined ? null : `unknown property ${quote(unknown)}`
}

function pickEvent(raw: Record<string, unknown>): ConsentEvent {
  const event: ConsentEvent = {
    purposeId: raw['purposeId'] as string,
    decision: raw['decision'] as ConsentDecision,
    version: raw['version'] as number,
    at: raw['at'] as string,
  }
  if (typeof raw['formId'] === 'string') event.formId = raw['formId']
  if (typeof raw['locale'] === 'string') event.locale = raw['locale']
  if (typeof raw['textHash'] === 'string') event.textHash = raw['textHash']
  if (typeof raw['source'] === 'string') event.source = raw['source']
  return event
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** The kind of a value, for messages that must not repeat the value itself. */
export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'an object'
  if (typeof value === 'number') return 'a number'
  if (typeof value === 'string') return 'a text'
  if (typeof value === 'boolean') return 'true/false'
  return typeof value
}

/** Quotes an id for a message; ids from storage are cut so a reason stays readable. */
export function quote(id: string): string {
  return JSON.stringify(id.length > 40 ? `${id.slice(0, 40)}...` : id)
}
