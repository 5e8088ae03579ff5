import { idPattern, localePattern } from '../config/configConstants'
import { configIndex } from '../config/configIndex'
import { emptyProfile } from './emptyProfile'
import { isRecord } from '../jsonValue'
import { randomUuid } from '../runtime/randomUuid'
import type {
  Config,
  ConsentDecision,
  ConsentEvent,
  Field,
  FieldRecord,
  FieldType,
  Profile,
} from '../types'

/** How far a stored timestamp may lie in the future (clocks of devices disagree a little). */
export const clockSkewMs = 5 * 60 * 1000

/** Longest text value kept for a field (a text field's answer is far shorter in practice). */
const maxTextLength = 10_000

const visitorIdPattern = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/
/** `2025-05-01T10:00Z`, `2025-05-01T10:00:00.000Z`, `2025-05-01T12:00:00+02:00`. */
const timestampPattern = /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d{1,9})?)?(Z|[+-]\d\d:\d\d)$/
const decisions: readonly ConsentDecision[] = ['granted', 'denied', 'withdrawn', 'confirmed']
const profileKeys = ['visitorId', 'fields', 'consents']

/** What is wrong with a stored value (a reason that follows its key), or null when it is fine. */
type Check = (value: unknown, latest: number) => string | null

/** The keys a stored object may have, each with its check, in the order they are checked. */
type Rules = Readonly<Record<string, Check>>

/** Whether a value is of a kind, and the kind's name. */
type ValueKind = [valid: (value: unknown) => boolean, name: string]

/** A check that also accepts a value that is left out. */
const optional =
  (check: Check): Check =>
  (value, latest) =>
    value === undefined ? null : check(value, latest)

/** A check for a text that matches `pattern`. */
const matching =
  (pattern: RegExp, problem: string): Check =>
  (value) =>
    typeof value === 'string' && pattern.test(value) ? null : problem

const validId = matching(idPattern, 'is missing or not a valid id')

/** The keys of a field record; its `value` is checked against the field's type. */
const recordRules: Rules = {
  collectedAt: timestampProblem,
  formId: validId,
  declined: optional((value) => (typeof value === 'boolean' ? null : 'must be true or false')),
}

const eventRules: Rules = {
  purposeId: validId,
  decision: (value) =>
    decisions.includes(value as ConsentDecision) ? null : `must be one of ${decisions.join(', ')}`,
  version: (value) =>
    Number.isInteger(value) && (value as number) >= 1
      ? null
      : 'must be a whole number of at least 1',
  at: timestampProblem,
  formId: optional(validId),
  locale: optional(matching(localePattern, 'is not a language tag')),
  textHash: optional(matching(/^[0-9a-f]{64}$/, 'is not a SHA-256 hex digest')),
  source: optional(matching(/^.{0,64}$/s, 'is not a short text')),
}

/** What a value of a non-text field type must be; every other type takes a text. */
const valueKinds: Partial<Record<FieldType, ValueKind>> = {
  number: [Number.isFinite, 'a number'],
  checkbox: [(value) => typeof value === 'boolean', 'true/false'],
  multiselect: [
    (value) => Array.isArray(value) && value.every((item) => typeof item === 'string'),
    'a list of texts',
  ],
}
const textKind: ValueKind = [(value) => typeof value === 'string', 'a text']

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
 * Dropped: field records of fields that are not in the config (reserved ids never are),
 * records with a missing or future timestamp, values of the wrong type for their field,
 * consent events of unknown purposes or with a bad shape, unknown properties. Reasons name
 * ids and types, never values, so they may be logged.
 */
export function parseProfile(
  config: Config,
  input: unknown,
  options: ParseProfileOptions = {},
): ParsedProfile {
  if (!isRecord(input)) {
    return { profile: emptyProfile(), dropped: [`the profile is ${kindMismatch(input)}`] }
  }
  const latest = (options.now ?? new Date()).getTime() + clockSkewMs
  const dropped = unknownKeys(input, profileKeys, 'unknown profile property')
  const visitorId = input['visitorId']
  const knownVisitor = typeof visitorId === 'string' && visitorIdPattern.test(visitorId)
  if (!knownVisitor) dropped.push('visitorId is missing or invalid; a new visitor id was created')
  const profile: Profile = {
    visitorId: knownVisitor ? visitorId : randomUuid(),
    fields: parseFields(config, input['fields'], latest, dropped),
    consents: parseConsents(config, input['consents'], latest, dropped),
  }
  return { profile, dropped }
}

/** An ISO 8601 timestamp that is no later than `latest` (ms), or the reason it is not. */
export function timestampProblem(value: unknown, latest: number): string | null {
  const time = typeof value === 'string' && timestampPattern.test(value) ? Date.parse(value) : NaN
  if (Number.isNaN(time)) return 'is not an ISO 8601 time'
  return time > latest ? 'lies in the future' : null
}

