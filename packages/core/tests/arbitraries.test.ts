import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { configSchema } from '../src/config/configSchema'
import { parseConfig } from '../src/config/parseConfig'
import { planVisit } from '../src/plan/planVisit'
import { submissionSchema } from '../src/plan/submissionSchema'
import { answersArb, scenarioArb } from './arbitraries'

// The arbitraries are only worth their properties if what they generate is valid.
describe('arbitraries', () => {
  it(
    'generate configs that parseConfig accepts and configSchema leaves unchanged',
    { timeout: 60_000 },
    () => {
      fc.assert(
        fc.property(scenarioArb(), ({ config }) => {
          const parsed = parseConfig(structuredClone(config))
          expect(parsed.ok ? [] : parsed.issues).toEqual([])
          expect(configSchema.parse(structuredClone(config))).toEqual(config)
        }),
        { numRuns: 200 },
      )
    },
  )

  it('generate answers that pass the submission schema of the plan', { timeout: 60_000 }, () => {
    const withAnswers = scenarioArb().chain((scenario) => {
      const plan = planVisit(scenario.config, scenario.profile, {
        formId: scenario.formId,
        now: scenario.now,
      })
      return fc.record({
        scenario: fc.constant(scenario),
        plan: fc.constant(plan),
        answers: answersArb(plan),
      })
    })
    fc.assert(
      fc.property(withAnswers, ({ scenario, plan, answers }) => {
        const result = submissionSchema(scenario.config, plan).safeParse(answers.values)
        expect(result.error?.issues ?? []).toEqual([])
      }),
      { numRuns: 200 },
    )
  })

  it(
    'generate profiles whose values pass the validation of their fields, in time order',
    { timeout: 60_000 },
    () => {
      fc.assert(
        fc.property(scenarioArb(), ({ config, profile, formId, now }) => {
          const stored = config.fields.filter(
            (field) =>
              Object.hasOwn(profile.fields, field.id) &&
              profile.fields[field.id]?.value !== undefined,
          )
          const plan = {
            formId,
            fields: stored.map((field) => ({ id: field.id, field, reason: 'unknown' as const })),
            consents: [],
            decisions: [],
            complete: false,
          }
          const values = Object.fromEntries(stored.map((f) => [f.id, profile.fields[f.id]?.value]))
          expect(submissionSchema(config, plan).safeParse(values).error?.issues ?? []).toEqual([])
          const times = profile.consents.map((e) => Date.parse(e.at))
          expect(times).toEqual([...times].sort((a, b) => a - b))
          expect(Math.max(0, ...times)).toBeLessThanOrEqual(now.getTime())
        }),
        { numRuns: 200 },
      )
    },
  )
})
