import { describe, expect, expectTypeOf, it } from 'vitest'
import type {
  DoubleOptInRate,
  FieldInsight,
  FunnelCounts,
  FunnelField,
  FunnelForm,
  FunnelReport,
  Insights,
  SequenceSuggestion,
} from '../src/index'
import * as server from '../src/index'

describe('@trickle/server exports', () => {
  it('exports exactly the public API', () => {
    expect(Object.keys(server).sort()).toEqual([
      'assertConsentTexts',
      'consoleMailer',
      'createTrickleServer',
      'defaultPort',
      'describeConsentTextChange',
      'fileMailer',
      'findConsentTextChanges',
      'loadConfig',
      'migrationsFolder',
      'openDatabase',
      'resolveSecret',
      'startServer',
      'tables',
    ])
  })
})

describe('@trickle/server report types', () => {
  it('exports the funnel report and the insights as types', () => {
    expectTypeOf<FunnelReport['forms'][number]['fields'][number]>().toEqualTypeOf<FunnelField>()
    expectTypeOf<FunnelField>().toEqualTypeOf<{
      fieldId: string
      shown: number
      answered: number
      lastTouched: number
      dropOff: number
    }>()
    expectTypeOf<FunnelForm['totals']>().toEqualTypeOf<FunnelCounts>()
    expectTypeOf<FunnelReport['doubleOptIn']>().toEqualTypeOf<DoubleOptInRate>()
    expectTypeOf<Insights['fields'][number]>().toEqualTypeOf<FieldInsight>()
    expectTypeOf<Insights['suggestions'][number]>().toEqualTypeOf<SequenceSuggestion>()
    expectTypeOf<Insights>().toHaveProperty('from').toEqualTypeOf<string>()
  })
})