function parseFields(
  config: Config,
  input: unknown,
  latest: number,
  dropped: string[],
): Record<string, FieldRecord> {
  const fields = Object.create(null) as Record<string, FieldRecord>
  const known = configIndex(config).fields
  for (const [id, raw] of sectionEntries('fields', input, dropped)) {
    // A Map lookup: reserved ids such as `__proto__` are simply not in the config.
    const field = known.get(id)
    if (!field) dropped.push(notInConfig('field', id))
    else {
      const record = parseRecord(field, raw, latest, dropped)
      if (record) fields[id] = record
    }
  }
  return fields
}

function parseRecord(
  field: Field,
  raw: unknown,
  latest: number,
  dropped: string[],
): FieldRecord | undefined {
  const where = `field ${quote(field.id)}:`
  const rules: Rules = { ...recordRules, value: (value) => valueProblem(field, value) }
  const record = isRecord(raw) ? checked<FieldRecord>(raw, rules, latest) : kindMismatch(raw)
  if (typeof record === 'string') {
    dropped.push(`${where} ${record}`)
    return undefined
  }
  dropped.push(...unknownKeys(raw as object, Object.keys(rules), `${where} unknown property`))
  return record
}

/** Why `value` cannot be an answer to `field` (by type), or null (also when it is left out). */
function valueProblem(field: Field, value: unknown): string | null {
  const [valid, kind] = valueKinds[field.type] ?? textKind
  if (value !== undefined && !valid(value)) {
    return `is ${kindMismatch(value, kind)} (field type "${field.type}")`
  }
  return typeof value === 'string' && value.length > maxTextLength
    ? `is longer than ${maxTextLength} characters`
    : null
}

function parseConsents(
  config: Config,
  input: unknown,
  latest: number,
  dropped: string[],
): ConsentEvent[] {
  const purposes = configIndex(config).purposes
  const events: ConsentEvent[] = []
  // The ledger order (append order) decides consent states, so it is kept as stored.
  for (const [index, raw] of sectionEntries('consents', input, dropped, 'a list')) {
    const event = parseEvent(raw, purposes, latest)
    if (typeof event === 'string') dropped.push(`consent event ${index}: ${event}`)
    else events.push(event)
  }
  return events
}

/** A valid consent event, or why `raw` is not one. */
function parseEvent(
  raw: unknown,
  purposes: ReadonlyMap<string, unknown>,
  latest: number,
): ConsentEvent | string {
  if (!isRecord(raw)) return kindMismatch(raw)
  const event = checked<ConsentEvent>(raw, eventRules, latest)
  if (typeof event === 'string') return event
  if (!purposes.has(event.purposeId)) return notInConfig('purpose', event.purposeId)
  return unknownKeys(raw, Object.keys(eventRules), 'unknown property')[0] ?? event
}

/**
 * A copy of `raw` with only the keys `rules` knows (those that are set), or the first problem
 * by `rules` as "key problem".
 */
function checked<T>(raw: Record<string, unknown>, rules: Rules, latest: number): T | string {
  const copy: Record<string, unknown> = {}
  for (const [key, check] of Object.entries(rules)) {
    const problem = check(raw[key], latest)
    if (problem !== null) return `${key} ${problem}`
    if (raw[key] !== undefined) copy[key] = raw[key]
  }
  return copy as T
}

/** Reasons for the keys of `raw` that are not in `known`: "`label` "key"". */
function unknownKeys(raw: object, known: readonly string[], label: string): string[] {
  return Object.keys(raw)
    .filter((key) => !known.includes(key))
    .map((key) => `${label} ${quote(key)}`)
}

/**
 * The entries of a section of stored data (`fields`, `consents`, `unlocked`): none when it is
 * left out, and a reason when it is not of the `expected` kind (list indexes become keys).
 */
export function sectionEntries(
  name: string,
  input: unknown,
  dropped: string[],
  expected: 'an object' | 'a list' = 'an object',
): [string, unknown][] {
  if (describe(input) === expected) return Object.entries(input as object)
  if (input !== undefined) dropped.push(`${name} is ${kindMismatch(input, expected)}`)
  return []
}

const kindNames: Readonly<Record<string, string>> = {
  object: 'an object',
  number: 'a number',
  string: 'a text',
  boolean: 'true/false',
}

/** The kind of a value, for messages that must not repeat the value itself. */
export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value) // NaN, Infinity
  return kindNames[typeof value] ?? typeof value
}

/** "a list, not an object": why a part of stored data was dropped as a whole. */
export function kindMismatch(value: unknown, expected = 'an object'): string {
  return `${describe(value)}, not ${expected}`
}

/** "field "fax" is not in the config". */
export function notInConfig(label: string, id: string): string {
  return `${label} ${quote(id)} is not in the config`
}

/** Quotes an id for a message; ids from storage are cut so a reason stays readable. */
export function quote(id: string): string {
  return JSON.stringify(id.length > 40 ? `${id.slice(0, 40)}...` : id)
}
