import { expect, test } from 'vitest'
import { draftDependencies } from '../../src/plan/draftDependencies'
import { parseConfig } from '../../src/config/parseConfig'
import type { Config, ConfigInput } from '../../src/types'
import fixture from '../fixtures/b2b-whitepaper.json'

const fixtureInput = (): ConfigInput => structuredClone(fixture) as ConfigInput
function parse(input: ConfigInput): Config {
  const result = parseConfig(input)
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.config
}
const fixtureConfig = (): Config => parse(fixtureInput())

test('only the answers askIf conditions read, and the offered consents, are watched', () => {
  expect(draftDependencies(fixtureConfig(), 'whitepaper')).toEqual([
    'values.jobRole',
    'consents.newsletter',
    'consents.sales',
  ])
  expect(draftDependencies(fixtureConfig(), 'checklist')).toEqual(['consents.newsletter'])
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
  expect(draftDependencies(config, 'whitepaper').sort()).toEqual([
    'consents.newsletter',
    'consents.sales',
    'values.companySize',
    'values.industry',
    'values.jobRole',
  ])
})
