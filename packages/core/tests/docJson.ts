import type * as z from 'zod/mini'
import {
  conditionSchema,
  destinationSchema,
  fieldSchema,
  formSchema,
  linksSchema,
  optionSchema,
} from '../src/config/configSchema'
import { parseConfig } from '../src/config/parseConfig'
import type { DocBlock } from './docBlocks'

type Json = Record<string, unknown>

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const has = (value: Json, ...keys: string[]): boolean =>
  keys.some((key) => Object.hasOwn(value, key))

/** The locales a fragment's texts use (keys of `{ "en": ..., "de": ... }` objects), else `en`. */
function localesOf(value: unknown): string[] {
  const found = new Set<string>()
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk)
    else if (isObject(node)) {
      const entries = Object.entries(node)
      const isText =
        entries.length > 0 &&
        entries.every(
          ([key, child]) => /^[a-z]{2,3}(?:-[A-Z]{2})?$/.test(key) && typeof child === 'string',
        )
      if (isText) for (const [key] of entries) found.add(key)
      else for (const [, child] of entries) walk(child)
    }
  }
  walk(value)
  return found.size > 0 ? [...found].sort() : ['en']
}

function issuesOf(result: ReturnType<typeof parseConfig>): string[] {
  return result.ok
    ? []
    : result.issues.map((issue) => `${issue.path} ${issue.code}: ${issue.message}`)
}

function shapeIssues(schema: z.ZodMiniType, value: unknown): string[] {
  const result = schema.safeParse(value)
  return result.success
    ? []
    : result.error.issues.map((issue) => `/${issue.path.join('/')} ${issue.message}`)
}

/**
 * What is wrong with a `json` block: a whole config must pass `parseConfig` without warnings
 * (one flagged `invalid` must fail it), a part of a config (the top level, a purpose, field,
 * option, form, links, condition, destination or a `destinations` list) must be valid as that
 * part. Other JSON must be flagged
 * `data`. Returns readable problems; empty when the block is fine.
 */
export function jsonProblems(block: Pick<DocBlock, 'code' | 'flags'>): string[] {
  let value: unknown
  try {
    value = JSON.parse(block.code)
  } catch (error) {
    return [`not valid JSON: ${(error as Error).message}`]
  }
  if (block.flags.has('data')) return []
  if (!isObject(value)) return ['not an object: flag the block `json data` if it is not config']

  const whole = has(value, 'version') && has(value, 'purposes', 'fields', 'forms')
  if (block.flags.has('invalid')) {
    if (!whole) return ['a block flagged `invalid` must be a whole config']
    return parseConfig(value).ok ? ['flagged `invalid`, but parseConfig accepts it'] : []
  }
  if (whole) {
    const result = parseConfig(value)
    const warnings = result.warnings.map((w) => `${w.path} ${w.code} (warning): ${w.message}`)
    return [...issuesOf(result), ...warnings]
  }
  if (has(value, 'basis')) {
    const config = {
      version: 1,
      locales: localesOf(value),
      purposes: [value],
      fields: [],
      forms: [],
    }
    return issuesOf(parseConfig(config))
  }
  if (has(value, 'version', '$schema', 'locales')) {
    return issuesOf(parseConfig({ purposes: [], fields: [], forms: [], ...value }))
  }
  if (has(value, 'destinations') && Object.keys(value).length === 1) {
    const list = Array.isArray(value.destinations) ? value.destinations : [value.destinations]
    return list.flatMap((destination) => shapeIssues(destinationSchema, destination))
  }
  if (has(value, 'type') && (value.type === 'webhook' || value.type === 'hubspot')) {
    return shapeIssues(destinationSchema, value)
  }
  if (has(value, 'type')) return shapeIssues(fieldSchema, value)
  if (has(value, 'always', 'sequence', 'perVisit', 'offerConsents', 'openGate')) {
    return shapeIssues(formSchema, value)
  }
  if (has(value, 'privacy', 'imprint')) return shapeIssues(linksSchema, value)
  if (has(value, 'value') && has(value, 'label')) return shapeIssues(optionSchema, value)
  if (has(value, 'field', 'consented', 'all', 'any', 'not')) {
    return shapeIssues(conditionSchema, value)
  }
  return [
    'neither a config nor a part of one (purpose, field, option, form, links, condition): flag the block `json data` if it is other JSON',
  ]
}
