import type { ConfigIssue } from './configIssueCodes'
import type { IssueWriter } from './configIssue'
import { toJsonPointer, type PointerSegment } from '../jsonPointer'

/**
 * How deep a config may nest. A real config needs about 10 levels (a condition inside `all`
 * inside `any`... adds two per level); 64 leaves room for any sensible condition and keeps
 * recursive validation far from the stack limit.
 */
export const maxConfigDepth = 64

export interface GuardedInput {
  /** The input, or a copy in which every cut-off part is replaced by `null`. */
  value: unknown
  issues: ConfigIssue[]
  /** Pointers of the cut-off parts; other checks ignore what they find there. */
  cut: string[]
}

type Kind = 'root' | 'fields' | 'field' | 'condition' | 'conditions' | 'other'

interface Visit {
  value: unknown
  path: PointerSegment[]
  kind: Kind
}

const recursiveConditionKeys = ['all', 'any', 'not'] as const

/**
 * Walks the input once, without recursion, before any schema sees it. It cuts off (and
 * reports) what would make validation slow or unbounded: nesting deeper than
 * `maxConfigDepth`, circular structures, and conditions that combine `all`, `any` and `not` in
 * one object (each of those makes the validator try every branch again, level after level).
 */
export function guardConfigInput(input: unknown, writer: IssueWriter): GuardedInput {
  const issues: ConfigIssue[] = []
  const cutPaths: PointerSegment[][] = []
  const onPath = new Set<object>()
  const stack: (Visit | { leave: object })[] = [{ value: input, path: [], kind: 'root' }]

  const cutOff = (visit: Visit, issue: ConfigIssue): void => {
    issues.push(issue)
    cutPaths.push(visit.path)
  }

  while (stack.length > 0) {
    const next = stack.pop()
    if (next === undefined) break
    if ('leave' in next) {
      onPath.delete(next.leave)
      continue
    }
    const { value, path, kind } = next
    if (typeof value !== 'object' || value === null) continue
    if (onPath.has(value)) {
      cutOff(next, writer.issue(path, 'not-json', { path }))
      continue
    }
    if (path.length > maxConfigDepth) {
      cutOff(next, writer.issue(path, 'too-deep', { max: maxConfigDepth, path: path.slice(0, 4) }))
      continue
    }
    if (kind === 'condition' && !Array.isArray(value)) {
      const combined = recursiveConditionKeys.filter((key) => Object.hasOwn(value, key))
      if (combined.length > 1) {
        cutOff(next, writer.issue(path, 'invalid-condition.combined', { path, keys: combined }))
        continue
      }
    }
    onPath.add(value)
    stack.push({ leave: value })
    const entries: [PointerSegment, unknown][] = Array.isArray(value)
      ? value.map((item, index) => [index, item])
      : Object.keys(value).map((key) => [key, (value as Record<string, unknown>)[key]])
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i]
      if (entry === undefined) continue
      const [segment, child] = entry
      if (typeof child !== 'object' || child === null) continue
      stack.push({ value: child, path: [...path, segment], kind: childKind(kind, segment) })
    }
  }

  if (cutPaths.length === 0) return { value: input, issues, cut: [] }
  return { value: copyWithout(input, cutPaths), issues, cut: cutPaths.map(toJsonPointer) }
}

function childKind(parent: Kind, segment: PointerSegment): Kind {
  if (parent === 'root') return segment === 'fields' ? 'fields' : 'other'
  if (parent === 'fields') return 'field'
  if (parent === 'field') return segment === 'askIf' ? 'condition' : 'other'
  if (parent === 'condition') {
    if (segment === 'all' || segment === 'any') return 'conditions'
    return segment === 'not' ? 'condition' : 'other'
  }
  if (parent === 'conditions') return 'condition'
  return 'other'
}

/**
 * A copy of `input` with the parts at `paths` replaced by `null`. Only the containers on the
 * way to a cut-off part are copied; keys such as `__proto__` stay plain own properties.
 */
function copyWithout(input: unknown, paths: readonly PointerSegment[][]): unknown {
  const copies = new Map<string, Record<PointerSegment, unknown>>()
  const root = shallowCopy(input)
  copies.set('', root)
  for (const path of paths) {
    let container = root
    for (let depth = 0; depth < path.length - 1; depth++) {
      const segment = path[depth] as PointerSegment
      const pointer = toJsonPointer(path.slice(0, depth + 1))
      let copy = copies.get(pointer)
      if (copy === undefined) {
        copy = shallowCopy(container[segment])
        copies.set(pointer, copy)
        define(container, segment, copy)
      }
      container = copy
    }
    const last = path[path.length - 1]
    if (last !== undefined) define(container, last, null)
  }
  return root
}

function shallowCopy(value: unknown): Record<PointerSegment, unknown> {
  if (Array.isArray(value)) return [...(value as unknown[])] as unknown as Record<number, unknown>
  const copy: Record<string, unknown> = {}
  if (typeof value === 'object' && value !== null) {
    for (const key of Object.keys(value)) {
      define(copy, key, (value as Record<string, unknown>)[key])
    }
  }
  return copy
}

function define(target: Record<PointerSegment, unknown>, key: PointerSegment, value: unknown) {
  Object.defineProperty(target, key, {
    value,
    writable: true,
    enumerable: true,
    configurable: true,
  })
}
