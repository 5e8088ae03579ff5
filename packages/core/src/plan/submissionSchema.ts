import { defaultLocale } from '../defaultLocale'
import * as z from 'zod/mini'
import {
  anchoredPattern,
  compileNativePattern,
  type CompilePattern,
  type PatternMatcher,
} from '../config/compilePattern'
import { countryCodes } from '../countryCodes'
import type { Config, Field, FieldValue, VisitPlan } from '../types'
import { validationMessage, type MessageParams, type ValidationCode } from './validationMessages'

/** The validated answers of a plan's fields; an optional field left empty is `undefined`. */
export type SubmissionValues = Record<string, FieldValue | undefined>

/** The schema `submissionSchema` builds: input is whatever a form or an HTTP body holds. */
export type SubmissionSchema = z.ZodMiniType<SubmissionValues, unknown>

/** Upper bounds when the config sets no `maxLength`: inputs stay bounded on the server too. */
const defaultMaxLength: Partial<Record<Field['type'], number>> = {
  text: 500,
  textarea: 5000,
  email: 254,
  tel: 32,
  url: 2048,
}

const emailPattern =
  /^(?!\.)(?!.*\.\.)[A-Za-z0-9_'+\-.]*[A-Za-z0-9_+-]@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?\.)+\p{L}{2,}$/u
const telPattern = /^\+?[0-9\s()./-]+$/
const numberPattern = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/
const schemePattern = /^[A-Za-z][A-Za-z0-9+.-]*:/

/** What is wrong with an answer: a stable code, and the limit it missed. */
interface Problem extends MessageParams {
  code: ValidationCode
}

/** A checked answer: its cleaned value (`undefined` when left empty), or its problem. */
type Checked = { value: FieldValue | undefined } | Problem

const empty: Checked = { value: undefined }

/** The field's `pattern`, anchored to the whole answer, compiled by the given engine. */
function compileFieldPattern(
  field: Field,
  pattern: string,
  compile: CompilePattern,
): PatternMatcher {
  try {
    return compile(anchoredPattern(pattern))
  } catch {
    throw new TypeError(
      `submissionSchema: the pattern of field ${JSON.stringify(field.id)} is not a valid regular expression: ${pattern}`,
    )
  }
}

export interface SubmissionSchemaOptions {
  /**
   * The engine for field patterns. Default: JavaScript's, as in the browser. The server passes a
   * linear-time one (RE2), so no pattern can make an answer take long to check.
   */
  compilePattern?: CompilePattern
}

const isOption = (field: Field, value: string): boolean =>
  field.options?.some((option) => option.value === value) === true

function isWebAddress(address: string): boolean {
  try {
    const url = new URL(address)
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.')
  } catch {
    return false
  }
}

/** Checks a trimmed, non-empty answer to a typed field (text, textarea, email, tel, url). */
function checkText(field: Field, text: string, pattern: PatternMatcher | undefined): Checked {
  const { minLength = 0, maxLength = defaultMaxLength[field.type] ?? Infinity } = field
  if (text.length < minLength) return { code: 'too-short', minimum: minLength }
  if (text.length > maxLength) return { code: 'too-long', maximum: maxLength }
  if (field.type === 'email' && !emailPattern.test(text)) return { code: 'invalid-email' }
  if (field.type === 'tel') {
    const digits = text.replace(/\D/g, '').length
    if (!telPattern.test(text) || digits < 5 || digits > 15) return { code: 'invalid-tel' }
  }
  let value = text
  if (field.type === 'url') {
    value = schemePattern.test(text) ? text : `https://${text}`
    if (!isWebAddress(value)) return { code: 'invalid-url' }
  }
  return pattern?.test(text) === false ? { code: 'invalid-format' } : { value }
}

/** Checks a number, also one typed as text; `NaN` (an emptied number input) is empty. */
function checkNumber(field: Field, answer: unknown): Checked {
  if (Number.isNaN(answer)) return empty
  if (typeof answer !== 'number' && typeof answer !== 'string') return { code: 'invalid-type' }
  const value = Number(answer)
  const { min = -Infinity, max = Infinity } = field
  if (!Number.isFinite(value) || (typeof answer === 'string' && !numberPattern.test(answer))) {
    return { code: 'invalid-number' }
  }
  if (value < min) return { code: 'too-small', minimum: min }
  if (value > max) return { code: 'too-large', maximum: max }
  return { value }
}

/** Checks the options of a multiselect (one option alone may come as text), without duplicates. */
function checkChoices(field: Field, answer: unknown): Checked {
  const list: unknown = typeof answer === 'string' ? [answer] : answer
  if (!Array.isArray(list)) return { code: 'invalid-type' }
  const chosen = new Set<string>()
  for (const item of list as unknown[]) {
    if (typeof item !== 'string') return { code: 'invalid-type' }
    const choice = item.trim()
    if (choice === '') continue
    if (!isOption(field, choice)) return { code: 'invalid-option' }
    chosen.add(choice)
  }
  return { value: chosen.size > 0 ? [...chosen] : undefined }
}

/** Checks and cleans one answer; text is trimmed first, and blank text is empty. */
function checkAnswer(field: Field, input: unknown, pattern: PatternMatcher | undefined): Checked {
  const answer = typeof input === 'string' ? input.trim() : input
  if (answer === undefined || answer === null || answer === '') return empty
  switch (field.type) {
    case 'number':
      return checkNumber(field, answer)
    case 'multiselect':
      return checkChoices(field, answer)
    case 'checkbox':
      if (typeof answer !== 'boolean') return { code: 'invalid-type' }
      // Like HTML's `required`: a required checkbox must be ticked, unticked it is empty.
      return answer || !field.required ? { value: answer } : empty
  }
  if (typeof answer !== 'string') return { code: 'invalid-type' }
  switch (field.type) {
    case 'select':
    case 'radio':
      return isOption(field, answer) ? { value: answer } : { code: 'invalid-option' }
    case 'country': {
      const code = answer.toUpperCase()
      return countryCodes.includes(code) ? { value: code } : { code: 'invalid-country' }
    }
  }
  return checkText(field, answer, pattern)
}

/**
 * A `zod/mini` strict object of exactly the planned fields, for the form's validation in
 * the browser and for `applySubmission` on the server: one source of validation for both.
 * Fields that were not planned are not part of it, so a hidden field can never block a
 * submission, and any other key is rejected.
 *
 * Per field type: e-mail, tel, url (https:// is added when no scheme is given), number (also
 * from numeric text; `min`/`max`), select/radio (one of the options), multiselect (an array of
 * options), checkbox (a boolean; a required one must be ticked), country (ISO 3166-1 alpha-2,
 * upper-cased); text is trimmed, `minLength`/`maxLength` and `pattern` (the whole answer must
 * match; evaluated by `options.compilePattern`, default JavaScript's engine) apply to text
 * answers. An empty answer of a required field fails with `required`; of
 * an optional field it becomes `undefined` (recorded as declined). Each issue carries a stable
 * code in `params.code` (with `minimum`/`maximum` for limits) and a message in the locale's
 * language (German for `de`, English otherwise; default: the config's first locale).
 */
export function submissionSchema(
  config: Config,
  plan: VisitPlan,
  locale: string = defaultLocale(config),
  options: SubmissionSchemaOptions = {},
): SubmissionSchema {
  const compile = options.compilePattern ?? compileNativePattern
  const shape: Record<string, z.ZodMiniType<FieldValue | undefined, unknown>> = {}
  for (const { id, field } of plan.fields) {
    // An invalid pattern is a config error: report it now, not on the first answer.
    const pattern =
      field.pattern === undefined ? undefined : compileFieldPattern(field, field.pattern, compile)
    shape[id] = z.transform((input: unknown, ctx) => {
      const checked = checkAnswer(field, input, pattern)
      if ('value' in checked && (checked.value !== undefined || !field.required)) {
        return checked.value
      }
      const problem: Problem = 'code' in checked ? checked : { code: 'required' }
      ctx.issues.push({
        code: 'custom',
        input,
        message: validationMessage(problem.code, locale, problem),
        params: problem,
      })
      return z.NEVER
    })
  }
  return z.strictObject(shape)
}
