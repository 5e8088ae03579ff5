import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { configSchema } from '../../src/config/configSchema'
import { parseConfig } from '../../src/config/parseConfig'
import { deepFreeze, expectWellFormed, fixtureWith, issuesOf, where } from '../configTestKit'
import fixture from '../fixtures/b2b-whitepaper.json'

const fixtureText = JSON.stringify(fixture)

/** Parses and checks the invariants; returns the result for further assertions. */
function parseChecked(input: unknown) {
  const result = parseConfig(input)
  expectWellFormed(input, result)
  return result
}

/** `depth` levels of `wrap` around `leaf`, built without recursion. */
function nest(depth: number, leaf: unknown, wrap: (inner: unknown) => unknown): unknown {
  let value = leaf
  for (let i = 0; i < depth; i++) value = wrap(value)
  return value
}

describe('parseConfig never throws', () => {
  it('handles 10,000 levels of nesting anywhere, through JSON.parse too', () => {
    const deepText = `${'['.repeat(10_000)}${']'.repeat(10_000)}`
    const cases: [unknown, string][] = [
      [JSON.parse(deepText), ''],
      [nest(10_000, 1, (inner) => ({ a: inner })), ''],
      [
        fixtureWith({
          set: '/fields/7/askIf',
          to: nest(10_000, { consented: 'sales' }, (not) => ({ not })),
        }),
        '/fields/7/askIf',
      ],
      [
        fixtureWith({
          set: '/fields/7/askIf',
          to: nest(10_000, { consented: 'sales' }, (c) => ({ all: [c] })),
        }),
        '/fields/7/askIf',
      ],
      [
        fixtureWith({ set: '/fields/0/label', to: nest(10_000, 'x', (inner) => ({ en: inner })) }),
        '/fields/0/label',
      ],
    ]
    for (const [input, under] of cases) {
      const result = parseChecked(input)
      const deep = issuesOf(result).find((issue) => issue.code === 'too-deep')
      expect(deep?.path.startsWith(under)).toBe(true)
      expect(deep?.path.split('/').length).toBe(66)
    }
  })

  it('stays fast on conditions that would make a validator try every branch at every level', () => {
    // {"all": [c], "any": [c]} doubles the work per level for a naive union validator: 2^40.
    const explosive = nest(40, { consented: 'sales' }, (c) => ({ all: [c], any: [c] }))
    const result = parseChecked(fixtureWith({ set: '/fields/7/askIf', to: explosive }))
    expect(where(issuesOf(result))).toEqual([['/fields/7/askIf', 'invalid-condition']])
  })

  it('accepts a legitimately nested condition', () => {
    const nested = nest(20, { field: 'jobRole', in: ['head'] }, (c) => ({
      any: [{ not: c }, { field: 'company', known: true }],
    }))
    expect(issuesOf(parseChecked(fixtureWith({ set: '/fields/7/askIf', to: nested })))).toEqual([])
  })

  it('handles 5 MB strings as ids, keys, texts, patterns, locales and values', () => {
    const huge = 'x'.repeat(5_000_000)
    const input = fixtureWith(
      { set: '/$schema', to: huge },
      { set: '/locales/1', to: huge },
      { set: '/fields/0/id', to: huge },
      { set: '/fields/1/label', to: huge },
      { set: '/fields/2/label', to: { [huge]: 'x' } },
      { set: '/fields/3/pattern', to: huge },
      { set: '/fields/4/options/0/value', to: huge },
      { set: '/fields/7/askIf/in/0', to: huge },
      { set: `/forms/0/${huge}`, to: 1 },
      { push: '/forms/0/sequence', value: huge },
    )
    const short = (path: string): string => path.slice(0, 30)
    const result = parseChecked(input)
    expect(where(issuesOf(result)).map(([path, code]) => [short(path), code])).toEqual([
      ['/locales/1', 'invalid-locale'],
      ['/fields/0/id', 'invalid-id'],
      [short(`/fields/2/label/${huge}`), 'invalid-locale'],
      ['/fields/3/pattern', 'too-long'],
      ['/fields/4/options/0/value', 'too-long'],
      ['/fields/7/askIf/in/0', 'unknown-option'],
      ['/forms/0/sequence/8', 'invalid-id'],
      [short(`/forms/0/${huge}`), 'unknown-property'],
      // The field once called "email" has a malformed id now: nothing else is called "email".
      ['/forms/0/always/0', 'unknown-field'],
      ['/forms/1/always/0', 'unknown-field'],
    ])
    for (const issue of issuesOf(result)) expect(issue.message.length).toBeLessThan(400)
  })

  it('treats __proto__ keys from JSON.parse as the unknown properties they are', () => {
    const input: unknown = JSON.parse(
      fixtureText
        .replace('"version":1', '"__proto__":{"version":1},"version":1')
        .replace('"id":"whitepaper"', '"id":"whitepaper","__proto__":{"perVisit":20}')
        .replace('"label":{"de":"Vorname"', '"label":{"__proto__":"x","de":"Vorname"'),
    )
    const result = parseChecked(input)
    expect(where(issuesOf(result))).toEqual([
      ['/fields/1/label/__proto__', 'invalid-locale'],
      ['/forms/0/__proto__', 'unknown-property'],
      ['/__proto__', 'unknown-property'],
    ])
    expect(({} as Record<string, unknown>).version).toBeUndefined()
  })

  it('rejects __proto__, constructor and prototype as ids without touching prototypes', () => {
    const input: unknown = JSON.parse(
      fixtureText
        .replace('"id":"phone"', '"id":"__proto__"')
        .replace('"budget","phone"', '"budget","__proto__"')
        .replace('"id":"checklist"', '"id":"prototype"'),
    )
    expect(where(issuesOf(parseChecked(input)))).toEqual([
      ['/fields/8/id', 'reserved-id'],
      ['/forms/0/sequence/7', 'reserved-id'],
      ['/forms/1/id', 'reserved-id'],
    ])
  })

  it('accepts ids that are names of Object.prototype members', () => {
    const input = fixtureWith(
      { set: '/fields/8/id', to: 'toString' },
      { set: '/forms/0/sequence/7', to: 'toString' },
      { set: '/purposes/3/id', to: 'hasOwnProperty' },
      ...[1, 2, 3, 4, 5, 6].map((i) => ({
        set: `/fields/${i}/purposes/0`,
        to: 'hasOwnProperty',
      })),
    )
    expect(issuesOf(parseChecked(input))).toEqual([])
  })

  it('reads frozen configs without writing to them', () => {
    expect(parseChecked(deepFreeze(fixtureWith())).ok).toBe(true)
    const broken = deepFreeze(fixtureWith({ set: '/forms/0/perVist', to: 2 }))
    expect(where(issuesOf(parseChecked(broken)))).toEqual([
      ['/forms/0/perVist', 'unknown-property'],
    ])
  })

  it('reports circular structures instead of looping', () => {
    const input = fixtureWith() as { forms: Record<string, unknown>[] }
    const form = input.forms[0]!
    form.self = form
    expect(where(issuesOf(parseChecked(input)))).toEqual([
      ['/forms/0/self', 'not-json'],
      ['/forms/0/self', 'unknown-property'],
    ])
  })

  it('returns issues for values no JSON parser produces', () => {
    const values: unknown[] = [
      undefined,
      () => 1,
      Symbol('config'),
      10n,
      Number.NaN,
      new Date(0),
      new Map([['version', 1]]),
      Object.create(null),
    ]
    for (const value of values) {
      const result = parseConfig(value)
      expect(result.ok).toBe(false)
      expect(issuesOf(result).length).toBeGreaterThan(0)
    }
    const trap = { ...fixture }
    Object.defineProperty(trap, 'forms', {
      enumerable: true,
      get() {
        throw new Error('no forms today')
      },
    })
    expect(where(issuesOf(parseConfig(trap)))).toEqual([['', 'unreadable']])
  })
})

