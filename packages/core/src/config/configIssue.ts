import type { ConfigIssue, ConfigIssueCode } from './configIssueCodes'
import { toJsonPointer, type PointerSegment } from '../jsonPointer'

export type Path = readonly PointerSegment[]

/** Builds an issue; a suggestion is appended to the message as a did-you-mean question. */
export function createIssue(
  path: Path,
  code: ConfigIssueCode,
  message: string,
  suggestion?: string,
): ConfigIssue {
  // Messages may start with a place; only "the config" needs a capital at the start.
  if (message.startsWith('the config')) message = capitalize(message)
  if (suggestion === undefined) return { path: toJsonPointer(path), code, message }
  return {
    path: toJsonPointer(path),
    code,
    message: `${message} Did you mean ${quote(suggestion)}?`,
    suggestion,
  }
}

const plainKey = /^[A-Za-z_$][A-Za-z0-9_$]*$/
const maxQuoted = 60

/** Where something is, as a marketer reads it: `forms[0].askIf.all[1]`, or `the config`. */
export function describePath(path: Path): string {
  if (path.length === 0) return 'the config'
  let text = ''
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`
    else if (segment.length <= maxQuoted && plainKey.test(segment)) {
      text += text === '' ? segment : `.${segment}`
    } else text += `[${quote(segment)}]`
  }
  return text
}

/** A value as it appears in a message: strings quoted and shortened, containers named. */
export function quote(value: unknown): string {
  if (typeof value === 'string') {
    const short = value.length > maxQuoted ? `${value.slice(0, maxQuoted)}...` : value
    return JSON.stringify(short)
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return String(value)
  }
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'an object'
  return `a ${typeof value} (not JSON)`
}

export function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

/** A list for a message: `a, b, c`, cut after `max` items so a message stays readable. */
export function listSome(items: readonly string[], max = 12): string {
  if (items.length <= max) return items.join(', ')
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`
}
