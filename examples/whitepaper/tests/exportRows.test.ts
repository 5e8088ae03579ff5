import { applySubmission, assertConfig, emptyProfile, exportProfile } from '@trickle/core'
import { describe, expect, test } from 'vitest'
import { exportView } from '../src/exportRows'
import rawConfig from '../src/trickle.config.json'

const config = assertConfig(rawConfig)
const words = { yes: 'yes', no: 'no' }
const now = new Date('2025-05-01T10:00:00Z')

function profileWith(values: Record<string, unknown>) {
  const profile = emptyProfile('visitor-1')
  const result = applySubmission(
    config,
    profile,
    { formId: 'whitepaper', values, consents: { newsletter: false, sales: true } },
    { now, locale: 'en' },
  )
  if (!result.ok) throw new Error(JSON.stringify(result.errors))
  return result.profile
}

describe('exportView', () => {
  const profile = profileWith({
    email: 'ada@example.com',
    firstName: 'Ada',
    lastName: 'Lindqvist',
    company: 'Lindqvist Metallbau',
  })

  test('lists every known answer with its purposes and legal basis', () => {
    const view = exportView(
      config,
      exportProfile(config, profile, { now, locale: 'en' }),
      'en',
      words,
    )
    expect(view.rows.map((row) => [row.label, row.answer])).toEqual([
      ['Business e-mail', 'ada@example.com'],
      ['First name', 'Ada'],
      ['Last name', 'Lindqvist'],
      ['Company', 'Lindqvist Metallbau'],
    ])
    expect(view.rows[0]?.purposes).toEqual([
      { label: 'Sending you the download', basis: 'contract' },
    ])
    expect(view.history.map((event) => [event.purposeLabel, event.decision])).toEqual([
      ['Newsletter', 'denied'],
      ['Contact by our sales team', 'granted'],
    ])
  })

  test('shows option labels, not codes, in the visitor’s language', () => {
    const data = {
      fields: [
        {
          id: 'jobRole',
          label: 'Position',
          value: 'head',
          purposes: [],
          collectedAt: now.toISOString(),
          formId: 'whitepaper',
        },
      ],
    }
    expect(exportView(config, data, 'de', words).rows[0]?.answer).toBe('Bereichsleitung')
    expect(exportView(config, data, 'en', words).rows[0]?.answer).toBe('Head of department')
  })

  test('leaves out what does not have the shape of an export (server data is outside data)', () => {
    const view = exportView(
      config,
      {
        fields: [
          null,
          { id: 'email', label: 'E-mail' },
          { id: 'company', label: 'Company', value: { $gt: '' }, collectedAt: now.toISOString() },
        ],
        consentHistory: [{ purposeLabel: 'Sales', decision: 'granted' }, 'granted'],
      },
      'en',
      words,
    )
    expect(view.rows).toEqual([
      {
        fieldId: 'company',
        label: 'Company',
        answer: undefined,
        purposes: [],
        collectedAt: now.toISOString(),
        stale: false,
        declined: false,
      },
    ])
    expect(view.history).toEqual([])
    expect(exportView(config, 'not json', 'en', words)).toEqual({ rows: [], history: [] })
  })
})