/** JSON values shaped like configs, so random inputs reach past the first type check. */
const configish = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(null, true, 0, 1, 3, 21, -1, 2.5, '', 'en', 'de', 'x', 'consent', 'select'),
    fc.constantFrom('email', 'jobRole', 'sales', 'newsletter', 'budget', 'whitepaper'),
    fc.string({ maxLength: 6 }),
    fc.integer(),
    fc.array(tie('value'), { maxLength: 4 }),
    fc
      .array(
        fc.tuple(
          fc.oneof(
            fc.constantFrom(
              ...Object.keys(fixture),
              ...Object.keys(fixture.fields[7]!),
              ...Object.keys(fixture.forms[0]!),
              ...Object.keys(fixture.purposes[1]!),
              'not',
              'all',
              'any',
              'field',
              'in',
              'equals',
              'known',
              'consented',
              '__proto__',
              'constructor',
              'prototype',
            ),
            fc.string({ maxLength: 6 }),
          ),
          tie('value'),
        ),
        { maxLength: 6 },
      )
      .map((entries) => {
        const object: Record<string, unknown> = {}
        for (const [key, value] of entries) {
          Object.defineProperty(object, key, {
            value,
            enumerable: true,
            writable: true,
            configurable: true,
          })
        }
        return object
      }),
  ),
})).value

