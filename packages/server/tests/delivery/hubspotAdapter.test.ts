import { readFileSync } from 'node:fs'
import type { Config, HubspotDestination } from '@trickle/core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type {
  DeliveredConsent,
  DeliveryContext,
  DeliveryEvent,
} from '../../src/delivery/destinationAdapter'
import { hubspotAdapter } from '../../src/delivery/hubspotAdapter'
import { startFakeHubspot, type FakeHubspot } from '../support/fakeHubspot'
import { parsed } from '../support/fixtures'

const token = 'pat-eu1-test-token'
const portalId = '1234567'
const whitepaperGuid = '7f1c2e4a-0000-4000-8000-00000000abcd'
const newsletterType = 9876
const updatesType = 4321
const email = 'ada@example.com'

const updatesText = 'Yes, tell me about product updates by e-mail.'
const newsletterText = 'Yes, I want to receive the monthly newsletter (v2).'
const salesText = 'Yes, sales may contact me about my project.'

/** The b2b config, plus a non-double-opt-in subscription and a linking purpose. */
function hubspotConfig(destination: Partial<Record<string, unknown>> = {}): Config {
  const json = JSON.parse(
    readFileSync(
      new URL('../../../core/tests/fixtures/b2b-whitepaper.json', import.meta.url),
      'utf8',
    ),
  ) as { purposes: unknown[]; destinations?: unknown[] }
  json.purposes.push(
    {
      id: 'updates',
      basis: 'consent',
      label: { en: 'Product updates', de: 'Produktneuigkeiten' },
      text: { en: updatesText, de: 'Ja, informiert mich über Neuigkeiten.' },
    },
    {
      id: 'crm-linking',
      basis: 'consent',
      label: { en: 'Link my visits', de: 'Besuche verknüpfen' },
      text: { en: 'Link my visits to my contact.', de: 'Besuche mit meinem Kontakt verknüpfen.' },
    },
  )
  json.destinations = [
    {
      id: 'hubspot',
      type: 'hubspot',
      purposes: ['delivery', 'personalisation', 'sales', 'newsletter', 'updates'],
      portalId,
      forms: { whitepaper: whitepaperGuid },
      fields: { email: 'email', firstName: 'firstname', company: 'company', phone: 'phone' },
      subscriptions: { newsletter: newsletterType, updates: updatesType },
      linkVisitorIdWith: 'crm-linking',
      ...destination,
    },
  ]
  return parsed(json)
}

function destinationOf(config: Config): HubspotDestination {
  const destination = config.destinations?.[0]
  if (destination?.type !== 'hubspot') throw new Error('no hubspot destination')
  return destination
}

const now = new Date('2026-12-01T10:00:00.000Z')
const at = '2026-12-01T09:59:00.000Z'

function consent(
  purposeId: string,
  decision: DeliveredConsent['decision'],
  extra: Partial<DeliveredConsent> = {},
): DeliveredConsent {
  const version = purposeId === 'newsletter' ? 2 : 1
  const text =
    purposeId === 'newsletter' ? newsletterText : purposeId === 'updates' ? updatesText : salesText
  return { purposeId, decision, version, at, locale: 'en', text, ...extra }
}

function submission(
  fields: DeliveryEvent['data']['fields'],
  consents: DeliveredConsent[] = [],
  formId = 'whitepaper',
): DeliveryEvent {
  return {
    id: crypto.randomUUID(),
    type: 'submission.created',
    timestamp: at,
    data: { visitorId: 'visitor-1', formId, fields, consents },
  }
}

function consentChange(
  fields: DeliveryEvent['data']['fields'],
  consents: DeliveredConsent[],
): DeliveryEvent {
  return {
    id: crypto.randomUUID(),
    type: 'consent.changed',
    timestamp: at,
    data: { visitorId: 'visitor-1', fields, consents },
  }
}

const signal = () => new AbortController().signal

