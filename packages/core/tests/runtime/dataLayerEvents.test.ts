// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest'
import { configSchema } from '../../src/config/configSchema'
import { createTrickle } from '../../src/runtime/createTrickle'
import { dataLayerEvents, type DataLayerEntry } from '../../src/runtime/dataLayerEvents'
import fixture from '../fixtures/b2b-whitepaper.json'

const consentPurpose = (id: string) => ({
  id,
  basis: 'consent',
  label: id,
  text: { de: `Ja, ${id}.`, en: `Yes, ${id}.` },
})
const config = configSchema.parse({
  ...fixture,
  purposes: [...fixture.purposes, consentPurpose('analytics'), consentPurpose('profiling')],
  forms: [
    { ...fixture.forms[0], offerConsents: ['newsletter', 'sales', 'analytics', 'profiling'] },
    fixture.forms[1],
  ],
})
const now = () => new Date('2025-06-01T12:00:00.000Z')
const values = { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', company: 'ACME' }

function setup(linkPurpose?: string) {
  const dataLayer: DataLayerEntry[] = []
  const options =
    linkPurpose === undefined
      ? { purpose: 'analytics', dataLayer }
      : { purpose: 'analytics', linkPurpose, dataLayer }
  const trickle = createTrickle({ config, now, onEvent: dataLayerEvents(options) })
  return { trickle, dataLayer }
}

afterEach(() => {
  delete (window as { dataLayer?: unknown }).dataLayer
})

describe('dataLayerEvents', () => {
  it('pushes nothing until the analytics purpose is granted', async () => {
    const { trickle, dataLayer } = setup()
    trickle.markShown(trickle.plan('whitepaper'))
    await trickle.submit('whitepaper', { values, consents: { analytics: false } })
    expect(dataLayer).toEqual([])
  })

  it('pushes events once analytics is granted, without a visitor id or any field value', async () => {
    const { trickle, dataLayer } = setup('profiling')
    await trickle.submit('whitepaper', { values, consents: { analytics: true, profiling: false } })
    trickle.markShown(trickle.plan('whitepaper'))
    trickle.unlock('whitepaper', { href: '/paper.pdf?token=secret', oneClick: true })
    expect(dataLayer.map((entry) => entry.event)).toEqual([
      'trickle.submitted',
      'trickle.consent-changed',
      'trickle.consent-changed',
      'trickle.consent-changed',
      'trickle.consent-changed',
      'trickle.plan-shown',
      'trickle.field-shown',
      'trickle.field-shown',
      'trickle.field-shown',
      'trickle.field-shown',
      'trickle.download-unlocked',
    ])
    expect(dataLayer[0]).toEqual({
      event: 'trickle.submitted',
      formId: 'whitepaper',
      fieldIds: ['email', 'firstName', 'lastName', 'company'],
    })
    expect(dataLayer.at(-1)).toEqual({
      event: 'trickle.download-unlocked',
      formId: 'whitepaper',
      oneClick: true,
    })
    const text = JSON.stringify(dataLayer)
    for (const secret of [
      ...Object.values(values),
      'token=secret',
      trickle.getState().profile.visitorId,
    ]) {
      expect(text).not.toContain(secret)
    }
  })

  it('adds the visitor id only while the linking purpose is granted', async () => {
    const { trickle, dataLayer } = setup('profiling')
    await trickle.submit('whitepaper', { values, consents: { analytics: true, profiling: true } })
    const visitorId = trickle.getState().profile.visitorId
    expect(dataLayer.length).toBeGreaterThan(0)
    expect(dataLayer.every((entry) => entry['visitorId'] === visitorId)).toBe(true)
    trickle.withdraw('profiling')
    dataLayer.length = 0
    trickle.unlock('whitepaper')
    expect(dataLayer).toEqual([
      { event: 'trickle.download-unlocked', formId: 'whitepaper', oneClick: false },
    ])
  })

  it('stops pushing as soon as analytics is withdrawn', async () => {
    const { trickle, dataLayer } = setup()
    await trickle.submit('whitepaper', { values, consents: { analytics: true } })
    dataLayer.length = 0
    trickle.withdraw('analytics')
    trickle.unlock('whitepaper')
    expect(dataLayer).toEqual([])
  })

  it('pushes to window.dataLayer by default, creating it when missing', async () => {
    const trickle = createTrickle({
      config,
      now,
      onEvent: dataLayerEvents({ purpose: 'analytics' }),
    })
    await trickle.submit('whitepaper', { values, consents: { analytics: true } })
    const layer = (window as { dataLayer?: DataLayerEntry[] }).dataLayer
    expect(layer?.[0]?.event).toBe('trickle.submitted')
  })

  it('treats a purpose that needs no consent as allowed, but never links through one', () => {
    const handler = dataLayerEvents({ purpose: 'personalisation', dataLayer: [] })
    const state = createTrickle({ config, now }).getState()
    const layer: DataLayerEntry[] = []
    dataLayerEvents({ purpose: 'personalisation', dataLayer: layer })(
      { type: 'storage-recovered', dropped: ['x', 'y'] },
      { config, state, now: now() },
    )
    expect(layer).toEqual([{ event: 'trickle.storage-recovered', droppedCount: 2 }])
    expect(() =>
      dataLayerEvents({ purpose: 'analytics', linkPurpose: 'personalisation' })(
        { type: 'storage-recovered', dropped: [] },
        { config, state, now: now() },
      ),
    ).toThrow(
      /linkPurpose "personalisation" has basis "legitimate-interest".*set its basis to "consent"/,
    )
    expect(() =>
      handler(
        { type: 'storage-recovered', dropped: [] },
        { config: { ...config, purposes: [] }, state, now: now() },
      ),
    ).toThrow(/purpose "personalisation" is not in the config/)
  })
})