describe('parseConfig: property-based', () => {
  it('returns well-formed results for 10,000 arbitrary JSON values', { timeout: 120_000 }, () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), configish), (value) => {
        const input: unknown = JSON.parse(JSON.stringify(value) ?? 'null')
        parseChecked(input)
      }),
      { numRuns: 10_000 },
    )
  })

  const interesting = fc.constantFrom<unknown>(
    'email',
    'jobRole',
    'jobRol',
    'sales',
    'delivery',
    'newsletter',
    'c-level',
    '__proto__',
    'constructor',
    '',
    'x'.repeat(300),
    -1,
    0,
    2.5,
    21,
    '3',
    true,
    null,
    {},
    [],
    { en: '' },
    { fr: 'x' },
    { not: { field: 'budget', known: true } },
    { field: 'jobRole', equals: 'x', in: ['y'] },
    { all: [{ consented: 'delivery' }], any: [] },
    { field: 'phone', known: true },
  )
  const mutation = fc.record({
    op: fc.constantFrom('delete', 'replace', 'insert', 'duplicate'),
    at: fc.nat(),
    key: fc.oneof(
      fc.constantFrom(
        '__proto__',
        'constructor',
        'prototype',
        'perVist',
        'askIf',
        'id',
        'fr',
        'not',
      ),
      fc.string({ maxLength: 8 }),
    ),
    value: fc.oneof(interesting, fc.jsonValue({ maxDepth: 2 })),
  })

  type Container = Record<string, unknown> | unknown[]
  const isContainer = (value: unknown): value is Container =>
    typeof value === 'object' && value !== null

  /** Every [container, key] slot of the document, in document order. */
  function slots(document: unknown): [Container, string | number][] {
    const found: [Container, string | number][] = []
    const stack: unknown[] = [document]
    while (stack.length > 0) {
      const node = stack.pop()
      if (!isContainer(node)) continue
      const keys = Array.isArray(node) ? node.map((_, i) => i) : Object.keys(node)
      for (const key of keys) {
        found.push([node, key])
        stack.push((node as Record<string | number, unknown>)[key])
      }
    }
    return found
  }

  type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never

  function mutate(mutations: Mutation[]): unknown {
    const document: unknown = JSON.parse(fixtureText)
    for (const { op, at, key, value: shared } of mutations) {
      // constantFrom hands out the same object every time: copy it, or inserts make cycles.
      const value: unknown = structuredClone(shared)
      const all = slots(document)
      const slot = all[at % all.length]
      if (slot === undefined) continue
      const [container, slotKey] = slot
      const current = (container as Record<string | number, unknown>)[slotKey]
      if (Array.isArray(container) && typeof slotKey === 'number') {
        if (op === 'delete') container.splice(slotKey, 1)
        else if (op === 'replace') container[slotKey] = value
        else if (op === 'duplicate') container.push(structuredClone(current))
        else container.splice(at % (container.length + 1), 0, value)
      } else if (!Array.isArray(container)) {
        const target =
          op === 'insert' && isContainer(current) && !Array.isArray(current) ? current : container
        if (op === 'delete') Reflect.deleteProperty(container, slotKey)
        else if (op === 'replace') container[slotKey] = value
        else
          Object.defineProperty(target, op === 'duplicate' ? `${slotKey}2` : key, {
            value: op === 'duplicate' ? structuredClone(current) : value,
            enumerable: true,
            writable: true,
            configurable: true,
          })
      }
    }
    // Through JSON text, so the input is exactly what JSON.parse gives (own __proto__ keys).
    return deepFreeze(JSON.parse(JSON.stringify(document)))
  }

  it(
    'keeps every issue inside the input for 10,000 random mutations of the fixture',
    {
      timeout: 120_000,
    },
    () => {
      let valid = 0
      fc.assert(
        fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
          const input = mutate(mutations)
          const result = parseChecked(input)
          if (result.ok) {
            valid += 1
            expect(configSchema.safeParse(input).success).toBe(true)
          }
        }),
        { numRuns: 10_000 },
      )
      // The mutations must not all be fatal, or the meaning checks would go untested.
      expect(valid).toBeGreaterThan(100)
    },
  )
})
