import { checkPurposeReference } from './checkFields'
import { checkFieldReference } from './checkForms'
import { report, type ConfigCatalog, type FieldEntry } from './configCatalog'
import type { Path } from './configIssue'
import { optionFieldTypes, type FieldType } from './configSchema'
import { didYouMean } from './didYouMean'
import { isId, isRecord, own } from '../jsonValue'

/** One `field` reference inside an askIf: from the field that has the condition to another. */
interface Dependency {
  from: number
  to: number
  path: Path
}

/**
 * The references inside every askIf (fields, purposes, option values), and askIf cycles: a
 * field whose condition depends, directly or through other fields, on its own answer could
 * never be asked.
 */
export function checkConditions(catalog: ConfigCatalog): void {
  const dependencies: Dependency[] = []
  for (const entry of catalog.fieldList) {
    const askIf = own(entry.record, 'askIf')
    if (askIf === undefined) continue
    const stack: { node: unknown; path: Path }[] = [
      { node: askIf, path: ['fields', entry.index, 'askIf'] },
    ]
    while (stack.length > 0) {
      const next = stack.pop()
      if (next === undefined || !isRecord(next.node)) continue
      const { node, path } = next
      checkFieldTest(catalog, entry, node, path, dependencies)
      const consented = own(node, 'consented')
      if (checkPurposeReference(catalog, consented, [...path, 'consented'])) {
        checkConsentBasis(catalog, consented as string, [...path, 'consented'])
      }
      const not = own(node, 'not')
      if (not !== undefined) stack.push({ node: not, path: [...path, 'not'] })
      for (const key of ['any', 'all'] as const) {
        const list = own(node, key)
        if (!Array.isArray(list)) continue
        for (let i = list.length - 1; i >= 0; i--) {
          stack.push({ node: list[i], path: [...path, key, i] })
        }
      }
    }
  }
  reportCycles(catalog, dependencies)
}

function checkFieldTest(
  catalog: ConfigCatalog,
  entry: FieldEntry,
  node: Readonly<Record<string, unknown>>,
  path: Path,
  dependencies: Dependency[],
): void {
  const id = own(node, 'field')
  if (!isId(id) || !checkFieldReference(catalog, id, [...path, 'field'])) return
  const target = catalog.fields.get(id)
  if (target === undefined) return
  if (target.index === entry.index) {
    report(catalog, 'errors', [...path, 'field'], 'condition-self-reference', { id })
    return
  }
  dependencies.push({ from: entry.index, to: target.index, path: [...path, 'field'] })
  if (own(target.record, 'sensitive') === true) {
    report(catalog, 'warnings', [...path, 'field'], 'condition-on-sensitive-field', { id })
  }
  const options = own(target.record, 'options')
  if (!isOptionType(target.type) || !Array.isArray(options)) return
  const values = options
    .map((option: unknown) => (isRecord(option) ? own(option, 'value') : undefined))
    .filter((value): value is string => typeof value === 'string')
  const compared: [unknown, Path][] = []
  const equals = own(node, 'equals')
  if (equals !== undefined) compared.push([equals, [...path, 'equals']])
  const list = own(node, 'in')
  if (Array.isArray(list)) {
    list.forEach((value: unknown, position) => compared.push([value, [...path, 'in', position]]))
  }
  for (const [value, valuePath] of compared) {
    if (typeof value !== 'string' || values.includes(value)) continue
    report(
      catalog,
      'errors',
      valuePath,
      'unknown-option',
      { id, value, values },
      didYouMean(value, values),
    )
  }
}

function isOptionType(type: FieldType | undefined): boolean {
  return type !== undefined && (optionFieldTypes as readonly FieldType[]).includes(type)
}

function checkConsentBasis(catalog: ConfigCatalog, id: string, path: Path): void {
  const basis = catalog.purposes.get(id)?.basis
  if (basis === undefined || basis === 'consent') return
  report(catalog, 'errors', path, 'not-a-consent-purpose.condition', { id, basis })
}

/** Finds askIf cycles with a depth-first search and reports each at the reference closing it. */
function reportCycles(catalog: ConfigCatalog, dependencies: readonly Dependency[]): void {
  const outgoing = new Map<number, Dependency[]>()
  for (const dependency of dependencies) {
    const list = outgoing.get(dependency.from) ?? []
    list.push(dependency)
    outgoing.set(dependency.from, list)
  }
  const state = new Map<number, 'active' | 'done'>()
  const reported = new Set<string>()
  const ids = new Map(catalog.fieldList.map((entry) => [entry.index, own(entry.record, 'id')]))
  for (const start of [...outgoing.keys()].sort((a, b) => a - b)) {
    if (state.has(start)) continue
    const trail: number[] = []
    const stack: { node: number; next: number }[] = [{ node: start, next: 0 }]
    state.set(start, 'active')
    trail.push(start)
    while (stack.length > 0) {
      const top = stack[stack.length - 1]
      if (top === undefined) break
      const edge = outgoing.get(top.node)?.[top.next]
      if (edge === undefined) {
        state.set(top.node, 'done')
        stack.pop()
        trail.pop()
        continue
      }
      top.next += 1
      const seen = state.get(edge.to)
      if (seen === undefined) {
        state.set(edge.to, 'active')
        trail.push(edge.to)
        stack.push({ node: edge.to, next: 0 })
      } else if (seen === 'active') {
        const cycle = trail.slice(trail.indexOf(edge.to))
        const key = [...cycle].sort((a, b) => a - b).join(',')
        if (reported.has(key)) continue
        reported.add(key)
        report(catalog, 'errors', edge.path, 'condition-cycle', {
          ids: [...cycle, edge.to].map((index) => ids.get(index)),
        })
      }
    }
  }
}
