import { readFileSync } from 'node:fs'
import type { Config } from '@trickle/core'
import { sql } from 'drizzle-orm'
import { afterEach, expect, it, vi } from 'vitest'
import { createTrickleServer, type TrickleServer } from '../../src/createTrickleServer'
import { browser, origin } from '../support/browser'
import type { TestDatabaseKind } from '../support/databases'
import { startFakeHubspot, type FakeHubspot } from '../support/fakeHubspot'
import { adminToken, firstVisit, memoryMailer, parsed, testSecret } from '../support/fixtures'
import { describeDatabases, query } from '../support/testServer'
import type { TrickleDatabase } from '../../src/openDatabase'

const token = 'pat-eu1-integration-token'
const portalId = '1234567'
const guid = '5b1e0c9d-1111-4222-8333-444455556666'
const newsletterType = 9876
const hutk = '3f2a9c1e0b7d4e5f8a6b1c2d3e4f5a6b'

/** The B2B whitepaper config with one HubSpot destination; linking the cookie needs "sales". */
function configWithHubspot(): Config {
  const json = JSON.parse(
    readFileSync(
      new URL('../../../core/tests/fixtures/b2b-whitepaper.json', import.meta.url),
      'utf8',
    ),
  ) as Record<string, unknown>
  return parsed({
    ...json,
    destinations: [
      {
        id: 'hubspot',
        type: 'hubspot',
        purposes: ['delivery', 'personalisation', 'sales', 'newsletter'],
        portalId,
        forms: { whitepaper: guid },
        fields: { email: 'email', firstName: 'firstname', company: 'company', phone: 'phone' },
        subscriptions: { newsletter: newsletterType },
        linkVisitorIdWith: 'sales',
      },
    ],
  })
}

const textOf = (config: Config, purposeId: string): string => {
  const text = config.purposes.find((p) => p.id === purposeId)?.text
  return typeof text === 'string' ? text : (text?.en ?? '')
}

/** Enough for every retry below; asserts are on what arrived, never on how fast. */
const waitLong = { timeout: 60_000, interval: 25 }

