import { expect, test } from 'vitest'
import { draftDependencies, draftFrom, sameDraft } from '../src/draftDependencies'
import { fixtureConfig, fixtureInput, parse } from './helpers'

test('only the answers askIf conditions read, and the offered consents, are watched', () => {
  expect(draftDependencies(fixtureConfig(), 'whitepaper').names).toEqual([
    'values.jobRole',
    'consents.newsletter',
    'consents.sales',
  ])
  expect(draftDependencies(fixtureConfig(), 'checklist').names).toEqual(['consents.newsletter'])
})

test('nested conditions and consent conditions are collected', () => {
  const input = fixtureInput()
  const config = parse({
    ...input,
    fields: input.fields.map((field) =>
      field.id === 'phone'
        ? {
            ...field,
            askIf: {
              all: [
                { consented: 'newsletter' },
                { not: { field: 'companySize', equals: '1-49' } },
                { any: [{ field: 'industry', known: true }] },
              ],
            },
          }
        : field,
    ),
  })
  expect([...draftDependencies(config, 'whitepaper').names].sort()).toEqual([
    'consents.newsletter',
    'consents.sales',
    'values.companySize',
    'values.industry',
    'values.jobRole',
  ])
})

test('the draft keeps only watched, non-empty answers; equal drafts compare equal', () => {
  const deps = draftDependencies(fixtureConfig(), 'whitepaper')
  const draft = draftFrom(
    { values: { jobRole: 'head', email: 'ada@example.com' }, consents: { sales: true } },
    deps,
  )
  expect(draft).toEqual({ values: { jobRole: 'head' }, consents: { sales: true } })
  expect(draftFrom({ values: { jobRole: '' } }, deps)).toEqual({ values: {}, consents: {} })
  expect(sameDraft(draft, { values: { jobRole: 'head' }, consents: { sales: true } })).toBe(true)
  expect(sameDraft(draft, { values: { jobRole: 'head' }, consents: {} })).toBe(false)
  expect(sameDraft(draft, { values: { jobRole: 'c-level' }, consents: { sales: true } })).toBe(
    false,
  )
  expect(sameDraft(undefined, draft)).toBe(false)
})
