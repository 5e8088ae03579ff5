/**
 * JSON Pointers (RFC 6901): how issues say where in a document something is wrong.
 * `''` is the whole document, `/forms/0/perVisit` a property inside it.
 */

export type PointerSegment = string | number

const arrayIndex = /^(?:0|[1-9][0-9]*)$/

/** Escapes one segment of a pointer: `a/b~c` becomes `a~1b~0c` (`~` first, so nothing is escaped twice). */
export function escapeJsonPointerToken(segment: PointerSegment): string {
  return String(segment).replaceAll('~', '~0').replaceAll('/', '~1')
}

/** Builds a pointer from path segments: `['fields', 3, 'a/b']` becomes `/fields/3/a~1b`. */
export function toJsonPointer(segments: readonly PointerSegment[]): string {
  let pointer = ''
  for (const segment of segments) pointer += `/${escapeJsonPointerToken(segment)}`
  return pointer
}

/** Splits a pointer into its unescaped segments; `undefined` when it is not a pointer. */
export function parseJsonPointer(pointer: string): string[] | undefined {
  if (pointer === '') return []
  if (!pointer.startsWith('/')) return undefined
  const segments: string[] = []
  for (const raw of pointer.slice(1).split('/')) {
    if (/~(?![01])/.test(raw)) return undefined
    segments.push(raw.replaceAll('~1', '/').replaceAll('~0', '~'))
  }
  return segments
}

export type ResolvedPointer = { found: true; value: unknown } | { found: false }

/**
 * Finds the value a pointer points at. Only own properties count (`/constructor` does not
 * resolve in `{}`), and array indexes must be written without leading zeros.
 */
export function resolveJsonPointer(document: unknown, pointer: string): ResolvedPointer {
  const segments = parseJsonPointer(pointer)
  if (segments === undefined) return { found: false }
  let value = document
  for (const segment of segments) {
    if (Array.isArray(value)) {
      if (!arrayIndex.test(segment)) return { found: false }
      const index = Number(segment)
      if (index >= value.length) return { found: false }
      value = value[index]
    } else if (typeof value === 'object' && value !== null) {
      if (!Object.hasOwn(value, segment)) return { found: false }
      value = (value as Record<string, unknown>)[segment]
    } else {
      return { found: false }
    }
  }
  return { found: true, value }
}
