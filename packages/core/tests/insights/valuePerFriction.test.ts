import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/config/parseConfig'
import { valuePerFriction } from '../../src/insights/valuePerFriction'
import type { Condition, Config } from '../../src/types'
import { configArb } from '../arbitraries'
import fixture from '../fixtures/b2b-whitepaper.json'

function parse(input: unknown): Config {
  const result = parseConfig(input)
  if (!result.ok) throw new Error(JSON.stringify(result.issues))
  return result.config
}
const config = parse(fixture)

const read = (condition: Condition, into: string[] = []): string[] => {
  if ('all' in condition) condition.all.forEach((c) => read(c, into))
  else if ('any' in condition) condition.any.forEach((c) => read(c, into))
  else if ('not' in condition) read(condition.not, into)
  else if ('field' in condition) into.push(condition.field)
  return into
}

describe('valuePerFriction', () => {
  it('costs each field its drop-off and values it by deliveries and askIf reads', () => {
    const funnel = {
      forms: [
        {
          formId: 'whitepaper',
          fields: [
            { fieldId: 'firstName', shown: 10, lastTouched: 1 },
            { fieldId: 'lastName', shown: 10, lastTouched: 5 },
            { fieldId: 'jobRole', shown: 4, lastTouched: 0 },
          ],
        },
        { formId: 'checklist', fields: [{ fieldId: 'jobRole', shown: 6, lastTouched: 1 }] },
      ],
    }
    const { fields } = valuePerFriction(config, funnel, {
      deliveries: { firstName: 3, lastName: 3, jobRole: 7 },
    })
    const byId = Object.fromEntries(fields.map((f) => [f.fieldId, f]))
    expect(byId['lastName']).toEqual({
      fieldId: 'lastName',
      purposes: ['personalisation'],
      shown: 10,
      lastTouched: 5,
      dropOffCost: 0.5,
      usage: { deliveries: 3, askIfReads: 0 },
      value: 1, // log2(4) * (1 - 0.5)
    })
    // jobRole: shown on two forms, read by budget's askIf.
    expect(byId['jobRole']).toMatchObject({ shown: 10, lastTouched: 1, dropOffCost: 0.1 })
    expect(byId['jobRole']?.usage).toEqual({ deliveries: 7, askIfReads: 1 })
    expect(byId['jobRole']?.value).toBe(3.6) // (3 + 1) * 0.9
    expect(byId['phone']).toMatchObject({ shown: 0, dropOffCost: 0, value: 0 })
  })

  it('suggests valuable, cheap fields first and explains each move; budget stays after jobRole', () => {
    const funnel = {
      forms: [
        {
          formId: 'whitepaper',
          fields: [
            { fieldId: 'firstName', shown: 10, lastTouched: 0 },
            { fieldId: 'lastName', shown: 10, lastTouched: 6 },
            { fieldId: 'company', shown: 10, lastTouched: 0 },
          ],
        },
      ],
    }
    const deliveries = { budget: 100, companySize: 50, company: 1, firstName: 1, lastName: 1 }
    const whitepaper = valuePerFriction(config, funnel, { deliveries }).suggestions.find(
      (s) => s.formId === 'whitepaper',
    )
    expect(whitepaper?.current).toEqual(config.forms[0]?.sequence)
    expect(whitepaper?.changed).toBe(true)
    // budget is the most valuable, but its askIf reads jobRole: jobRole comes first.
    // and lastName, which lost 60 % of the people shown it, goes after the fields without a loss.
    expect(whitepaper?.suggested).toEqual([
      'jobRole',
      'budget',
      'companySize',
      'firstName',
      'company',
      'lastName',
      'industry',
      'phone',
    ])
    expect(whitepaper?.reasons['budget']).toContain('stays after jobRole')
    expect(whitepaper?.reasons['jobRole']).toContain('comes before budget')
    expect(whitepaper?.reasons['lastName']).toMatch(/^Later: position 2 → 6; .*drop-off 60 %/)
    expect(Object.keys(whitepaper?.reasons ?? {})).not.toContain('email')
  })

  it('changes nothing without data, and keeps e-mail fields in place', () => {
    const none = valuePerFriction(config, { forms: [] }, { deliveries: {} })
    // Without funnel data or deliveries only the askIf reads count: jobRole (read by budget).
    const [whitepaper, checklist] = none.suggestions
    expect(whitepaper?.suggested).toEqual([
      'jobRole',
      'firstName',
      'lastName',
      'company',
      'industry',
      'companySize',
      'budget',
      'phone',
    ])
    expect(Object.keys(whitepaper?.reasons ?? {})).toEqual([
      'jobRole',
      'firstName',
      'lastName',
      'company',
    ])
    expect(checklist?.suggested).toEqual(['jobRole', 'company', 'industry', 'companySize'])
    const plain = parse({ ...fixture, fields: fixture.fields.map(({ askIf: _, ...f }) => f) })
    expect(
      valuePerFriction(plain, { forms: [] }, { deliveries: {} }).suggestions.map((s) => s.changed),
    ).toEqual([false, false])
    const withEmail = parse({
      ...fixture,
      forms: [{ id: 'whitepaper', sequence: ['firstName', 'email', 'company'], perVisit: 3 }],
    })
    const [suggestion] = valuePerFriction(
      withEmail,
      { forms: [] },
      { deliveries: { company: 9 } },
    ).suggestions
    expect(suggestion?.suggested).toEqual(['company', 'email', 'firstName'])
  })

  it('suggests a permutation of the sequence that keeps askIf dependencies', () => {
    const input = configArb().chain((generated) =>
      fc.record({
        config: fc.constant(generated),
        counts: fc.array(
          fc.record({
            fieldId: fc.constantFrom(...generated.fields.map((f) => f.id)),
            shown: fc.nat({ max: 50 }),
            lastTouched: fc.nat({ max: 50 }),
          }),
        ),
        deliveries: fc.dictionary(
          fc.constantFrom(...generated.fields.map((f) => f.id)),
          fc.nat({ max: 100 }),
        ),
      }),
    )
    fc.assert(
      fc.property(input, ({ config: generated, counts, deliveries }) => {
        const funnel = { forms: [{ formId: generated.forms[0]!.id, fields: counts }] }
        const first = valuePerFriction(generated, funnel, { deliveries })
        expect(valuePerFriction(generated, funnel, { deliveries })).toEqual(first)
        const emails = new Set(generated.fields.filter((f) => f.type === 'email').map((f) => f.id))
        for (const form of generated.forms) {
          const suggestion = first.suggestions.find((s) => s.formId === form.id)!
          expect([...suggestion.suggested].sort()).toEqual([...form.sequence].sort())
          form.sequence.forEach((id, index) => {
            if (emails.has(id)) expect(suggestion.suggested[index]).toBe(id)
          })
          const blockedByEmail = form.sequence.some((id) => emails.has(id))
          if (blockedByEmail) continue
          for (const field of generated.fields) {
            if (!field.askIf || !form.sequence.includes(field.id)) continue
            for (const dep of read(field.askIf)) {
              if (!form.sequence.includes(dep)) continue
              expect(suggestion.suggested.indexOf(dep)).toBeLessThan(
                suggestion.suggested.indexOf(field.id),
              )
            }
          }
        }
      }),
      { numRuns: 100 },
    )
  }, 60_000)
})
