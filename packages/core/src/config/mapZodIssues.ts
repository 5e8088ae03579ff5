import * as z from 'zod/mini'
import type { ConfigIssue } from './configIssueCodes'
import { createIssue, describePath, quote, type Path } from './configIssue'
import {
  conditionKinds,
  configSchema,
  destinationSchema,
  destinationTypes,
  fieldSchema,
  formSchema,
  idPattern,
  linkPattern,
  linksSchema,
  localePattern,
  optionSchema,
  portalIdPattern,
  purposeSchema,
  reservedIds,
  type ConditionKind,
} from './configSchema'
import { didYouMean } from './didYouMean'
import type { PointerSegment } from '../jsonPointer'
import { isRecord, own } from '../jsonValue'

type ZodIssue = z.core.$ZodIssue

/** Every key a condition object may have. */
const conditionKeys = ['field', ...conditionKinds] as const

/**
 * Turns zod's issues into ours: a stable code, a pointer into the input and a message that says
 * what to change. `input` is the value zod checked; `base` is the path of that value.
 */
export function mapZodIssues(
  issues: readonly ZodIssue[],
  input: unknown,
  base: Path = [],
): ConfigIssue[] {
  const result: ConfigIssue[] = []
  for (const issue of issues) {
    for (const mapped of mapIssue(issue, input, [...base, ...issue.path.map(toSegment)])) {
      result.push(mapped)
    }
  }
  return result
}

function toSegment(key: PropertyKey): PointerSegment {
  return typeof key === 'number' ? key : String(key)
}

function mapIssue(issue: ZodIssue, input: unknown, path: Path): ConfigIssue[] {
  const parentPath = path.slice(0, -1)
  const key = path[path.length - 1]
  const parent = valueAt(input, parentPath)
  if (typeof key === 'string' && isRecord(parent) && !Object.hasOwn(parent, key)) {
    return [missingProperty(parentPath, key, input)]
  }
  const value = valueAt(input, path)
  const where = describePath(path)
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((unknownKey) => unknownProperty(path, unknownKey, input))
    case 'invalid_union':
      return mapUnion(issue, input, path, value)
    case 'invalid_type':
      if (issue.expected === 'int') {
        return [
          createIssue(path, 'not-integer', `${where} must be a whole number, not ${quote(value)}.`),
        ]
      }
      return [
        createIssue(
          path,
          'wrong-type',
          `${where} must be ${expectedText(issue.expected)}, not ${quote(value)}.`,
        ),
      ]
    case 'invalid_value': {
      const allowed = issue.values.map((allowedValue) => quote(allowedValue)).join(', ')
      const strings = issue.values.filter((allowedValue) => typeof allowedValue === 'string')
      const suggestion = typeof value === 'string' ? didYouMean(value, strings) : undefined
      const choice = issue.values.length === 1 ? allowed : `one of ${allowed}`
      return [
        createIssue(
          path,
          'invalid-value',
          `${where} is ${quote(value)}; use ${choice}.`,
          suggestion,
        ),
      ]
    }
    case 'invalid_format':
      return [mapFormat(issue.pattern, path, value)]
    case 'invalid_key':
      // Keys are language tags, except in a destination's maps, where they are ids.
      return [
        mapFormat(
          String(path[0] === 'destinations' ? idPattern : localePattern),
          path,
          key,
          parentPath,
        ),
      ]
    case 'too_small':
    case 'too_big':
      return [mapSize(issue, path, value)]
    default:
      return [createIssue(path, 'invalid-value', `${where} has a value that is not allowed here.`)]
  }
}

function valueAt(input: unknown, path: Path): unknown {
  let value = input
  for (const segment of path) {
    if (Array.isArray(value) && typeof segment === 'number') value = value[segment]
    else if (isRecord(value) && typeof segment === 'string') value = own(value, segment)
    else return undefined
  }
  return value
}

function missingProperty(path: Path, key: string, input: unknown): ConfigIssue {
  const shape = objectShapeAt(path, input)
  const schema = shape !== undefined && Object.hasOwn(shape, key) ? shape[key] : undefined
  const description = schema === undefined ? undefined : z.globalRegistry.get(schema)?.description
  const hint = description === undefined ? '' : ` (${description.replace(/\.$/, '')})`
  return createIssue(
    path,
    'missing-property',
    `${describePath(path)} is missing the required property "${key}"${hint}. Add it.`,
  )
}

function unknownProperty(path: Path, key: string, input?: unknown): ConfigIssue {
  const allowed = allowedKeysAt(path, input)
  const suggestion = didYouMean(key, allowed)
  const message = `Unknown property ${quote(key)} in ${describePath(path)}.`
  if (suggestion !== undefined) {
    return createIssue([...path, key], 'unknown-property', message, suggestion)
  }
  const list = allowed.length > 0 ? ` Allowed here: ${allowed.join(', ')}.` : ''
  return createIssue([...path, key], 'unknown-property', `${message} Remove it.${list}`)
}

