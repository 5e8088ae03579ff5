import { describe, expect, it } from 'vitest'
import { applySubmission } from '../../src/profile/applySubmission'
import { configSchema } from '../../src/config/configSchema'
import { emptyProfile } from '../../src/profile/emptyProfile'
import { exportProfile, profileExportFormat } from '../../src/profile/exportProfile'
import { parseProfile } from '../../src/profile/parseProfile'
import type { Profile } from '../../src/types'
import { dayMs } from '../arbitraries'
import fixture from '../fixtures/b2b-whitepaper.json'

const config = configSchema.parse(fixture)
const visit1 = new Date('2024-03-04T09:00:00.000Z')
// Within the 30 days a double opt-in may wait for its confirmation: at the second visit the
// newsletter is still pending, not offered again.
const visit2 = new Date('2024-03-25T09:00:00.000Z')
const exportAt = new Date(visit2.getTime() + 400 * dayMs)

/** Two visits through the real functions: what an export must explain. */
function visitedProfile(): Profile {
  let profile = emptyProfile('v-42')
  const first = applySubmission(
    config,
    profile,
    {
      formId: 'whitepaper',
      values: { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', company: 'AE' },
      consents: { newsletter: true },
    },
    { now: visit1, locale: 'en' },
  )
  if (!first.ok) throw new Error(JSON.stringify(first.errors))
  profile = first.profile
  const second = applySubmission(
    config,
    profile,
    { formId: 'checklist', values: { email: 'ada@example.com', industry: 'it', jobRole: 'head' } },
    { now: visit2, locale: 'de' },
  )
  if (!second.ok) throw new Error(JSON.stringify(second.errors))
  return second.profile
}

describe('exportProfile', () => {
  it('names the format and the person, and says when it was made', () => {
    const data = exportProfile(config, visitedProfile(), { now: exportAt, locale: 'en' })
    expect(data).toMatchObject({
      format: profileExportFormat,
      formatVersion: 1,
      exportedAt: exportAt.toISOString(),
      locale: 'en',
      visitorId: 'v-42',
    })
  })

  it('explains each value: label, purposes with legal basis, when and where, stale or not', () => {
    const data = exportProfile(config, visitedProfile(), { now: exportAt, locale: 'en' })
    expect(data.fields.map((f) => f.id)).toEqual([
      'email',
      'firstName',
      'lastName',
      'company',
      'industry',
      'jobRole',
    ])
    expect(data.fields.find((f) => f.id === 'jobRole')).toEqual({
      id: 'jobRole',
      label: 'Position',
      value: 'head',
      purposes: [
        { id: 'personalisation', label: 'Content that fits you', basis: 'legitimate-interest' },
      ],
      collectedAt: visit2.toISOString(),
      formId: 'checklist',
      stale: true, // maxAgeDays 365, exported 400 days later
      declined: false,
    })
    expect(data.fields[0]).toMatchObject({
      label: 'Business e-mail',
      purposes: [{ id: 'delivery', label: 'Sending you the download', basis: 'contract' }],
      stale: false,
    })
  })

  it('uses the config’s first locale by default', () => {
    const data = exportProfile(config, visitedProfile(), { now: exportAt })
    expect(data.locale).toBe('de')
    expect(data.fields[0]?.label).toBe('Geschäftliche E-Mail')
  })

  it('lists the full consent history with labels, versions, locales and the text agreed to', () => {
    const data = exportProfile(config, visitedProfile(), { now: exportAt, locale: 'en' })
    const newsletter = fixture.purposes.find((p) => p.id === 'newsletter')!
    const sales = fixture.purposes.find((p) => p.id === 'sales')!
    expect(data.consentHistory).toEqual([
      expect.objectContaining({
        purposeId: 'newsletter',
        purposeLabel: 'Newsletter',
        decision: 'granted',
        version: 2,
        locale: 'en',
        formId: 'whitepaper',
        text: newsletter.text!.en,
      }),
      expect.objectContaining({
        purposeId: 'sales',
        purposeLabel: 'Contact by our sales team',
        decision: 'denied',
        version: 1,
        locale: 'en',
        text: sales.text!.en,
      }),
    ])
    expect(data.consentHistory[0]?.textHash).toMatch(/^[0-9a-f]{64}$/)
  })

  it('shows no text for a hash that is not the current text (the text changed since)', () => {
    const edited = configSchema.parse({
      ...fixture,
      purposes: fixture.purposes.map((p) =>
        p.id === 'sales' ? { ...p, version: 2, text: { de: 'Neu.', en: 'New.' } } : p,
      ),
    })
    const data = exportProfile(edited, visitedProfile(), { now: exportAt, locale: 'en' })
    const sales = data.consentHistory.find((e) => e.purposeId === 'sales')!
    expect(sales).not.toHaveProperty('text')
    expect(sales.version).toBe(1)
  })

  it('gives the current state of every purpose', () => {
    const data = exportProfile(config, visitedProfile(), { now: exportAt, locale: 'en' })
    expect(data.consentStates).toEqual([
      {
        purposeId: 'delivery',
        label: 'Sending you the download',
        basis: 'contract',
        state: 'not-required',
      },
      // Granted, never confirmed by the double opt-in mail, and 400 days later lapsed.
      { purposeId: 'newsletter', label: 'Newsletter', basis: 'consent', state: 'expired' },
      { purposeId: 'sales', label: 'Contact by our sales team', basis: 'consent', state: 'denied' },
      {
        purposeId: 'personalisation',
        label: 'Content that fits you',
        basis: 'legitimate-interest',
        state: 'not-required',
      },
    ])
  })

  it('leaves nothing out: a field the config no longer defines is exported too', () => {
    const profile = visitedProfile()
    profile.fields.fax = { value: '+49 30 999', collectedAt: visit1.toISOString(), formId: 'old' }
    const data = exportProfile(config, profile, { now: exportAt, locale: 'en' })
    expect(data.fields.at(-1)).toEqual({
      id: 'fax',
      label: 'fax',
      value: '+49 30 999',
      purposes: [],
      collectedAt: visit1.toISOString(),
      formId: 'old',
      stale: false,
      declined: false,
    })
  })

  it('carries the raw profile as JSON that can be imported again', () => {
    const profile = visitedProfile()
    const data = exportProfile(config, profile, { now: exportAt })
    const json = JSON.parse(JSON.stringify(data)) as typeof data
    expect(json).toEqual(data)
    expect(parseProfile(config, json.profile, { now: exportAt })).toEqual({ profile, dropped: [] })
    // A copy: changing the export does not change the profile.
    data.profile.fields.email!.value = 'changed'
    expect(profile.fields.email?.value).toBe('ada@example.com')
  })
})
