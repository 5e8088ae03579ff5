import { describe, expect, it } from 'vitest'
import * as z from 'zod/mini'
import {
  conditionKinds,
  conditionSchema,
  configSchema,
  idPattern,
  reservedIds,
} from '../../src/config/configSchema'
import fixture from '../fixtures/b2b-whitepaper.json'

describe('configSchema', () => {
  it('accepts the B2B whitepaper fixture and fills in defaults', () => {
    const result = configSchema.safeParse(fixture)
    expect(result.success).toBe(true)
    expect(result.data?.forms[1]?.openGate).toBe(true)
    expect(result.data?.fields[0]?.required).toBe(true)
  })

  it('rejects an unknown property at its path (a typo is never ignored)', () => {
    const broken = structuredClone(fixture) as Record<string, unknown> & { forms: object[] }
    broken.forms[0] = { ...broken.forms[0], perVist: 2 }
    const result = configSchema.safeParse(broken)
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]).toMatchObject({
      code: 'unrecognized_keys',
      path: ['forms', 0],
      keys: ['perVist'],
    })
  })

  it('rejects the reserved ids constructor and prototype', () => {
    const broken = structuredClone(fixture)
    broken.fields[0]!.id = 'constructor'
    expect(configSchema.safeParse(broken).success).toBe(false)
  })

  it('generates a JSON Schema with recursive conditions', () => {
    const schema = z.toJSONSchema(configSchema, { io: 'input' }) as Record<string, unknown>
    expect(JSON.stringify(schema)).toContain('"$ref"')
  })

  it('never accepts a reserved name as an id', () => {
    for (const name of reservedIds) expect(idPattern.test(name)).toBe(false)
    expect(idPattern.test('constructorField')).toBe(true)
  })

  it('lists the condition kinds in the order of the condition branches', () => {
    const examples: Record<(typeof conditionKinds)[number], unknown> = {
      equals: { field: 'jobRole', equals: 'it' },
      in: { field: 'jobRole', in: ['it'] },
      known: { field: 'jobRole', known: true },
      consented: { consented: 'sales' },
      all: { all: [{ consented: 'sales' }] },
      any: { any: [{ consented: 'sales' }] },
      not: { not: { consented: 'sales' } },
    }
    const branches = (conditionSchema as unknown as { def: { options: z.ZodMiniType[] } }).def
      .options
    expect(branches).toHaveLength(conditionKinds.length)
    conditionKinds.forEach((kind, index) => {
      const accepting = branches.map((branch) => branch.safeParse(examples[kind]).success)
      expect(accepting.indexOf(true)).toBe(index)
    })
  })
})