/** The zod shape of the object at `path`, for descriptions and allowed keys. */
function objectShapeAt(path: Path, input: unknown): Record<string, z.core.$ZodType> | undefined {
  const [section, , sub] = path
  if (path.length === 2 && section === 'destinations') {
    // The shape of the destination's type (a webhook when the type is unreadable).
    const entry = valueAt(input, path)
    const type = isRecord(entry) ? own(entry, 'type') : undefined
    const [webhook, hubspot] = destinationSchema.def.options
    return (type === 'hubspot' ? hubspot : webhook).def.shape
  }
  if (path.length === 0) return configSchema.def.shape
  if (path.length === 1 && section === 'links') return linksSchema.def.shape
  if (path.length === 2 && section === 'purposes') return purposeSchema.def.shape
  if (path.length === 2 && section === 'fields') return fieldSchema.def.shape
  if (path.length === 2 && section === 'forms') return formSchema.def.shape
  if (path.length === 4 && section === 'fields' && sub === 'options') return optionSchema.def.shape
  return undefined
}

function allowedKeysAt(path: Path, input: unknown): readonly string[] {
  if (isConditionPath(path)) return conditionKeys
  const shape = objectShapeAt(path, input)
  return shape === undefined ? [] : Object.keys(shape)
}

function isConditionPath(path: Path): boolean {
  const last = path[path.length - 1]
  const before = path[path.length - 2]
  if (path.length < 3 || path[0] !== 'fields') return false
  if (path.length === 3) return last === 'askIf'
  return last === 'not' || (typeof last === 'number' && (before === 'all' || before === 'any'))
}

function mapUnion(
  issue: z.core.$ZodIssueInvalidUnion,
  input: unknown,
  path: Path,
  value: unknown,
): ConfigIssue[] {
  const where = describePath(path)
  const last = path[path.length - 1]
  if (isConditionPath(path)) return mapCondition(issue, input, path, value)
  if (path.length === 2 && path[0] === 'destinations') {
    return mapDestination(issue, input, path, value)
  }
  if (last === 'equals' || path[path.length - 2] === 'in') {
    const expected = last === 'equals' ? 'a text, a number, true or false' : 'a text or a number'
    return [createIssue(path, 'wrong-type', `${where} must be ${expected}, not ${quote(value)}.`)]
  }
  // Everything else that is a union is a text: one string, or one string per language.
  const branch = typeof value === 'string' ? 0 : isRecord(value) ? 1 : -1
  const branchIssues = issue.errors[branch]
  if (branchIssues !== undefined && branchIssues.length > 0) {
    return mapZodIssues(branchIssues, input, path)
  }
  return [
    createIssue(
      path,
      'wrong-type',
      `${where} must be a text ("...") or one text per language ({"en": "...", "de": "..."}), not ${quote(value)}.`,
    ),
  ]
}

/** A destination's issues are those of the branch its `type` picks. */
function mapDestination(
  issue: z.core.$ZodIssueInvalidUnion,
  input: unknown,
  path: Path,
  value: unknown,
): ConfigIssue[] {
  if (!isRecord(value)) {
    const where = describePath(path)
    return [
      createIssue(path, 'wrong-type', `${where} must be an object {...}, not ${quote(value)}.`),
    ]
  }
  const type = own(value, 'type')
  if (type === undefined) return [missingProperty(path, 'type', input)]
  const branch = destinationTypes.indexOf(type as never)
  const branchIssues = issue.errors[branch]
  if (branchIssues !== undefined) return mapZodIssues(branchIssues, input, path)
  return [
    createIssue(
      [...path, 'type'],
      'invalid-value',
      `${describePath([...path, 'type'])} is ${quote(type)}; use one of ${destinationTypes.map(quote).join(', ')}.`,
      typeof type === 'string' ? didYouMean(type, destinationTypes) : undefined,
    ),
  ]
}

