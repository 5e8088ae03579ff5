import * as z from 'zod/mini'
import type { Config, Field, FieldValue, VisitPlan } from './types'
import { messagesFor, type MessageParams, type ValidationCode } from './validationMessages'

/** The validated answers of a plan's fields; an optional field left empty is `undefined`. */
export type SubmissionValues = Record<string, FieldValue | undefined>

/** The schema `submissionSchema` builds: input is whatever a form or an HTTP body holds. */
export type SubmissionSchema = z.ZodMiniType<SubmissionValues, unknown>

/** Officially assigned ISO 3166-1 alpha-2 codes (249). */
const countryCodes = new Set(
  (
    'AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ ' +
    'BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM ' +
    'DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS ' +
    'GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN ' +
    'KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ ' +
    'MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM ' +
    'PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV ' +
    'SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI ' +
    'VN VU WF WS YE YT ZA ZM ZW'
  ).split(' '),
)

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

const patterns = new WeakMap<Field, RegExp>()

/** The field's `pattern`, anchored to the whole answer; compiled once per field. */
function patternOf(field: Field, pattern: string): RegExp {
  let regex = patterns.get(field)
  if (regex === undefined) {
    const source = `^(?:${pattern})$`
    try {
      regex = new RegExp(source, 'u')
    } catch {
      try {
        regex = new RegExp(source)
      } catch {
        throw new TypeError(
          `submissionSchema: the pattern of field ${JSON.stringify(field.id)} is not a valid regular expression: ${pattern}`,
        )
      }
    }
    patterns.set(field, regex)
  }
  return regex
}

type Checked =
  | { ok: true; value: FieldValue | undefined }
  | ({ ok: false; code: ValidationCode } & MessageParams)

const fail = (code: ValidationCode, params: MessageParams = {}): Checked => ({
  ok: false,
  code,
  ...params,
})

/** Trimmed text, `undefined` when empty, `null` when the input is not text at all. */
function textOf(input: unknown): string | undefined | null {
  if (input === undefined || input === null) return undefined
  if (typeof input !== 'string') return null
  const text = input.trim()
  return text === '' ? undefined : text
}

function checkText(field: Field, text: string): Checked {
  if (field.minLength !== undefined && text.length < field.minLength) {
    return fail('too-short', { minimum: field.minLength })
  }
  const maximum = field.maxLength ?? defaultMaxLength[field.type]
  if (maximum !== undefined && text.length > maximum) return fail('too-long', { maximum })
  if (field.type === 'email' && !emailPattern.test(text)) return fail('invalid-email')
  if (field.type === 'tel') {
    const digits = text.replace(/\D/g, '').length
    if (!telPattern.test(text) || digits < 5 || digits > 15) return fail('invalid-tel')
  }
  let value = text
  if (field.type === 'url') {
    value = schemePattern.test(text) ? text : `https://${text}`
    let url: URL | undefined
    try {
      url = new URL(value)
    } catch {
      url = undefined
    }
    if (
      url === undefined ||
      (url.protocol !== 'https:' && url.protocol !== 'http:') ||
      !url.hostname.includes('.')
    ) {
      return fail('invalid-url')
    }
  }
  if (field.pattern !== undefined && !patternOf(field, field.pattern).test(text)) {
    return fail('invalid-format')
  }
  return { ok: true, value }
}

function checkNumber(field: Field, input: unknown): Checked {
  let value: number
  if (typeof input === 'number') {
    if (Number.isNaN(input)) return { ok: true, value: undefined }
    value = input
  } else if (typeof input === 'string') {
    const text = input.trim()
    if (text === '') return { ok: true, value: undefined }
    if (!numberPattern.test(text)) return fail('invalid-number')
    value = Number(text)
  } else if (input === undefined || input === null) {
    return { ok: true, value: undefined }
  } else {
    return fail('invalid-type')
  }
  if (!Number.isFinite(value)) return fail('invalid-number')
  if (field.min !== undefined && value < field.min) return fail('too-small', { minimum: field.min })
  if (field.max !== undefined && value > field.max) return fail('too-large', { maximum: field.max })
  return { ok: true, value }
}