describe('hubspotAdapter against a fake HubSpot', () => {
  let hubspot: FakeHubspot
  let config: Config

  beforeAll(async () => {
    hubspot = await startFakeHubspot({
      token,
      portalId,
      forms: {
        [whitepaperGuid]: {
          fields: ['email', 'firstname', 'company', 'phone'],
          required: ['email'],
        },
      },
      subscriptionTypes: [newsletterType, updatesType],
    })
    config = hubspotConfig()
  })
  afterAll(async () => {
    await hubspot.close()
  })
  beforeEach(() => {
    hubspot.requests.length = 0
    hubspot.submissions.length = 0
  })

  const adapter = (overrides: { config?: Config; secret?: string } = {}) => {
    const used = overrides.config ?? config
    return hubspotAdapter({
      config: used,
      destination: destinationOf(used),
      url: hubspot.url,
      secret: overrides.secret ?? token,
      now: () => now,
    })
  }

  it('sends a submission as a secure submit to the mapped form, with only the mapped fields present', async () => {
    const context: DeliveryContext = {
      pageUri: 'https://example.com/whitepaper',
      pageName: 'Whitepaper',
    }
    const outcome = await adapter().deliver(
      submission({ email, firstName: 'Ada', jobRole: 'it', company: 'Engines Ltd' }),
      context,
      signal(),
    )
    expect(outcome).toEqual({ ok: true })
    expect(hubspot.requests).toHaveLength(1)
    const [request] = hubspot.requests
    expect(request?.path).toBe(
      `/submissions/v3/integration/secure/submit/${portalId}/${whitepaperGuid}`,
    )
    expect(request?.authorization).toBe(`Bearer ${token}`)
    expect(request?.status).toBe(200)
    const [sent] = hubspot.submissions
    expect(sent?.body.fields).toEqual([
      { objectTypeId: '0-1', name: 'email', value: email },
      { objectTypeId: '0-1', name: 'firstname', value: 'Ada' },
      { objectTypeId: '0-1', name: 'company', value: 'Engines Ltd' },
    ])
    expect(sent?.body.submittedAt).toBe(String(Date.parse(at)))
    expect(sent?.body.context).toEqual({
      pageUri: 'https://example.com/whitepaper',
      pageName: 'Whitepaper',
    })
    // No consent was decided in this submission and every field rests on contract or
    // legitimate interest: nothing is claimed as consent.
    expect(sent?.body.legalConsentOptions).toBeUndefined()
  })

  it('sends the hubspotutk cookie only when the context carries it (the linking consent is usable)', async () => {
    await adapter().deliver(submission({ email }), { hutk: 'abc123hutk' }, signal())
    await adapter().deliver(submission({ email }), {}, signal())
    expect(hubspot.submissions[0]?.body.context?.hutk).toBe('abc123hutk')
    expect(hubspot.submissions[1]?.body.context?.hutk).toBeUndefined()
    // A destination without linkVisitorIdWith never links, whatever the context says.
    const unlinked = hubspotConfig({ linkVisitorIdWith: undefined })
    await adapter({ config: unlinked }).deliver(
      submission({ email }),
      { hutk: 'abc123hutk' },
      signal(),
    )
    expect(hubspot.submissions[2]?.body.context?.hutk).toBeUndefined()
  })

  it('sends the consent texts actually shown and one communication per mapped subscription decided', async () => {
    const shownNewsletter = 'Newsletter text exactly as shown in German, version 2.'
    const outcome = await adapter().deliver(
      submission({ email, phone: '+49 30 1234' }, [
        consent('sales', 'granted'),
        consent('newsletter', 'granted', { text: shownNewsletter, locale: 'de' }),
        consent('updates', 'granted'),
      ]),
      {},
      signal(),
    )
    expect(outcome).toEqual({ ok: true })
    expect(hubspot.submissions[0]?.body.legalConsentOptions).toEqual({
      consent: {
        consentToProcess: true,
        text: salesText,
        communications: [
          // Double opt-in not confirmed yet: not a usable consent, so not subscribed.
          { value: false, subscriptionTypeId: newsletterType, text: shownNewsletter },
          { value: true, subscriptionTypeId: updatesType, text: updatesText },
        ],
      },
    })
    expect(hubspot.status(email, updatesType)).toBe('SUBSCRIBED')
    expect(hubspot.status(email, newsletterType)).toBeNull()
  })

  it('reports a denied or outdated subscription as not given, and a denied processing consent as false', async () => {
    await adapter().deliver(
      submission({ email }, [
        consent('sales', 'denied'),
        consent('updates', 'granted', { version: 0 }),
        consent('newsletter', 'denied'),
      ]),
      {},
      signal(),
    )
    expect(hubspot.submissions[0]?.body.legalConsentOptions).toEqual({
      consent: {
        consentToProcess: false,
        text: salesText,
        communications: [
          { value: false, subscriptionTypeId: newsletterType, text: newsletterText },
          { value: false, subscriptionTypeId: updatesType, text: updatesText },
        ],
      },
    })
  })

  it('does not call HubSpot for a form without a GUID, and says why without retrying', async () => {
    const outcome = await adapter().deliver(submission({ email }, [], 'checklist'), {}, signal())
    expect(hubspot.requests).toHaveLength(0)
    expect(outcome).toMatchObject({ ok: false, retry: false })
    expect(outcome.ok ? '' : outcome.error).toContain('"checklist"')
  })

  it('retries on 429 and 5xx, gives up on other 4xx, and never puts a submitted value in the error', async () => {
    hubspot.failNext(1, 503)
    expect(await adapter().deliver(submission({ email }), {}, signal())).toMatchObject({
      ok: false,
      retry: true,
      status: 503,
    })
    hubspot.failNext(1, 429)
    expect(await adapter().deliver(submission({ email }), {}, signal())).toMatchObject({
      ok: false,
      retry: true,
      status: 429,
    })
    const bad = await adapter().deliver(submission({ email: 'not-an-address' }), {}, signal())
    expect(bad).toMatchObject({ ok: false, retry: false, status: 400 })
    expect(bad.ok ? '' : bad.error).toContain('INVALID_EMAIL')
    expect(bad.ok ? '' : bad.error).not.toContain('not-an-address')

    const unknownForm = hubspotConfig({ forms: { whitepaper: 'no-such-guid' } })
    const missing = await adapter({ config: unknownForm }).deliver(
      submission({ email }),
      {},
      signal(),
    )
    expect(missing).toMatchObject({ ok: false, retry: false, status: 404 })
  })

  it('switches the destination off when HubSpot refuses the token', async () => {
    const outcome = await adapter({ secret: 'pat-wrong' }).deliver(
      submission({ email }),
      {},
      signal(),
    )
    expect(outcome).toMatchObject({ ok: false, status: 401, disable: true })
    expect(outcome.ok ? '' : outcome.error).toContain('INVALID_AUTHENTICATION')
  })

  it('retries a network failure', async () => {
    const down = hubspotAdapter({
      config,
      destination: destinationOf(config),
      url: 'http://127.0.0.1:9',
      secret: token,
    })
    expect(await down.deliver(submission({ email }), {}, signal())).toMatchObject({
      ok: false,
      retry: true,
    })
  })

  it('unsubscribes on a withdrawal or denial of a mapped subscription, idempotently', async () => {
    await adapter().deliver(submission({ email }, [consent('updates', 'granted')]), {}, signal())
    expect(hubspot.status(email, updatesType)).toBe('SUBSCRIBED')
    hubspot.requests.length = 0

    const withdrawal = consentChange({ email }, [consent('updates', 'withdrawn')])
    expect(await adapter().deliver(withdrawal, {}, signal())).toEqual({ ok: true })
    expect(hubspot.requests.map((r) => [r.path, r.body])).toEqual([
      [
        '/communication-preferences/v3/unsubscribe',
        expect.objectContaining({ emailAddress: email, subscriptionId: String(updatesType) }),
      ],
    ])
    expect(hubspot.requests[0]?.authorization).toBe(`Bearer ${token}`)
    expect(hubspot.status(email, updatesType)).toBe('NOT_SUBSCRIBED')
    // The same event again (at least once): HubSpot says "already unsubscribed", that is done.
    expect(await adapter().deliver(withdrawal, {}, signal())).toEqual({ ok: true })

    const denial = consentChange({ email }, [consent('newsletter', 'denied')])
    expect(await adapter().deliver(denial, {}, signal())).toEqual({ ok: true })
    expect(hubspot.status(email, newsletterType)).toBe('NOT_SUBSCRIBED')
  })

  it('subscribes when a double opt-in is confirmed', async () => {
    const other = 'grace@example.com'
    const confirmed = consentChange({ email: other }, [
      consent('newsletter', 'granted'),
      consent('newsletter', 'confirmed'),
    ])
    expect(await adapter().deliver(confirmed, {}, signal())).toEqual({ ok: true })
    expect(hubspot.requests.at(-1)?.path).toBe('/communication-preferences/v3/subscribe')
    expect(hubspot.requests.at(-1)?.body).toMatchObject({
      emailAddress: other,
      subscriptionId: String(newsletterType),
      legalBasis: 'CONSENT_WITH_NOTICE',
    })
    expect(hubspot.status(other, newsletterType)).toBe('SUBSCRIBED')
  })

  it('does nothing for consent changes HubSpot does not track', async () => {
    const outcome = await adapter().deliver(
      consentChange({ email }, [consent('sales', 'withdrawn')]),
      {},
      signal(),
    )
    expect(outcome).toEqual({ ok: true })
    expect(hubspot.requests).toHaveLength(0)
  })

  it('cannot unsubscribe without an e-mail address it may pass on, and says so without retrying', async () => {
    const outcome = await adapter().deliver(
      consentChange({}, [consent('updates', 'withdrawn')]),
      {},
      signal(),
    )
    expect(hubspot.requests).toHaveLength(0)
    expect(outcome).toMatchObject({ ok: false, retry: false })
    expect(outcome.ok ? '' : outcome.error).toMatch(/by hand/)
  })

  it('keeps HubSpot error messages (they can echo the address) out of the error', async () => {
    const unknownType = hubspotConfig({ subscriptions: { updates: 1111 } })
    const outcome = await adapter({ config: unknownType }).deliver(
      consentChange({ email }, [consent('updates', 'withdrawn')]),
      {},
      signal(),
    )
    expect(outcome).toMatchObject({ ok: false, retry: false, status: 400 })
    expect(outcome.ok ? '' : outcome.error).toContain('VALIDATION_ERROR')
    expect(outcome.ok ? '' : outcome.error).not.toContain(email)
  })

  it('subscribes on a plain grant when the destination does not take submissions', async () => {
    const consentOnly = hubspotConfig({ events: ['consent'] })
    const other = 'hedy@example.com'
    await adapter({ config: consentOnly }).deliver(
      consentChange({ email: other }, [consent('updates', 'granted')]),
      {},
      signal(),
    )
    expect(hubspot.status(other, updatesType)).toBe('SUBSCRIBED')
    // With submissions, the grant travels with its submission (communications) instead.
    hubspot.requests.length = 0
    await adapter().deliver(
      consentChange({ email: 'joan@example.com' }, [consent('updates', 'granted')]),
      {},
      signal(),
    )
    expect(hubspot.requests).toHaveLength(0)
  })

  it('has nothing to erase in HubSpot when none of the erased fields was mapped', async () => {
    const outcome = await adapter().deliver(
      {
        id: crypto.randomUUID(),
        type: 'profile.erased',
        timestamp: at,
        data: { visitorId: 'visitor-1', fields: {}, consents: [], erasedFieldIds: ['jobRole'] },
      },
      {},
      signal(),
    )
    expect(outcome).toEqual({ ok: true })
  })

  it('asks for an erasure in HubSpot by hand, naming the HubSpot properties, with no call', async () => {
    const outcome = await adapter().deliver(
      {
        id: crypto.randomUUID(),
        type: 'profile.erased',
        timestamp: at,
        data: {
          visitorId: 'visitor-1',
          fields: {},
          consents: [],
          erasedFieldIds: ['company', 'phone', 'jobRole'],
        },
      },
      {},
      signal(),
    )
    expect(hubspot.requests).toHaveLength(0)
    expect(outcome).toMatchObject({ ok: false, retry: false })
    const error = outcome.ok ? '' : outcome.error
    expect(error).toMatch(/by hand/)
    expect(error).toContain('company')
    expect(error).toContain('phone')
    expect(error).not.toContain('jobRole')
  })
})