function mapCondition(
  issue: z.core.$ZodIssueInvalidUnion,
  input: unknown,
  path: Path,
  value: unknown,
): ConfigIssue[] {
  const where = describePath(path)
  const forms =
    'Write it as {"field": ..., "equals": ...}, {"field": ..., "in": [...]}, {"field": ..., "known": true}, {"consented": ...}, {"all": [...]}, {"any": [...]} or {"not": {...}}.'
  if (!isRecord(value)) {
    return [
      createIssue(
        path,
        'wrong-type',
        `${where} must be a condition object, not ${quote(value)}. ${forms}`,
      ),
    ]
  }
  const kinds = conditionKinds.filter((kind) => Object.hasOwn(value, kind))
  const [kind] = kinds
  if (kind !== undefined && kinds.length === 1) {
    const branchIssues = issue.errors[conditionKinds.indexOf(kind)]
    if (branchIssues !== undefined && branchIssues.length > 0) {
      return mapZodIssues(branchIssues, input, path)
    }
  }
  if (kinds.length > 1) {
    const keys = kinds.map((each) => `"${each}"`).join(' and ')
    return [
      createIssue(
        path,
        'invalid-condition',
        `The condition at ${where} has both ${keys}; a condition tests one thing. Keep one, or combine several in {"all": [...]}.`,
      ),
    ]
  }
  const unknownKeys = Object.keys(value).filter(
    (key) => !(conditionKeys as readonly string[]).includes(key),
  )
  const typos = unknownKeys.filter((key) => didYouMean(key, conditionKeys) !== undefined)
  if (typos.length > 0) return typos.map((key) => unknownProperty(path, key))
  const needs: ConditionKind[] = ['equals', 'in', 'known']
  const message = Object.hasOwn(value, 'field')
    ? `The condition at ${where} names a field but no test. Add ${needs.map((each) => `"${each}"`).join(', ')}.`
    : `${where} is not a condition. ${forms}`
  return [createIssue(path, 'invalid-condition', message)]
}

function mapFormat(
  pattern: string | undefined,
  path: Path,
  value: unknown,
  container: Path = path,
): ConfigIssue {
  const where = describePath(path)
  if (pattern === String(idPattern)) {
    if ((reservedIds as readonly unknown[]).includes(value)) {
      return createIssue(
        path,
        'reserved-id',
        `${where} is ${quote(value)}, a name JavaScript reserves for every object. Choose another id.`,
      )
    }
    return createIssue(
      path,
      'invalid-id',
      `${where} is ${quote(value)}, which is not a valid id. Use a letter, then up to 63 letters, digits, "_" or "-" (no spaces).`,
    )
  }
  if (pattern === String(linkPattern)) {
    return createIssue(
      path,
      'invalid-link',
      `${where} is ${quote(value)}: use https://, http://, mailto: or a path on this site such as "/privacy" (no spaces). Other links, such as javascript:, could run code in the browser.`,
    )
  }
  if (pattern === String(portalIdPattern)) {
    return createIssue(
      path,
      'invalid-value',
      `${where} is ${quote(value)}; use your HubSpot account id, digits only (Settings > Account details).`,
    )
  }
  if (pattern === String(localePattern)) {
    return createIssue(
      path,
      'invalid-locale',
      `${quote(value)} ${container === path ? 'at' : 'in'} ${describePath(container)} is not a language tag. Use a lower-case language code with an optional upper-case region, such as "en", "de" or "de-CH".`,
      wellFormedLocale(value),
    )
  }
  return createIssue(path, 'invalid-value', `${where} has the wrong format: ${quote(value)}.`)
}

/** `EN` -> `en`, `de_ch` -> `de-CH`: the tag a marketer most likely meant, if there is one. */
function wellFormedLocale(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 10) return undefined
  const [language = '', region, ...rest] = value.split(/[-_]/)
  const tag =
    region === undefined
      ? language.toLowerCase()
      : `${language.toLowerCase()}-${region.toUpperCase()}`
  return rest.length === 0 && tag !== value && localePattern.test(tag) ? tag : undefined
}

function mapSize(
  issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig,
  path: Path,
  value: unknown,
): ConfigIssue {
  const where = describePath(path)
  const small = issue.code === 'too_small'
  const limit = Number(small ? issue.minimum : issue.maximum)
  if (issue.origin === 'string' || issue.origin === 'array') {
    const unit = issue.origin === 'string' ? 'characters' : 'entries'
    if (small) {
      const message =
        limit <= 1
          ? `${where} is empty. Fill it in or remove the property.`
          : `${where} needs at least ${limit} ${unit}.`
      return createIssue(path, 'too-short', message)
    }
    const length = typeof value === 'string' || Array.isArray(value) ? value.length : 0
    return createIssue(
      path,
      'too-long',
      `${where} has ${length} ${unit}; at most ${limit} are allowed. Shorten it.`,
    )
  }
  const bound = small ? `at least ${limit}` : `at most ${limit}`
  return createIssue(path, 'out-of-range', `${where} must be ${bound}, not ${quote(value)}.`)
}

function expectedText(expected: string): string {
  switch (expected) {
    case 'string':
      return 'a text in quotes'
    case 'number':
      return 'a number'
    case 'boolean':
      return 'true or false'
    case 'array':
      return 'a list in square brackets [...]'
    case 'object':
      return 'an object in curly braces {...}'
    case 'record':
      return 'one text per language ({"en": "..."})'
    default:
      return expected
  }
}
