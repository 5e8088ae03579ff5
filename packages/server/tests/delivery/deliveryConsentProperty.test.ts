import fc from 'fast-check'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, expect, it, vi } from 'vitest'
import type { Config } from '@trickle/core'
import { createTrickleServer, type TrickleServer } from '../../src/createTrickleServer'
import type { TrickleDatabase } from '../../src/openDatabase'
import { browser, type Browser } from '../support/browser'
import { memoryMailer, parsed, testSecret } from '../support/fixtures'
import { describeDatabases, query } from '../support/testServer'
import { startReceiver, webhookSecret, type Receiver } from './webhookReceiver'

/**
 * The legal core of the hand-off, as a property: over random consent histories (grant, deny,
 * withdraw, double opt-in pending and confirmed, expiry, a version bump), a destination never
 * receives the value of a field unless one of the field's purposes that it serves is usable.
 * The oracle is a small model of the consent rules written here, not the core's functions.
 */

const consentText = (what: string) => ({ en: `Yes, use my data for ${what}.` })

function propertyConfig(): Config {
  return parsed({
    version: 1,
    locales: ['en'],
    purposes: [
      { id: 'delivery', basis: 'contract', label: 'Send the download' },
      {
        id: 'newsletter',
        basis: 'consent',
        label: 'Newsletter',
        text: consentText('the newsletter'),
        doubleOptIn: true,
        refreshAfterDays: 30,
      },
      {
        id: 'sales',
        basis: 'consent',
        label: 'Sales',
        text: consentText('sales calls'),
        refreshAfterDays: 60,
      },
    ],
    fields: [
      { id: 'email', type: 'email', label: 'E-mail', purposes: ['delivery'] },
      { id: 'topics', type: 'text', label: 'Topics', purposes: ['newsletter'], required: false },
      { id: 'phone', type: 'tel', label: 'Phone', purposes: ['sales'], required: false },
      {
        id: 'company',
        type: 'text',
        label: 'Company',
        purposes: ['sales', 'newsletter'],
        required: false,
      },
    ],
    forms: [
      {
        id: 'f',
        always: ['email'],
        sequence: ['topics', 'phone', 'company'],
        perVisit: 3,
        offerConsents: ['newsletter', 'sales'],
      },
    ],
    destinations: [
      { id: 'crm', type: 'webhook', purposes: ['delivery', 'sales'] },
      { id: 'news', type: 'webhook', purposes: ['newsletter'] },
    ],
  })
}

type Usable = 'yes' | 'no' | 'maybe'
interface Model {
  newsletter: Usable
  /** A double opt-in grant of the current version waits for its confirmation. */
  pending: boolean
  sales: Usable
}

const fieldPurposes: Record<string, string[]> = {
  email: ['delivery'],
  topics: ['newsletter'],
  phone: ['sales'],
  company: ['sales', 'newsletter'],
}
const served: Record<string, string[]> = { crm: ['delivery', 'sales'], news: ['newsletter'] }

/** Whether `fieldId` may certainly NOT reach `destination` under the model. */
function forbidden(model: Model, destination: string, fieldId: string): boolean {
  const purposes = (fieldPurposes[fieldId] ?? []).filter((p) => served[destination]?.includes(p))
  if (purposes.length === 0) return true
  return purposes.every((p) => p !== 'delivery' && model[p as 'newsletter' | 'sales'] === 'no')
}

type Action =
  | { kind: 'visit'; newsletter: boolean; sales: boolean; optional: boolean }
  | { kind: 'withdraw'; purpose: 'newsletter' | 'sales' }
  | { kind: 'confirm' }
  | { kind: 'expire' }
  | { kind: 'bump' }

const action: fc.Arbitrary<Action> = fc.oneof(
  {
    arbitrary: fc.record({
      kind: fc.constant('visit' as const),
      newsletter: fc.boolean(),
      sales: fc.boolean(),
      optional: fc.boolean(),
    }),
    weight: 4,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('withdraw' as const),
      purpose: fc.constantFrom('newsletter' as const, 'sales' as const),
    }),
    weight: 2,
  },
  { arbitrary: fc.constant({ kind: 'confirm' as const }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'expire' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'bump' as const }), weight: 1 },
)

const dayMs = 24 * 60 * 60 * 1000