describe('hubspotAdapter hosts', () => {
  it("uses HubSpot's two hosts by default, and one configured base URL for both", async () => {
    const config = hubspotConfig()
    const urls: string[] = []
    const fetchSpy: typeof fetch = async (input) => {
      urls.push(String(input))
      return new Response('{}', { status: 200 })
    }
    const events = [
      submission({ email }),
      consentChange({ email }, [consent('updates', 'withdrawn')]),
    ]
    for (const url of [undefined, 'https://hubspot-proxy.example.com/base/']) {
      const a = hubspotAdapter({
        config,
        destination: destinationOf(config),
        url,
        secret: token,
        fetch: fetchSpy,
      })
      for (const event of events) expect(await a.deliver(event, {}, signal())).toEqual({ ok: true })
    }
    expect(urls).toEqual([
      `https://api.hsforms.com/submissions/v3/integration/secure/submit/${portalId}/${whitepaperGuid}`,
      'https://api.hubapi.com/communication-preferences/v3/unsubscribe',
      `https://hubspot-proxy.example.com/base/submissions/v3/integration/secure/submit/${portalId}/${whitepaperGuid}`,
      'https://hubspot-proxy.example.com/base/communication-preferences/v3/unsubscribe',
    ])
  })

  it('refuses a destination without a token or with a URL that is not http(s)', () => {
    const config = hubspotConfig()
    const destination = destinationOf(config)
    expect(() => hubspotAdapter({ config, destination, url: undefined, secret: '' })).toThrow(
      /token/,
    )
    expect(() =>
      hubspotAdapter({ config, destination, url: 'ftp://example.com', secret: token }),
    ).toThrow(/http/)
  })
})
