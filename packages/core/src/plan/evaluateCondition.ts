import type { Condition, FieldValue } from '../types'

/** What a condition can see about the visitor. The planner builds it for one visit. */
export interface ConditionContext {
  /** The answer: a non-empty draft answer first, else the value of a known field, else undefined. */
  value(fieldId: string): FieldValue | undefined
  /** True when the field is known or has a non-empty draft answer. */
  known(fieldId: string): boolean
  /** True when the purpose counts as consented for this plan. */
  consented(purposeId: string): boolean
}

type Scalar = string | number | boolean

/** A non-empty text as the number it spells (NaN for other text); other values as they are. */
const numeric = (value: Scalar): Scalar =>
  typeof value === 'string' && value.trim() !== '' ? Number(value) : value

/** Equal, or the same number written as text (form inputs give "42" for 42). */
function sameScalar(actual: Scalar, expected: Scalar): boolean {
  return (
    actual === expected ||
    (typeof actual !== typeof expected && numeric(actual) === numeric(expected))
  )
}

/**
 * Evaluates an `askIf` condition (JSON data, never code):
 * `{field, equals}` and `{field, in}` compare the answer (a multiselect matches when one of its
 * choices does; an unknown field never matches), `{field, known}` tests whether there is an
 * answer, `{consented}` tests a purpose, and `all`, `any`, `not` combine conditions.
 */
export function evaluateCondition(condition: Condition, context: ConditionContext): boolean {
  const test = (part: Condition): boolean => evaluateCondition(part, context)
  if ('all' in condition) return condition.all.every(test)
  if ('any' in condition) return condition.any.some(test)
  if ('not' in condition) return !test(condition.not)
  if ('consented' in condition) return context.consented(condition.consented)
  if ('known' in condition) return context.known(condition.field) === condition.known
  const expected = 'in' in condition ? condition.in : [condition.equals]
  const actual = context.value(condition.field)
  return (
    actual !== undefined &&
    [actual].flat().some((value) => expected.some((item) => sameScalar(value, item)))
  )
}