describeDatabases('delivery within consent (property)', (kind) => {
  const config = propertyConfig()
  const secrets = { crm: webhookSecret(), news: webhookSecret() }
  const mailer = memoryMailer()
  let offset = 0
  let database: TrickleDatabase
  let server: TrickleServer
  let receivers: Record<'crm' | 'news', Receiver>
  beforeAll(async () => {
    receivers = { crm: await startReceiver(secrets.crm), news: await startReceiver(secrets.news) }
    database = await kind.open()
    server = createTrickleServer({
      config,
      database,
      secret: testSecret,
      mailer,
      rateLimit: false,
      log: () => undefined,
      now: () => new Date(Date.now() + offset),
      destinations: {
        crm: { url: receivers.crm.url, secret: secrets.crm },
        news: { url: receivers.news.url, secret: secrets.news },
      },
      delivery: { retrySchedule: [20, 20, 20], pollIntervalMs: 25 },
    })
  })
  afterAll(async () => {
    await server?.close()
    await receivers?.crm.close()
    await receivers?.news.close()
  })

  /** Until the outbox holds nothing pending (every receiver answers 200). */
  const settle = () =>
    vi.waitFor(
      async () => {
        const rows = await query<{ n: number }>(
          database,
          sql`select count(*)::int as n from deliveries where status = 'pending'`,
        )
        expect(rows[0]?.n).toBe(0)
      },
      { timeout: 60_000, interval: 20 },
    )

  async function perform(b: Browser, step: Action, model: Model, email: string): Promise<void> {
    switch (step.kind) {
      case 'visit': {
        const { plan } = (await (await b.get('/v1/plan?form=f')).json()) as {
          plan: { fields: { id: string }[]; consents: { purposeId: string }[] }
        }
        const values: Record<string, string> = {}
        for (const { id } of plan.fields) {
          if (id === 'email') values[id] = email
          else if (step.optional) values[id] = id === 'phone' ? '+4930123456' : `${id} value`
        }
        const consents: Record<string, boolean> = {}
        for (const { purposeId } of plan.consents) {
          consents[purposeId] = step[purposeId as 'newsletter' | 'sales']
        }
        const response = await b.post('/v1/submissions', {
          formId: 'f',
          idempotencyKey: crypto.randomUUID(),
          locale: 'en',
          values,
          consents,
        })
        if (response.status !== 201) {
          // Nothing stored (e.g. the plan changed with the consents given): the model stays.
          expect([409, 422]).toContain(response.status)
          return
        }
        for (const [purposeId, granted] of Object.entries(consents)) {
          if (purposeId === 'sales') model.sales = granted ? 'yes' : 'no'
          if (purposeId === 'newsletter') {
            model.newsletter = 'no'
            model.pending = granted
          }
        }
        return
      }
      case 'withdraw': {
        const response = await b.post(`/v1/consents/${step.purpose}/withdraw`)
        expect([200, 404]).toContain(response.status)
        if (response.status === 200) {
          model[step.purpose] = 'no'
          if (step.purpose === 'newsletter') model.pending = false
        }
        return
      }
      case 'confirm': {
        const mail = mailer.sent.findLast((m) => m.to === email)
        if (!mail) return
        const token = new URL(mail.confirmUrl).searchParams.get('token') ?? ''
        const response = await b.request('/v1/doi/confirm', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ token }).toString(),
        })
        if (response.status === 200 && model.pending) {
          model.newsletter = 'yes'
          model.pending = false
        } else if (response.status === 200 && model.newsletter !== 'yes') {
          model.newsletter = 'maybe'
        }
        return
      }
      case 'expire':
        // Past both refresh periods and the confirmation window: nothing consented is usable.
        offset += 100 * dayMs
        model.newsletter = 'no'
        model.sales = 'no'
        model.pending = false
        return
      case 'bump': {
        // A new generation of the newsletter consent: earlier ones no longer cover it.
        const purpose = config.purposes.find((p) => p.id === 'newsletter')
        if (purpose?.basis === 'consent') {
          purpose.version += 1
          purpose.requireVersion = purpose.version
        }
        model.newsletter = 'no'
        model.pending = false
        return
      }
    }
  }

  it('never delivers a value outside what the person allowed for that destination', async () => {
    let run = 0
    await fc.assert(
      fc.asyncProperty(fc.array(action, { minLength: 1, maxLength: 8 }), async (steps) => {
        const b = browser(server.app)
        const email = `p${run++}-${crypto.randomUUID().slice(0, 8)}@example.com`
        const model: Model = { newsletter: 'no', pending: false, sales: 'no' }
        for (const step of steps) {
          const seen = { crm: receivers.crm.requests.length, news: receivers.news.requests.length }
          await perform(b, step, model, email)
          await settle()
          for (const destination of ['crm', 'news'] as const) {
            for (const request of receivers[destination].requests.slice(seen[destination])) {
              expect(request.verified).toBe(true)
              for (const fieldId of Object.keys(request.event.data.fields)) {
                expect(
                  forbidden(model, destination, fieldId),
                  `${destination} received ${fieldId} after ${JSON.stringify(steps)}`,
                ).toBe(false)
              }
            }
          }
        }
      }),
      {
        numRuns: 12,
        seed: 15,
        // One history that surely reaches the allowed cases: granted, confirmed, then asked.
        examples: [
          [
            [
              { kind: 'visit', newsletter: true, sales: true, optional: true },
              { kind: 'confirm' },
              { kind: 'visit', newsletter: true, sales: true, optional: true },
              { kind: 'bump' },
              { kind: 'visit', newsletter: true, sales: true, optional: true },
              { kind: 'withdraw', purpose: 'sales' },
            ],
          ],
        ],
      },
    )
    // The histories did reach the allowed cases too (not only refusals): values went out.
    const got = (r: Receiver) =>
      new Set(r.requests.flatMap((q) => Object.keys(q.event.data.fields)))
    expect(got(receivers.crm)).toContain('phone')
    expect(got(receivers.news)).toContain('topics')
  }, 600_000)
})
