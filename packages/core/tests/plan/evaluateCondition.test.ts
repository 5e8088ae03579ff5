import { describe, expect, it } from 'vitest'
import { evaluateCondition, type ConditionContext } from '../../src/plan/evaluateCondition'
import type { FieldValue } from '../../src/types'

function context(
  values: Record<string, FieldValue>,
  consented: string[] = [],
  knownWithoutValue: string[] = [],
): ConditionContext {
  const map = new Map(Object.entries(values))
  return {
    value: (id) => map.get(id),
    known: (id) => map.has(id) || knownWithoutValue.includes(id),
    consented: (id) => consented.includes(id),
  }
}

describe('evaluateCondition', () => {
  const ctx = context({ jobRole: 'head', employees: 250, topics: ['crm', 'erp'], demo: true })

  it('compares an answer with equals', () => {
    expect(evaluateCondition({ field: 'jobRole', equals: 'head' }, ctx)).toBe(true)
    expect(evaluateCondition({ field: 'jobRole', equals: 'student' }, ctx)).toBe(false)
    expect(evaluateCondition({ field: 'demo', equals: true }, ctx)).toBe(true)
    expect(evaluateCondition({ field: 'demo', equals: 'true' }, ctx)).toBe(false)
    expect(evaluateCondition({ field: 'missing', equals: 'head' }, ctx)).toBe(false)
  })

  it('compares numbers typed as text with numbers', () => {
    expect(evaluateCondition({ field: 'employees', equals: '250' }, ctx)).toBe(true)
    const typed = context({ employees: '250' })
    expect(evaluateCondition({ field: 'employees', in: [100, 250] }, typed)).toBe(true)
    expect(evaluateCondition({ field: 'employees', equals: 0 }, context({ employees: '' }))).toBe(
      false,
    )
  })

  it('tests membership with in, also for multiselect answers', () => {
    expect(evaluateCondition({ field: 'jobRole', in: ['c-level', 'head'] }, ctx)).toBe(true)
    expect(evaluateCondition({ field: 'jobRole', in: ['student'] }, ctx)).toBe(false)
    expect(evaluateCondition({ field: 'topics', in: ['erp'] }, ctx)).toBe(true)
    expect(evaluateCondition({ field: 'topics', equals: 'crm' }, ctx)).toBe(true)
    expect(evaluateCondition({ field: 'topics', in: ['hr'] }, ctx)).toBe(false)
  })

  it('tests whether a field is known, also without a stored value', () => {
    const withKnown = context({}, [], ['company'])
    expect(evaluateCondition({ field: 'company', known: true }, withKnown)).toBe(true)
    expect(evaluateCondition({ field: 'company', known: false }, withKnown)).toBe(false)
    expect(evaluateCondition({ field: 'budget', known: false }, withKnown)).toBe(true)
    // Known without a value: equality cannot hold.
    expect(evaluateCondition({ field: 'company', equals: 'Acme' }, withKnown)).toBe(false)
  })

  it('tests consent', () => {
    const consenting = context({}, ['sales'])
    expect(evaluateCondition({ consented: 'sales' }, consenting)).toBe(true)
    expect(evaluateCondition({ consented: 'newsletter' }, consenting)).toBe(false)
  })

  it('combines with all, any and not', () => {
    const head = { field: 'jobRole', equals: 'head' }
    const student = { field: 'jobRole', equals: 'student' }
    expect(evaluateCondition({ all: [head, { field: 'demo', equals: true }] }, ctx)).toBe(true)
    expect(evaluateCondition({ all: [head, student] }, ctx)).toBe(false)
    expect(evaluateCondition({ any: [student, head] }, ctx)).toBe(true)
    expect(evaluateCondition({ any: [student] }, ctx)).toBe(false)
    expect(evaluateCondition({ not: student }, ctx)).toBe(true)
    expect(evaluateCondition({ not: { any: [student, { not: head }] } }, ctx)).toBe(true)
  })
})
