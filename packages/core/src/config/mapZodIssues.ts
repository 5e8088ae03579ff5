import * as z from 'zod/mini'
import type { ConfigIssue } from './configIssueCodes'
import type { IssueWriter, Path } from './configIssue'
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
} from './configSchema'
import { didYouMean } from './didYouMean'
import { describeIn } from './schemaDescriptions'
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
  writer: IssueWriter,
  base: Path = [],
): ConfigIssue[] {
  const result: ConfigIssue[] = []
  for (const issue of issues) {
    for (const mapped of mapIssue(writer, issue, input, [...base, ...issue.path.map(toSegment)])) {
      result.push(mapped)
    }
  }
  return result
}

function toSegment(key: PropertyKey): PointerSegment {
  return typeof key === 'number' ? key : String(key)
}

function mapIssue(w: IssueWriter, issue: ZodIssue, input: unknown, path: Path): ConfigIssue[] {
  const parentPath = path.slice(0, -1)
  const key = path[path.length - 1]
  const parent = valueAt(input, parentPath)
  if (typeof key === 'string' && isRecord(parent) && !Object.hasOwn(parent, key)) {
    return [missingProperty(w, parentPath, key, input)]
  }
  const value = valueAt(input, path)
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((unknownKey) => unknownProperty(w, path, unknownKey, input))
    case 'invalid_union':
      return mapUnion(w, issue, input, path, value)
    case 'invalid_type':
      if (issue.expected === 'int') return [w.issue(path, 'not-integer', { path, value })]
      return [w.issue(path, 'wrong-type', { path, expected: issue.expected, value })]
    case 'invalid_value': {
      const strings = issue.values.filter((allowedValue) => typeof allowedValue === 'string')
      const suggestion = typeof value === 'string' ? didYouMean(value, strings) : undefined
      return [w.issue(path, 'invalid-value', { path, value, allowed: issue.values }, suggestion)]
    }
    case 'invalid_format':
      return [mapFormat(w, issue.pattern, path, value)]
    case 'invalid_key':
      // Keys are language tags, except in a destination's maps, where they are ids.
      return [
        mapFormat(
          w,
          String(path[0] === 'destinations' ? idPattern : localePattern),
          path,
          key,
          parentPath,
        ),
      ]
    case 'too_small':
    case 'too_big':
      return [mapSize(w, issue, path, value)]
    default:
      return [w.issue(path, 'invalid-value.other', { path })]
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

function missingProperty(w: IssueWriter, path: Path, key: string, input: unknown): ConfigIssue {
  const shape = objectShapeAt(path, input)
  const schema = shape !== undefined && Object.hasOwn(shape, key) ? shape[key] : undefined
  const english = schema === undefined ? undefined : z.globalRegistry.get(schema)?.description
  const description = english === undefined ? undefined : describeIn(w.locale, english)
  return w.issue(path, 'missing-property', { path, key, description })
}

function unknownProperty(w: IssueWriter, path: Path, key: string, input?: unknown): ConfigIssue {
  const allowed = allowedKeysAt(path, input)
  const suggestion = didYouMean(key, allowed)
  if (suggestion !== undefined) {
    return w.issue([...path, key], 'unknown-property', { path, key }, suggestion)
  }
  return w.issue([...path, key], 'unknown-property.remove', { path, key, allowed })
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
  w: IssueWriter,
  issue: z.core.$ZodIssueInvalidUnion,
  input: unknown,
  path: Path,
  value: unknown,
): ConfigIssue[] {
  const last = path[path.length - 1]
  if (isConditionPath(path)) return mapCondition(w, issue, input, path, value)
  if (path.length === 2 && path[0] === 'destinations') {
    return mapDestination(w, issue, input, path, value)
  }
  if (last === 'equals' || path[path.length - 2] === 'in') {
    return [
      w.issue(path, last === 'equals' ? 'wrong-type.equals' : 'wrong-type.in', { path, value }),
    ]
  }
  // Everything else that is a union is a text: one string, or one string per language.
  const branch = typeof value === 'string' ? 0 : isRecord(value) ? 1 : -1
  const branchIssues = issue.errors[branch]
  if (branchIssues !== undefined && branchIssues.length > 0) {
    return mapZodIssues(branchIssues, input, w, path)
  }
  return [w.issue(path, 'wrong-type.text', { path, value })]
}

/** A destination's issues are those of the branch its `type` picks. */
function mapDestination(
  w: IssueWriter,
  issue: z.core.$ZodIssueInvalidUnion,
  input: unknown,
  path: Path,
  value: unknown,
): ConfigIssue[] {
  if (!isRecord(value)) {
    return [w.issue(path, 'wrong-type', { path, expected: 'object', value })]
  }
  const type = own(value, 'type')
  if (type === undefined) return [missingProperty(w, path, 'type', input)]
  const branch = destinationTypes.indexOf(type as never)
  const branchIssues = issue.errors[branch]
  if (branchIssues !== undefined) return mapZodIssues(branchIssues, input, w, path)
  const typePath = [...path, 'type']
  return [
    w.issue(
      typePath,
      'invalid-value',
      { path: typePath, value: type, allowed: [...destinationTypes] },
      typeof type === 'string' ? didYouMean(type, destinationTypes) : undefined,
    ),
  ]
}

function mapCondition(
  w: IssueWriter,
  issue: z.core.$ZodIssueInvalidUnion,
  input: unknown,
  path: Path,
  value: unknown,
): ConfigIssue[] {
  if (!isRecord(value)) return [w.issue(path, 'wrong-type.condition', { path, value })]
  const kinds = conditionKinds.filter((kind) => Object.hasOwn(value, kind))
  const [kind] = kinds
  if (kind !== undefined && kinds.length === 1) {
    const branchIssues = issue.errors[conditionKinds.indexOf(kind)]
    if (branchIssues !== undefined && branchIssues.length > 0) {
      return mapZodIssues(branchIssues, input, w, path)
    }
  }
  if (kinds.length > 1) return [w.issue(path, 'invalid-condition.both', { path, keys: kinds })]
  const unknownKeys = Object.keys(value).filter(
    (key) => !(conditionKeys as readonly string[]).includes(key),
  )
  const typos = unknownKeys.filter((key) => didYouMean(key, conditionKeys) !== undefined)
  if (typos.length > 0) return typos.map((key) => unknownProperty(w, path, key))
  return [
    w.issue(
      path,
      Object.hasOwn(value, 'field') ? 'invalid-condition.no-test' : 'invalid-condition',
      { path },
    ),
  ]
}

function mapFormat(
  w: IssueWriter,
  pattern: string | undefined,
  path: Path,
  value: unknown,
  container: Path = path,
): ConfigIssue {
  if (pattern === String(idPattern)) {
    const reserved = (reservedIds as readonly unknown[]).includes(value)
    return w.issue(path, reserved ? 'reserved-id' : 'invalid-id', { path, value })
  }
  if (pattern === String(linkPattern)) return w.issue(path, 'invalid-link', { path, value })
  if (pattern === String(portalIdPattern)) {
    return w.issue(path, 'invalid-value.portal', { path, value })
  }
  if (pattern === String(localePattern)) {
    return w.issue(
      path,
      'invalid-locale',
      { value, container, key: container !== path },
      wellFormedLocale(value),
    )
  }
  return w.issue(path, 'invalid-value.format', { path, value })
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
  w: IssueWriter,
  issue: z.core.$ZodIssueTooSmall | z.core.$ZodIssueTooBig,
  path: Path,
  value: unknown,
): ConfigIssue {
  const small = issue.code === 'too_small'
  const limit = Number(small ? issue.minimum : issue.maximum)
  if (issue.origin === 'string' || issue.origin === 'array') {
    const unit = issue.origin === 'string' ? 'characters' : 'entries'
    if (small) {
      return limit <= 1
        ? w.issue(path, 'too-short.empty', { path })
        : w.issue(path, 'too-short', { path, limit, unit })
    }
    const length = typeof value === 'string' || Array.isArray(value) ? value.length : 0
    return w.issue(path, 'too-long', { path, length, limit, unit })
  }
  return w.issue(path, 'out-of-range', { path, small, limit, value })
}