function checkChoices(field: Field, input: unknown): Checked {
  if (input === undefined || input === null) return { ok: true, value: undefined }
  const list = typeof input === 'string' ? [input] : input
  if (!Array.isArray(list)) return fail('invalid-type')
  const values = new Set(field.options?.map((option) => option.value))
  const chosen: string[] = []
  for (const item of list as unknown[]) {
    if (typeof item !== 'string') return fail('invalid-type')
    const choice = item.trim()
    if (choice === '') continue
    if (!values.has(choice)) return fail('invalid-option')
    if (!chosen.includes(choice)) chosen.push(choice)
  }
  return { ok: true, value: chosen.length > 0 ? chosen : undefined }
}

/** Validates and cleans one answer; `value: undefined` means left empty. */
function checkValue(field: Field, input: unknown): Checked {
  switch (field.type) {
    case 'number':
      return checkNumber(field, input)
    case 'checkbox':
      if (input === undefined || input === null) return { ok: true, value: undefined }
      return typeof input === 'boolean' ? { ok: true, value: input } : fail('invalid-type')
    case 'multiselect':
      return checkChoices(field, input)
    default: {
      const text = textOf(input)
      if (text === null) return fail('invalid-type')
      if (text === undefined) return { ok: true, value: undefined }
      if (field.type === 'select' || field.type === 'radio') {
        return field.options?.some((option) => option.value === text) === true
          ? { ok: true, value: text }
          : fail('invalid-option')
      }
      if (field.type === 'country') {
        const code = text.toUpperCase()
        return countryCodes.has(code) ? { ok: true, value: code } : fail('invalid-country')
      }
      return checkText(field, text)
    }
  }
}

/**
 * A `zod/mini` strict object of exactly the planned fields, for react-hook-form's resolver in
 * the browser and for `applySubmission` on the server: one source of validation for both.
 * Fields that were not planned are not part of it, so a hidden field can never block a
 * submission, and any other key is rejected.
 *
 * Per field type: e-mail, tel, url (https:// is added when no scheme is given), number (also
 * from numeric text; `min`/`max`), select/radio (one of the options), multiselect (an array of
 * options), checkbox (a boolean), country (ISO 3166-1 alpha-2, upper-cased); text is trimmed,
 * `minLength`/`maxLength` and `pattern` (the whole answer must match) apply to text answers.
 * An empty answer of a required field fails with `required`; of an optional field it becomes
 * `undefined` (recorded as declined). Each issue carries a stable code in `params.code` and a
 * message in the locale's language (German for `de`, English otherwise; default: the config's
 * first locale).
 */
export function submissionSchema(
  config: Config,
  plan: VisitPlan,
  locale: string = config.locales[0] ?? 'en',
): SubmissionSchema {
  const messages = messagesFor(locale)
  const shape: Record<string, z.ZodMiniType<FieldValue | undefined, unknown>> = {}
  for (const { id, field } of plan.fields) {
    // An invalid pattern is a config error: report it now, not on the first answer.
    if (field.pattern !== undefined) patternOf(field, field.pattern)
    const answer = z.pipe(
      z.unknown(),
      z.transform((input: unknown, ctx) => {
        const result = checkValue(field, input)
        if (result.ok && (result.value !== undefined || !field.required)) return result.value
        const { code, minimum, maximum } = result.ok ? { code: 'required' as const } : result
        const params = {
          ...(minimum === undefined ? {} : { minimum }),
          ...(maximum === undefined ? {} : { maximum }),
        }
        ctx.issues.push({
          code: 'custom',
          input,
          message: messages[code](params),
          params: { code, ...params },
        })
        return z.NEVER
      }),
    )
    shape[id] = field.required ? answer : z.optional(answer)
  }
  return z.strictObject(shape)
}
