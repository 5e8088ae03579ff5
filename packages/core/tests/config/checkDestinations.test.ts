import { describe, expect, it } from 'vitest'
import { parseConfig } from '../../src/config/parseConfig'
import { expectWellFormed, fixtureWith, issuesOf, where } from '../configTestKit'

const webhook = { id: 'crm', type: 'webhook', purposes: ['delivery', 'sales'] }
const hubspot = {
  id: 'hubspot',
  type: 'hubspot',
  purposes: ['delivery', 'sales', 'newsletter'],
  portalId: '1234567',
  forms: { whitepaper: '0b5c7f9e-8a51-4a53-9c7f-3a1e2b9d4c11' },
  fields: { email: 'email', company: 'company' },
  subscriptions: { newsletter: 9876 },
  linkVisitorIdWith: 'sales',
}

/** Parses the fixture with these destinations; returns [path, code] of issues and warnings. */
function check(destinations: unknown) {
  const input = fixtureWith({ set: '/destinations', to: destinations })
  const result = parseConfig(input)
  expectWellFormed(input, result)
  return { issues: where(issuesOf(result)), warnings: where(result.warnings), result }
}

describe('parseConfig: destinations', () => {
  it('accepts the webhook and HubSpot destinations of the issue, events defaulting to all three', () => {
    const { issues, warnings, result } = check([
      { ...webhook, events: ['submission', 'consent', 'erasure'] },
      { ...hubspot, fields: { email: 'email', budget: 'budget' } },
    ])
    expect(issues).toEqual([])
    expect(warnings).toEqual([])
    expect(result.ok && result.config.destinations?.[1]?.events).toEqual([
      'submission',
      'consent',
      'erasure',
    ])
  })

  it('reports unknown purposes, forms and fields at their path, with did-you-mean', () => {
    const { result } = check([
      { ...webhook, purposes: ['delivry'] },
      {
        ...hubspot,
        forms: { whitepapr: 'guid' },
        fields: { email: 'email', compny: 'company' },
        subscriptions: { newsleter: 1 },
        linkVisitorIdWith: 'sale',
      },
    ])
    const issues = issuesOf(result)
    expect(issues.map((issue) => [issue.path, issue.code, issue.suggestion])).toEqual([
      ['/destinations/0/purposes/0', 'unknown-purpose', 'delivery'],
      ['/destinations/1/forms/whitepapr', 'unknown-form', 'whitepaper'],
      ['/destinations/1/fields/compny', 'unknown-field', 'company'],
      ['/destinations/1/subscriptions/newsleter', 'unknown-purpose', 'newsletter'],
      ['/destinations/1/linkVisitorIdWith', 'unknown-purpose', 'sales'],
    ])
  })

  it('requires consent purposes for subscriptions and linkVisitorIdWith, and says why', () => {
    const { result } = check([
      {
        ...hubspot,
        subscriptions: { delivery: 1 },
        linkVisitorIdWith: 'personalisation',
      },
    ])
    const issues = issuesOf(result)
    expect(where(issues)).toEqual([
      ['/destinations/0/subscriptions/delivery', 'not-a-consent-purpose'],
      ['/destinations/0/linkVisitorIdWith', 'not-a-consent-purpose'],
    ])
    expect(issues[0]?.message).toMatch(/subscription may only follow a consent/)
    expect(issues[1]?.message).toMatch(/linking the visitor's HubSpot cookie .* needs a consent/)
  })

  it('requires a subscription purpose to be one the destination serves', () => {
    const { issues } = check([{ ...hubspot, purposes: ['delivery', 'sales'] }])
    expect(issues).toEqual([['/destinations/0/subscriptions/newsletter', 'purpose-not-served']])
  })

  it('reports a duplicate destination id and colliding environment names at the second one', () => {
    const { result } = check([
      webhook,
      { ...webhook },
      { ...webhook, id: 'crm-eu' },
      { ...webhook, id: 'CRM_EU' },
    ])
    const issues = issuesOf(result)
    expect(where(issues)).toEqual([
      ['/destinations/1/id', 'duplicate-id'],
      ['/destinations/3/id', 'duplicate-env-name'],
    ])
    expect(issues[1]?.message).toContain('TRICKLE_DESTINATION_CRM_EU_URL')
  })

  it('reports a purpose or an event listed twice', () => {
    const { issues } = check([
      { ...webhook, purposes: ['delivery', 'delivery'], events: ['consent', 'consent'] },
    ])
    expect(issues).toEqual([
      ['/destinations/0/purposes/1', 'duplicate-reference'],
      ['/destinations/0/events/1', 'duplicate-reference'],
    ])
  })

  it('requires HubSpot to get an e-mail field, and warns about a mapped field it never gets', () => {
    const { issues } = check([{ ...hubspot, fields: { company: 'company' } }])
    expect(issues).toEqual([['/destinations/0/fields', 'missing-email-field']])
    const never = check([{ ...hubspot, purposes: ['delivery', 'newsletter'] }])
    expect(never.issues).toEqual([])
    expect(never.warnings).toEqual([['/destinations/0/fields/company', 'field-never-sent']])
  })

  it('does not report a missing e-mail when the mapped field is itself misspelt', () => {
    const { issues } = check([{ ...hubspot, fields: { emial: 'email' } }])
    expect(issues).toEqual([['/destinations/0/fields/emial', 'unknown-field']])
  })

  it('explains shape mistakes: the type, a typo in a key, a portal id, an id key', () => {
    const { result } = check([
      { ...webhook, type: 'webhok' },
      { ...webhook, id: 'b', evnts: ['consent'] },
      { ...hubspot, id: 'c', portalId: 'acme', forms: { 'white paper': 'guid' } },
      { ...hubspot, id: 'd', portalid: '1' },
      { id: 'e', purposes: ['delivery'] },
    ])
    const issues = issuesOf(result)
    expect(issues.map((issue) => [issue.path, issue.code, issue.suggestion])).toEqual([
      ['/destinations/0/type', 'invalid-value', 'webhook'],
      ['/destinations/1/evnts', 'unknown-property', 'events'],
      ['/destinations/2/portalId', 'invalid-value', undefined],
      ['/destinations/2/forms/white paper', 'invalid-id', undefined],
      ['/destinations/3/portalid', 'unknown-property', 'portalId'],
      ['/destinations/4', 'missing-property', undefined],
    ])
    expect(issues[2]?.message).toMatch(/digits only/)
    expect(issues[5]?.message).toMatch(/"type".*"webhook".*"hubspot"/)
  })

  it('refuses keys that would reach Object.prototype in the maps', () => {
    const forms = JSON.parse('{"__proto__": "guid", "constructor": "guid"}') as unknown
    const fields = JSON.parse('{"email": "email", "__proto__": "x"}') as unknown
    const subscriptions = JSON.parse('{"__proto__": 1}') as unknown
    const { issues } = check([{ ...hubspot, forms, fields, subscriptions }])
    expect(issues).toEqual([
      ['/destinations/0/forms/constructor', 'reserved-id'],
      ['/destinations/0/forms/__proto__', 'reserved-id'],
      ['/destinations/0/fields/__proto__', 'reserved-id'],
      ['/destinations/0/subscriptions/__proto__', 'reserved-id'],
    ])
  })
})
