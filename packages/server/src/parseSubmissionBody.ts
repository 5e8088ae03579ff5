import { escapeJsonPointerToken, idPattern, localePattern } from '@trickle/core'
import { ApiError, type ApiIssue } from './apiError'

/** What `POST /v1/submissions` accepts; nothing else. */
export interface SubmissionBody {
  formId: string
  /** The same key on every retry of one submission (8 to 128 letters, digits, `-`, `_`, `.`, `:`). */
  idempotencyKey: string
  locale?: string
  values: Record<string, string | number | boolean | null | string[]>
  consents: Record<string, boolean>
}

const bodyKeys = new Set(['formId', 'idempotencyKey', 'locale', 'values', 'consents'])
const keyPattern = /^[A-Za-z0-9._:-]{8,128}$/
/** Generous bounds: the core checks each field's own limits; these stop abuse early. */
const maxValues = 100
const maxTextLength = 10_000
const maxListItems = 200

/**
 * Checks the shape of a submission body and lists every problem with its JSON Pointer.
 * Unknown properties are errors, never ignored. Whether each value fits its field (and was
 * asked at all) is decided afterwards by the core's `applySubmission`.
 */
export function parseSubmissionBody(body: Record<string, unknown>): SubmissionBody {
  const issues: ApiIssue[] = []
  const issue = (path: string, code: string, message: string) =>
    issues.push({ path, code, message })

  for (const key of Object.keys(body)) {
    if (!bodyKeys.has(key)) {
      issue(
        pointer('', key),
        'unknown-key',
        `Unknown property; allowed: ${[...bodyKeys].join(', ')}.`,
      )
    }
  }
  const formId = body['formId']
  if (typeof formId !== 'string' || !idPattern.test(formId)) {
    issue('/formId', 'invalid', 'formId must be the id of a form in the config.')
  }
  const key = body['idempotencyKey']
  if (typeof key !== 'string' || !keyPattern.test(key)) {
    issue(
      '/idempotencyKey',
      'invalid',
      'idempotencyKey must be 8 to 128 letters, digits, "-", "_", "." or ":" (a UUID works).',
    )
  }
  const locale = body['locale']
  if (locale !== undefined && (typeof locale !== 'string' || !localePattern.test(locale))) {
    issue('/locale', 'invalid', 'locale must be a language tag such as "en" or "de".')
  }

  const values: SubmissionBody['values'] = Object.create(null) as SubmissionBody['values']
  const rawValues = body['values']
  if (!isPlainObject(rawValues)) {
    issue('/values', 'invalid', 'values must be an object of answers by field id.')
  } else {
    const entries = Object.entries(rawValues)
    if (entries.length > maxValues) {
      issue('/values', 'too-many', `values may hold at most ${maxValues} answers.`)
    }
    for (const [id, value] of entries.slice(0, maxValues)) {
      const path = pointer('/values', id)
      if (!idPattern.test(id)) {
        issue(path, 'invalid-id', 'Not a field id.')
        continue
      }
      const problem = valueProblem(value)
      if (problem) issue(path, 'invalid-type', problem)
      else values[id] = value as SubmissionBody['values'][string]
    }
  }

  const consents: Record<string, boolean> = Object.create(null) as Record<string, boolean>
  const rawConsents = body['consents']
  if (rawConsents !== undefined) {
    if (!isPlainObject(rawConsents)) {
      issue('/consents', 'invalid', 'consents must be an object of true/false by purpose id.')
    } else {
      const entries = Object.entries(rawConsents)
      if (entries.length > maxValues) {
        issue('/consents', 'too-many', `consents may hold at most ${maxValues} purposes.`)
      }
      for (const [id, value] of entries.slice(0, maxValues)) {
        const path = pointer('/consents', id)
        if (!idPattern.test(id)) issue(path, 'invalid-id', 'Not a purpose id.')
        else if (typeof value !== 'boolean') {
          issue(path, 'invalid-type', 'A consent is true (ticked) or false (not ticked).')
        } else consents[id] = value
      }
    }
  }

  if (issues.length > 0) {
    throw new ApiError(422, 'invalid-body', describeIssues(issues), { issues })
  }
  return {
    formId: formId as string,
    idempotencyKey: key as string,
    ...(typeof locale === 'string' ? { locale } : {}),
    values,
    consents,
  }
}

function valueProblem(value: unknown): string | null {
  if (value === null || typeof value === 'boolean') return null
  if (typeof value === 'number') return Number.isFinite(value) ? null : 'Not a finite number.'
  if (typeof value === 'string') {
    return value.length > maxTextLength ? `Longer than ${maxTextLength} characters.` : null
  }
  if (Array.isArray(value)) {
    if (value.length > maxListItems) return `A list of at most ${maxListItems} choices.`
    return value.every((item) => typeof item === 'string' && item.length <= 1000)
      ? null
      : 'A list may hold only texts (the chosen options).'
  }
  return 'An answer is a text, a number, true/false or a list of texts.'
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** A JSON Pointer to `key` below `base` (RFC 6901 escaping); long keys are cut. */
export function pointer(base: string, key: string): string {
  const short = key.length > 80 ? `${key.slice(0, 80)}...` : key
  return `${base}/${escapeJsonPointerToken(short)}`
}

/** One sentence for the whole list, naming the first problems. */
export function describeIssues(issues: readonly ApiIssue[]): string {
  const first = issues
    .slice(0, 3)
    .map((item) => `${item.path || '/'}: ${item.message}`)
    .join(' ')
  const more = issues.length > 3 ? ` (${issues.length - 3} more)` : ''
  return `The submission was not accepted. ${first}${more}`
}