describeDatabases('HubSpot delivery', (kind: TestDatabaseKind) => {
  const open: { server: TrickleServer; hubspot: FakeHubspot }[] = []
  afterEach(async () => {
    for (const h of open.splice(0)) {
      await h.server.close()
      await h.hubspot.close()
    }
  })

  const start = async () => {
    const hubspot = await startFakeHubspot({
      token,
      portalId,
      forms: {
        [guid]: { fields: ['email', 'firstname', 'company', 'phone'], required: ['email'] },
      },
      subscriptionTypes: [newsletterType],
    })
    const config = configWithHubspot()
    const database: TrickleDatabase = await kind.open()
    const logs: string[] = []
    const mailer = memoryMailer()
    const server = createTrickleServer({
      config,
      database,
      secret: testSecret,
      adminToken,
      mailer,
      rateLimit: false,
      log: (line) => logs.push(line),
      destinations: { hubspot: { url: hubspot.url, secret: token } },
      delivery: { retrySchedule: [20, 20, 20, 20, 20], pollIntervalMs: 25 },
    })
    open.push({ server, hubspot })
    return { server, hubspot, config, database, logs, mailer, browser: () => browser(server.app) }
  }

  it('sends each submission as a valid secure submit, links the cookie only with its consent, and a withdrawal unsubscribes', async () => {
    const h = await start()
    // HubSpot is briefly down: the first two attempts fail, the deliveries are retried.
    h.hubspot.failNext(2, 503)
    const ada = h.browser()
    const headers = {
      cookie: `hubspotutk=${hutk}`,
      referer: 'https://example.com/whitepaper?utm_source=mail#top',
    }
    const first = await ada.post(
      '/v1/submissions',
      { ...firstVisit('ada@example.com'), consents: { newsletter: true, sales: true } },
      headers,
    )
    expect(first.status).toBe(201)
    const grace = h.browser()
    const second = await grace.post('/v1/submissions', firstVisit('grace@example.com'), headers)
    expect(second.status).toBe(201)

    await vi.waitFor(() => expect(h.hubspot.submissions).toHaveLength(2), waitLong)
    expect(h.hubspot.requests.filter((r) => r.status === 503)).toHaveLength(2)
    const byEmail = (email: string) =>
      h.hubspot.submissions.find((s) => s.body.fields.some((f) => f.value === email))?.body
    const adas = byEmail('ada@example.com')
    expect(adas?.fields).toEqual([
      { objectTypeId: '0-1', name: 'email', value: 'ada@example.com' },
      { objectTypeId: '0-1', name: 'firstname', value: 'Ada' },
      { objectTypeId: '0-1', name: 'company', value: 'Analytical Engines Ltd' },
    ])
    // Ada granted "sales", the linking consent: her cookie goes along, the page without query.
    expect(adas?.context).toEqual({ hutk, pageUri: 'https://example.com/whitepaper' })
    expect(adas?.legalConsentOptions).toEqual({
      consent: {
        consentToProcess: true,
        text: textOf(h.config, 'sales'),
        // Double opt-in: not subscribed until confirmed.
        communications: [
          {
            value: false,
            subscriptionTypeId: newsletterType,
            text: textOf(h.config, 'newsletter'),
          },
        ],
      },
    })
    // Grace refused "sales": the same cookie is never linked to her.
    const graces = byEmail('grace@example.com')
    expect(graces?.context).toEqual({ pageUri: 'https://example.com/whitepaper' })
    expect(graces?.legalConsentOptions).toMatchObject({ consent: { consentToProcess: false } })

    const withdrawn = await ada.post('/v1/consents/newsletter/withdraw')
    expect(withdrawn.status).toBe(200)
    await vi.waitFor(
      () => expect(h.hubspot.status('ada@example.com', newsletterType)).toBe('NOT_SUBSCRIBED'),
      waitLong,
    )
    const unsubscribes = h.hubspot.requests.filter((r) => r.path.endsWith('/v3/unsubscribe'))
    expect(unsubscribes.every((r) => r.authorization === `Bearer ${token}`)).toBe(true)
    expect(unsubscribes.map((r) => r.body)).toContainEqual(
      expect.objectContaining({
        emailAddress: 'ada@example.com',
        subscriptionId: String(newsletterType),
      }),
    )
    // Grace refused the newsletter on the form: HubSpot records her refusal too.
    expect(h.hubspot.status('grace@example.com', newsletterType)).toBe('NOT_SUBSCRIBED')

    await vi.waitFor(async () => {
      const rows = await query<{ status: string; hutk: string | null }>(
        h.database,
        sql`select status, payload->>'hutk' as hutk from deliveries`,
      )
      expect(rows.length).toBeGreaterThan(0)
      expect(rows.filter((row) => row.status !== 'delivered')).toEqual([])
      // The cookie id leaves the outbox with the delivery.
      expect(rows.filter((row) => row.hutk !== null)).toEqual([])
    }, waitLong)
    for (const line of h.logs) {
      expect(line).not.toContain('ada@example.com')
      expect(line).not.toContain('grace@example.com')
    }
  }, 90_000)

  it('writes no delivery for a form the destination does not map to a HubSpot form', async () => {
    const h = await start()
    const ada = h.browser()
    const sent = await ada.post('/v1/submissions', {
      formId: 'checklist',
      idempotencyKey: crypto.randomUUID(),
      locale: 'en',
      values: { email: 'ada@example.com', company: 'Analytical Engines Ltd', industry: 'it' },
      consents: { newsletter: false },
    })
    expect(sent.status).toBe(201)
    // Only the refused newsletter, a consent change HubSpot hears of; no submission row that
    // could only ever end as an error in the admin list.
    const rows = await query<{ type: string }>(h.database, sql`select type from deliveries`)
    expect(rows.map((row) => row.type)).toEqual(['consent.changed'])
  }, 90_000)

  it('subscribes the contact in HubSpot once the double opt-in is confirmed', async () => {
    const h = await start()
    const ada = h.browser()
    const sent = await ada.post('/v1/submissions', {
      ...firstVisit('ada@example.com'),
      consents: { newsletter: true, sales: false },
    })
    expect(sent.status).toBe(201)
    await vi.waitFor(() => expect(h.hubspot.submissions).toHaveLength(1), waitLong)
    // Pending: the submission says "not subscribed", nothing subscribes yet.
    expect(h.hubspot.status('ada@example.com', newsletterType)).toBeNull()

    const link = h.mailer.sent.at(-1)?.confirmUrl ?? ''
    const confirmToken = new URL(link).searchParams.get('token') ?? ''
    const confirmed = await h.browser().request('/v1/doi/confirm', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      body: new URLSearchParams({ token: confirmToken }).toString(),
    })
    expect(confirmed.status).toBe(200)
    await vi.waitFor(
      () => expect(h.hubspot.status('ada@example.com', newsletterType)).toBe('SUBSCRIBED'),
      waitLong,
    )
    const subscribe = h.hubspot.requests.find((r) => r.path.endsWith('/v3/subscribe'))
    expect(subscribe?.body).toMatchObject({
      emailAddress: 'ada@example.com',
      subscriptionId: String(newsletterType),
      legalBasis: 'CONSENT_WITH_NOTICE',
    })
  }, 90_000)
})
