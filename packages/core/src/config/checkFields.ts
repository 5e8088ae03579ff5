import { anchoredPattern, compileNativePattern, type CompilePattern } from './compilePattern'
import { namesNothing, refOf, report, type ConfigCatalog, type FieldEntry } from './configCatalog'
import type { Path } from './configIssue'
import { optionFieldTypes, type FieldType } from './configSchema'
import { didYouMean } from './didYouMean'
import { isId, isRecord, own } from '../jsonValue'
import { unsupportedPatternSyntax } from './unsupportedPatternSyntax'

/** Field types answered by typing text: the ones length limits and patterns apply to. */
const typedTypes: readonly FieldType[] = ['text', 'email', 'tel', 'url', 'textarea']

/** Which field types each type-specific setting applies to. */
const settingTypes: Readonly<Record<string, readonly FieldType[]>> = {
  options: optionFieldTypes,
  min: ['number'],
  max: ['number'],
  minLength: typedTypes,
  maxLength: typedTypes,
  pattern: typedTypes,
}

/**
 * The purposes of each field, its options, its limits and its pattern. A pattern must compile
 * in JavaScript (the browser) and use nothing a linear-time engine cannot run; with
 * `compilePattern` (the server's engine) it must compile there too.
 */
export function checkFields(catalog: ConfigCatalog, compilePattern?: CompilePattern): void {
  for (const entry of catalog.fieldList) {
    checkFieldPurposes(catalog, entry)
    checkOptions(catalog, entry)
    checkLimits(catalog, entry)
    checkPattern(catalog, entry, compilePattern)
  }
}

/** Reports a reference to a purpose that does not exist; true when the reference is sound. */
export function checkPurposeReference(catalog: ConfigCatalog, value: unknown, path: Path): boolean {
  if (!isId(value)) return false
  if (catalog.purposes.has(value)) return true
  if (!namesNothing(catalog, 'purposes', value)) return false
  const known = [...catalog.purposes.keys()]
  report(catalog, 'errors', path, 'unknown-purpose', { id: value, known }, didYouMean(value, known))
  return false
}

function checkFieldPurposes(catalog: ConfigCatalog, entry: FieldEntry): void {
  const purposes = own(entry.record, 'purposes')
  if (!Array.isArray(purposes)) return
  const seen = new Set<unknown>()
  purposes.forEach((purpose: unknown, position) => {
    const path: Path = ['fields', entry.index, 'purposes', position]
    if (seen.has(purpose) && isId(purpose)) {
      report(catalog, 'errors', path, 'duplicate-reference.purpose', {
        id: purpose,
        field: refOf('field', 'fields', entry),
      })
      return
    }
    seen.add(purpose)
    checkPurposeReference(catalog, purpose, path)
  })
}

function checkOptions(catalog: ConfigCatalog, entry: FieldEntry): void {
  const { index, record, type } = entry
  if (type === undefined) return
  const options = own(record, 'options')
  const field = refOf('field', 'fields', entry)
  if (!(optionFieldTypes as readonly FieldType[]).includes(type)) return
  if (options === undefined || (Array.isArray(options) && options.length === 0)) {
    report(
      catalog,
      'errors',
      options === undefined ? ['fields', index] : ['fields', index, 'options'],
      'missing-options',
      { field, type },
    )
    return
  }
  if (!Array.isArray(options)) return
  const values = new Map<string, number>()
  options.forEach((option: unknown, position) => {
    const value = isRecord(option) ? own(option, 'value') : undefined
    if (typeof value !== 'string') return
    const first = values.get(value)
    if (first === undefined) {
      values.set(value, position)
      return
    }
    report(catalog, 'errors', ['fields', index, 'options', position, 'value'], 'duplicate-option', {
      field,
      value,
      first,
      second: position,
    })
  })
}

function checkLimits(catalog: ConfigCatalog, entry: FieldEntry): void {
  const { index, record, type } = entry
  const field = refOf('field', 'fields', entry)
  for (const [low, high] of [
    ['min', 'max'],
    ['minLength', 'maxLength'],
  ] as const) {
    const lowValue = own(record, low)
    const highValue = own(record, high)
    if (typeof lowValue === 'number' && typeof highValue === 'number' && lowValue > highValue) {
      report(catalog, 'errors', ['fields', index, low], 'min-above-max', {
        field,
        low,
        lowValue,
        high,
        highValue,
      })
    }
  }
  if (type === undefined) return
  for (const key of Object.keys(settingTypes)) {
    const types = settingTypes[key] ?? []
    if (own(record, key) === undefined || types.includes(type)) continue
    report(catalog, 'warnings', ['fields', index, key], 'setting-ignored.type', {
      key,
      field,
      types,
      type,
    })
  }
}

function checkPattern(
  catalog: ConfigCatalog,
  entry: FieldEntry,
  compilePattern: CompilePattern | undefined,
): void {
  const pattern = own(entry.record, 'pattern')
  // Longer patterns are reported by the schema and are not compiled at all.
  if (typeof pattern !== 'string' || pattern.length === 0 || pattern.length > 200) return
  const field = refOf('field', 'fields', entry)
  const path: Path = ['fields', entry.index, 'pattern']
  const source = anchoredPattern(pattern)
  const reason = compileError(compileNativePattern, source)
  if (reason !== undefined) {
    report(catalog, 'errors', path, 'invalid-pattern', { field, reason })
    return
  }
  const unsupported = unsupportedPatternSyntax(pattern)
  const engineReason =
    unsupported === undefined && compilePattern !== undefined
      ? compileError(compilePattern, source)
      : undefined
  if (unsupported !== undefined || engineReason !== undefined) {
    report(catalog, 'errors', path, 'invalid-pattern.engine', {
      field,
      unsupported,
      reason: engineReason,
    })
  }
}

/** Why a pattern does not compile, or `undefined` when it does. */
function compileError(compile: CompilePattern, source: string): string | undefined {
  try {
    compile(source)
    return undefined
  } catch (error) {
    return error instanceof Error
      ? error.message.replace(/^.*: /, '').slice(0, 200)
      : 'syntax error'
  }
}
