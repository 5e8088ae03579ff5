import { ApiError, type ApiIssue } from './apiError'
import { pointer } from './parseSubmissionBody'

/** At most this many places are listed; one is enough to fix the client. */
const maxIssues = 10

/**
 * Whether PostgreSQL can store the text: `text` and `jsonb` refuse U+0000, and a lone UTF-16
 * surrogate has no UTF-8 form (jsonb refuses its escape; a text column would silently change it).
 */
export function isStorableText(text: string): boolean {
  return !text.includes('\u0000') && (text as string & { isWellFormed(): boolean }).isWellFormed()
}

/**
 * The places of text a database cannot store in a parsed JSON value: every string and every
 * object key, at any depth, as JSON Pointers below `base`. Walks without recursion, so deep
 * nesting cannot overflow the stack.
 */
export function findUnstorableText(value: unknown, base = ''): ApiIssue[] {
  const issues: ApiIssue[] = []
  const stack: { value: unknown; path: string }[] = [{ value, path: base }]
  while (stack.length > 0 && issues.length < maxIssues) {
    const item = stack.pop() as { value: unknown; path: string }
    if (typeof item.value === 'string') {
      if (!isStorableText(item.value)) issues.push(issueAt(item.path, item.value))
    } else if (Array.isArray(item.value)) {
      for (let index = item.value.length - 1; index >= 0; index--) {
        stack.push({ value: item.value[index], path: `${item.path}/${index}` })
      }
    } else if (typeof item.value === 'object' && item.value !== null) {
      const entries = Object.entries(item.value)
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, child] = entries[index] as [string, unknown]
        const path = pointer(item.path, visible(key))
        if (!isStorableText(key)) issues.push(issueAt(path, key))
        else stack.push({ value: child, path })
      }
    }
  }
  return issues
}

/** Throws `422 invalid-text` naming the places of text a database cannot store. */
export function assertStorableText(value: unknown, base = ''): void {
  const issues = findUnstorableText(value, base)
  if (issues.length === 0) return
  const places = issues.map((issue) => issue.path || '/').join(', ')
  throw new ApiError(
    422,
    'invalid-text',
    `Text at ${places} contains a NUL character or a broken UTF-16 character (lone surrogate), which cannot be stored; remove it.`,
    { issues },
  )
}

/** A key as it may appear in a path of a response: each unstorable code unit as U+FFFD. */
function visible(key: string): string {
  if (isStorableText(key)) return key
  let shown = ''
  for (let index = 0; index < key.length; index++) {
    const code = key.charCodeAt(index)
    if (code >= 0xd800 && code < 0xdc00 && isLow(key.charCodeAt(index + 1))) {
      shown += key.slice(index, index + 2)
      index++
    } else {
      shown += code === 0 || (code >= 0xd800 && code <= 0xdfff) ? '\ufffd' : key[index]
    }
  }
  return shown
}

const isLow = (code: number) => code >= 0xdc00 && code <= 0xdfff

function issueAt(path: string, text: string): ApiIssue {
  return {
    path,
    code: text.includes('\u0000') ? 'nul-character' : 'lone-surrogate',
    message: 'Text with a NUL character or a lone surrogate cannot be stored.',
  }
}
