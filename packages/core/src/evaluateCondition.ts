import type { Condition, FieldValue } from './types'

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

/** Equal, or the same number written as text (form inputs give "42" for 42). */
function sameScalar(actual: Scalar, expected: Scalar): boolean {
  if (actual === expected) return true
  if (typeof actual === 'string' && typeof expected === 'number') {
    return actual.trim() !== '' && Number(actual) === expected
  }
  if (typeof actual === 'number' && typeof expected === 'string') {
    return expected.trim() !== '' && Number(expected) === actual
  }
  return false
}

/** A multiselect answer matches when any of its choices matches. */
function matches(actual: FieldValue | undefined, test: (value: Scalar) => boolean): boolean {
  if (actual === undefined) return false
  return Array.isArray(actual) ? actual.some(test) : test(actual)
}

/**
 * Evaluates an `askIf` condition (JSON data, never code):
 * `{field, equals}` and `{field, in}` compare the answer (a multiselect matches when one of its
 * choices does; an unknown field never matches), `{field, known}` tests whether there is an
 * answer, `{consented}` tests a purpose, and `all`, `any`, `not` combine conditions.
 */
export function evaluateCondition(condition: Condition, context: ConditionContext): boolean {
  if ('all' in condition) return condition.all.every((c) => evaluateCondition(c, context))
  if ('any' in condition) return condition.any.some((c) => evaluateCondition(c, context))
  if ('not' in condition) return !evaluateCondition(condition.not, context)
  if ('consented' in condition) return context.consented(condition.consented)
  if ('known' in condition) return context.known(condition.field) === condition.known
  if ('in' in condition) {
    const list = condition.in
    return matches(context.value(condition.field), (value) =>
      list.some((expected) => sameScalar(value, expected)),
    )
  }
  const expected = condition.equals
  return matches(context.value(condition.field), (value) => sameScalar(value, expected))
}
