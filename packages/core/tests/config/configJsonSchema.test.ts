import Ajv2020 from 'ajv/dist/2020'
import { describe, expect, it } from 'vitest'
import type * as z from 'zod/mini'
import { configJsonSchema } from '../../src/config/configJsonSchema'
import { configSchema, fieldSchema, formSchema, purposeSchema } from '../../src/config/configSchema'
import { fixtureWith } from '../configTestKit'
import fixture from '../fixtures/b2b-whitepaper.json'

type Node = Record<string, unknown>
const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

/** Every entry of every `properties` map in the schema, with where it is. */
function allProperties(schema: unknown): [string, Node][] {
  const found: [string, Node][] = []
  const stack: [string, unknown][] = [['#', schema]]
  while (stack.length > 0) {
    const [where, node] = stack.pop()!
    if (Array.isArray(node)) {
      node.forEach((item, i) => stack.push([`${where}/${i}`, item]))
      continue
    }
    if (!isNode(node)) continue
    for (const [key, child] of Object.entries(node)) {
      if (key === 'properties' && isNode(child)) {
        for (const [name, property] of Object.entries(child)) {
          if (isNode(property)) found.push([`${where}/${name}`, property])
        }
      }
      stack.push([`${where}/${key}`, child])
    }
  }
  return found
}

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true })
const validate = ajv.compile(configJsonSchema)

describe('configJsonSchema', () => {
  it('describes every property, everywhere (editors show it on hover)', () => {
    const properties = allProperties(configJsonSchema)
    expect(properties.length).toBeGreaterThan(40)
    const undescribed = properties.filter(([, node]) => typeof node.description !== 'string')
    expect(undescribed.map(([where]) => where)).toEqual([])
  })

  it('shows the default of every property that has one in the zod schema', () => {
    const objects: [z.ZodMiniObject, Node][] = [
      [configSchema, configJsonSchema as Node],
      [
        purposeSchema,
        (configJsonSchema as Node & { properties: { purposes: { items: Node } } }).properties
          .purposes.items,
      ],
      [
        fieldSchema,
        (configJsonSchema as Node & { properties: { fields: { items: Node } } }).properties.fields
          .items,
      ],
      [
        formSchema,
        (configJsonSchema as Node & { properties: { forms: { items: Node } } }).properties.forms
          .items,
      ],
    ]
    const defaults: Record<string, unknown> = {}
    for (const [schema, json] of objects) {
      for (const [key, property] of Object.entries(schema.def.shape)) {
        const def = (property as z.ZodMiniType)._zod.def as { type: string; defaultValue?: unknown }
        if (def.type !== 'default') continue
        const shown = (json.properties as Record<string, Node>)[key]?.default
        expect(shown).toEqual(def.defaultValue)
        defaults[key] = shown
      }
    }
    expect(defaults).toEqual({
      locales: ['en'],
      version: 1,
      doubleOptIn: false,
      required: true,
      sensitive: false,
      always: [],
      sequence: [],
      perVisit: 3,
      offerConsents: [],
      openGate: true,
    })
  })

  it('lets a real JSON Schema validator (ajv, draft 2020-12) accept the fixture', () => {
    expect(validate(fixture)).toBe(true)
    expect(validate.errors ?? []).toEqual([])
  })

  it('makes the validator reject broken configs at the same spot parseConfig reports', () => {
    expect(validate(fixtureWith({ set: '/forms/0/perVist', to: 2 }))).toBe(false)
    expect(validate.errors).toContainEqual(
      expect.objectContaining({
        instancePath: '/forms/0',
        keyword: 'additionalProperties',
        params: { additionalProperty: 'perVist' },
      }),
    )
    expect(validate(fixtureWith({ set: '/forms/1/perVisit', to: 21 }))).toBe(false)
    expect(validate.errors?.[0]).toMatchObject({
      instancePath: '/forms/1/perVisit',
      keyword: 'maximum',
    })
    expect(validate(fixtureWith({ set: '/fields/2/id', to: 'constructor' }))).toBe(false)
    expect(validate.errors?.[0]).toMatchObject({ instancePath: '/fields/2/id', keyword: 'pattern' })
    expect(
      validate(fixtureWith({ set: '/fields/7/askIf', to: { field: 'jobRole', equal: 'x' } })),
    ).toBe(false)
    expect(validate(fixtureWith({ remove: '/version' }))).toBe(false)
  })

  it('lets editors check destinations: both kinds, their keys, ids as map keys', () => {
    const hubspot = {
      id: 'hubspot',
      type: 'hubspot',
      purposes: ['delivery', 'newsletter'],
      portalId: '1234567',
      forms: { whitepaper: '0b5c7f9e-8a51-4a53-9c7f-3a1e2b9d4c11' },
      fields: { email: 'email' },
      subscriptions: { newsletter: 9876 },
      linkVisitorIdWith: 'sales',
    }
    const webhook = { id: 'crm', type: 'webhook', purposes: ['delivery'] }
    expect(validate(fixtureWith({ set: '/destinations', to: [webhook, hubspot] }))).toBe(true)
    const broken = [
      { ...webhook, portalId: '1' },
      { ...webhook, type: 'webhok' },
      { ...hubspot, portalId: 'acme' },
      { ...hubspot, forms: { 'white paper': 'guid' } },
      { ...hubspot, subscriptions: { newsletter: 0 } },
      { ...webhook, events: [] },
    ]
    for (const destination of broken) {
      expect(validate(fixtureWith({ set: '/destinations', to: [destination] }))).toBe(false)
    }
  })

  it('accepts a $schema property pointing at itself', () => {
    const input = fixtureWith({
      set: '/$schema',
      to: './node_modules/@trickle/core/dist/schema.json',
    })
    expect(validate(input)).toBe(true)
  })
})
