import { idPattern } from './config/configConstants'

/** A JSON object as read from outside: any keys, values still unchecked. */
export type JsonRecord = Readonly<Record<string, unknown>>

export function isRecord(value: unknown): value is JsonRecord {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A property the object really has: never one inherited from `Object.prototype`. */
export function own(record: JsonRecord, key: string): unknown {
  return Object.hasOwn(record, key) ? record[key] : undefined
}

/** A well-formed id (reserved words such as `__proto__` and `constructor` are not). */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && idPattern.test(value)
}

export function isPositiveInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 1
}
