import type { MessageLocale } from './configWords'
import { escapeJsonPointerToken } from '../jsonPointer'
import { syntaxMessage, type Found, type SyntaxProblem } from './messages/syntaxMessages'

/**
 * Parses JSON text and remembers where every value (and every object key) starts, keyed by
 * JSON Pointer, so an issue at `/forms/0/perVist` can be shown at line:column in the file.
 * Lines and columns are 1-based, as editors and compilers print them. Pure and browser-safe:
 * the CLI and the studio's editor share it.
 */

export interface SourcePosition {
  line: number
  column: number
  offset: number
}

export interface SourceLocation {
  /** Where the value starts. */
  value: SourcePosition
  /** Where the value ends (exclusive). */
  valueEnd: SourcePosition
  /** Where the property name starts, for values inside an object. */
  key?: SourcePosition
}

/** The same key twice in one object: JSON keeps the last, so the first is silently lost. */
export interface DuplicateKey {
  /** The pointer of the object that holds the key twice. */
  object: string
  key: string
  first: SourcePosition
  second: SourcePosition
}

export type JsonSourceMapResult =
  | {
      ok: true
      data: unknown
      pointers: Map<string, SourceLocation>
      duplicates: DuplicateKey[]
    }
  | { ok: false; message: string; problem: SyntaxProblem; position: SourcePosition }

class JsonSyntaxError extends Error {
  constructor(
    readonly problem: SyntaxProblem,
    readonly offset: number,
  ) {
    super(problem.kind)
  }
}

const escapes: Record<string, string> = {
  '"': '"',
  '\\': '\\',
  '/': '/',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
}

export function parseJsonWithPointers(
  text: string,
  locale: MessageLocale = 'en',
): JsonSourceMapResult {
  const lineStarts = [0]
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') lineStarts.push(i + 1)

  const positionAt = (offset: number): SourcePosition => {
    let low = 0
    let high = lineStarts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if ((lineStarts[mid] ?? 0) <= offset) low = mid
      else high = mid - 1
    }
    return { line: low + 1, column: offset - (lineStarts[low] ?? 0) + 1, offset }
  }

  const pointers = new Map<string, SourceLocation>()
  const duplicates: DuplicateKey[] = []
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0

  const fail = (problem: SyntaxProblem, at = i): never => {
    throw new JsonSyntaxError(problem, at)
  }
  const found = (at: number): Found =>
    at >= text.length ? { end: true } : { end: false, char: text[at] ?? '' }

  const skipWhitespace = (): void => {
    while (i < text.length) {
      const c = text[i]
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++
      else break
    }
  }

  const parseString = (): string => {
    const start = i
    i++ // opening quote
    let out = ''
    while (i < text.length) {
      const c = text[i]
      if (c === '"') {
        i++
        return out
      }
      if (c === '\\') {
        const next = text[i + 1] ?? ''
        if (next === 'u') {
          const hex = text.slice(i + 2, i + 6)
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) fail({ kind: 'badUnicodeEscape' }, i)
          out += String.fromCharCode(parseInt(hex, 16))
          i += 6
        } else if (next in escapes) {
          out += escapes[next]
          i += 2
        } else fail({ kind: 'badEscape', next }, i)
      } else if (c !== undefined && c < ' ') {
        fail({ kind: 'controlInString' }, i)
      } else {
        out += c
        i++
      }
    }
    return fail({ kind: 'unclosedString' }, start)
  }

  const parseNumber = (): number => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400))
    if (!match) return fail({ kind: 'expectedValue', found: found(i) })
    i += match[0].length
    return Number(match[0])
  }

  const parseValue = (pointer: string, key?: SourcePosition): unknown => {
    skipWhitespace()
    const start = i
    const c = text[i]
    let value: unknown
    if (c === '{') value = parseObject(pointer)
    else if (c === '[') value = parseArray(pointer)
    else if (c === '"') value = parseString()
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) value = parseNumber()
    else if (text.startsWith('true', i)) {
      i += 4
      value = true
    } else if (text.startsWith('false', i)) {
      i += 5
      value = false
    } else if (text.startsWith('null', i)) {
      i += 4
      value = null
    } else {
      fail(c === "'" ? { kind: 'singleQuote' } : { kind: 'expectedValue', found: found(i) })
    }
    const location: SourceLocation = { value: positionAt(start), valueEnd: positionAt(i) }
    if (key) location.key = key
    pointers.set(pointer, location)
    return value
  }

  const parseObject = (pointer: string): Record<string, unknown> => {
    i++ // {
    const out: Record<string, unknown> = {}
    const seen = new Map<string, SourcePosition>()
    skipWhitespace()
    if (text[i] === '}') {
      i++
      return out
    }
    for (;;) {
      skipWhitespace()
      if (text[i] !== '"') {
        fail(
          text[i] === '}'
            ? { kind: 'trailingCommaObject' }
            : { kind: 'expectedKey', found: found(i) },
        )
      }
      const keyPosition = positionAt(i)
      const name = parseString()
      skipWhitespace()
      if (text[i] !== ':') fail({ kind: 'expectedColon', name })
      i++
      const first = seen.get(name)
      if (first !== undefined) {
        duplicates.push({ object: pointer, key: name, first, second: keyPosition })
      } else seen.set(name, keyPosition)
      const value = parseValue(`${pointer}/${escapeJsonPointerToken(name)}`, keyPosition)
      Object.defineProperty(out, name, {
        value,
        enumerable: true,
        writable: true,
        configurable: true,
      })
      skipWhitespace()
      if (text[i] === ',') {
        i++
        continue
      }
      if (text[i] === '}') {
        i++
        return out
      }
      fail({ kind: 'expectedCommaObject', found: found(i) })
    }
  }

  const parseArray = (pointer: string): unknown[] => {
    i++ // [
    const out: unknown[] = []
    skipWhitespace()
    if (text[i] === ']') {
      i++
      return out
    }
    for (;;) {
      skipWhitespace()
      if (text[i] === ']') fail({ kind: 'trailingCommaArray' })
      out.push(parseValue(`${pointer}/${out.length}`))
      skipWhitespace()
      if (text[i] === ',') {
        i++
        continue
      }
      if (text[i] === ']') {
        i++
        return out
      }
      fail({ kind: 'expectedCommaArray', found: found(i) })
    }
  }

  try {
    const data = parseValue('')
    skipWhitespace()
    if (i < text.length) fail({ kind: 'afterEnd', found: found(i) })
    return { ok: true, data, pointers, duplicates }
  } catch (error) {
    const failure = (problem: SyntaxProblem, offset: number): JsonSourceMapResult => ({
      ok: false,
      message: syntaxMessage(problem, locale),
      problem,
      position: positionAt(offset),
    })
    if (error instanceof JsonSyntaxError) return failure(error.problem, error.offset)
    if (error instanceof RangeError) return failure({ kind: 'tooDeep' }, 0)
    throw error
  }
}

/**
 * The best source position for an issue path: the value (or, with `at: 'key'`, the property name,
 * e.g. for a property that should not be there); for a path that does not exist in the file (a
 * missing property), the closest parent that does.
 */
export function locatePointer(
  pointers: Map<string, SourceLocation>,
  pointer: string,
  at: 'key' | 'value' = 'value',
): SourcePosition {
  let current = pointer
  for (;;) {
    const location = pointers.get(current)
    if (location) {
      return current === pointer && at === 'key' ? (location.key ?? location.value) : location.value
    }
    if (current === '') return { line: 1, column: 1, offset: 0 }
    current = current.slice(0, current.lastIndexOf('/'))
  }
}
