import { sql } from 'drizzle-orm'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { createTrickleServer, type TrickleServer } from '../../src/createTrickleServer'
import type { TrickleDatabase } from '../../src/openDatabase'
import { browser } from '../support/browser'
import type { TestDatabaseKind } from '../support/databases'
import { adminToken, firstVisit, memoryMailer, testSecret } from '../support/fixtures'
import { configWithWebhooks, groupById } from './deliveryFixtures'
import { describeDatabases, query } from '../support/testServer'
import { startReceiver, webhookSecret, type Receiver } from './webhookReceiver'

/** Fields whose only purpose is personalisation: the CRM (delivery, sales) never gets them. */
const personalisationOnly = [
  'firstName',
  'lastName',
  'company',
  'industry',
  'companySize',
  'jobRole',
]

/** Enough for every retry below; asserts are on what arrived, never on how fast. */
const waitLong = { timeout: 60_000, interval: 25 }

interface Harness {
  server: TrickleServer
  database: TrickleDatabase
  crm: Receiver
  news: Receiver
  logs: string[]
  mailer: ReturnType<typeof memoryMailer>
  browser(): ReturnType<typeof browser>
}

function harness(kind: TestDatabaseKind) {
  const open: Harness[] = []
  afterEach(async () => {
    for (const h of open.splice(0)) {
      await h.server.close()
      await h.crm.close()
      await h.news.close()
    }
  })
  return async (
    answers: {
      crm?: (attempt: number, id: string) => number
      news?: (attempt: number) => number
    } = {},
    retrySchedule: number[] = [20, 20, 20, 20, 20],
    pollIntervalMs = 25,
  ): Promise<Harness> => {
    const secrets = { crm: webhookSecret(), news: webhookSecret() }
    const crm = await startReceiver(secrets.crm, answers.crm)
    const news = await startReceiver(secrets.news, answers.news)
    const database = await kind.open()
    const logs: string[] = []
    const mailer = memoryMailer()
    const server = createTrickleServer({
      config: configWithWebhooks(),
      database,
      secret: testSecret,
      adminToken,
      mailer,
      rateLimit: false,
      log: (line) => logs.push(line),
      destinations: {
        crm: { url: crm.url, secret: secrets.crm },
        news: { url: news.url, secret: secrets.news },
      },
      delivery: { retrySchedule, pollIntervalMs },
    })
    const h = { server, database, crm, news, logs, mailer, browser: () => browser(server.app) }
    open.push(h)
    return h
  }
}

describeDatabases('webhook delivery', (kind) => {
  const start = harness(kind)

  it('delivers every acknowledged submission despite 500s, with one event id per event, signed, and only allowed fields', async () => {
    // The first two attempts of every event fail.
    const h = await start({ crm: (attempt) => (attempt <= 2 ? 500 : 200) })
    const visitors: string[] = []
    for (let i = 0; i < 6; i++) {
      const b = h.browser()
      const response = await b.post('/v1/submissions', firstVisit(`lead${i}@example.com`))
      expect(response.status).toBe(201)
      visitors.push((b.cookie ?? '').split('.')[0] ?? '')
    }
    await vi.waitFor(() => {
      const done = h.crm.acknowledged().filter((r) => r.event.type === 'submission.created')
      expect(done.length).toBe(6)
    }, waitLong)
    const created = h.crm.requests.filter((r) => r.event.type === 'submission.created')
    const byId = groupById(created)
    expect(byId.size).toBe(6)
    for (const [, attempts] of byId) {
      // Two 500s, then the 200: the same event id on every attempt, one acknowledgement.
      expect(attempts.map((a) => a.status)).toEqual([500, 500, 200])
    }
    expect(h.crm.requests.every((r) => r.verified)).toBe(true)
    expect(h.news.requests.every((r) => r.verified)).toBe(true)
    const received = new Set(created.map((r) => r.event.data.visitorId))
    expect([...received].sort()).toEqual([...visitors].sort())
    for (const request of created) {
      expect(request.event.data.formId).toBe('whitepaper')
      expect(Object.keys(request.event.data.fields)).toEqual(['email'])
      for (const id of personalisationOnly) expect(request.body).not.toContain(`"${id}"`)
    }
    // The newsletter tool serves personalisation: names and company, never the e-mail.
    await vi.waitFor(() => {
      expect(
        h.news.acknowledged().filter((r) => r.event.type === 'submission.created'),
      ).toHaveLength(6)
    }, waitLong)
    for (const request of h.news.acknowledged()) {
      expect(Object.keys(request.event.data.fields).sort()).toEqual([
        'company',
        'firstName',
        'lastName',
      ])
    }
    // The refused consents travel in the submission.created of each destination serving them,
    // with no separate consent.changed: every decision arrives once.
    expect(h.crm.acknowledged().some((r) => r.event.type === 'consent.changed')).toBe(false)
    expect(h.news.acknowledged().some((r) => r.event.type === 'consent.changed')).toBe(false)
    for (const request of h.crm.acknowledged()) {
      expect(request.event.data.consents.map((e) => [e.purposeId, e.decision])).toEqual([
        ['sales', 'denied'],
      ])
      expect(request.event.data.consents[0]?.text).toBeTypeOf('string')
    }
    for (const request of h.news.acknowledged()) {
      expect(request.event.data.consents.map((e) => e.purposeId)).toEqual(['newsletter'])
    }
    // The worker records a delivery once the receiver's answer is in, a moment after it.
    await vi.waitFor(async () => {
      const rows = await query<{ status: string; n: number }>(
        h.database,
        sql`select status, count(*)::int as n from deliveries group by status`,
      )
      expect(rows).toEqual([{ status: 'delivered', n: 12 }])
    }, waitLong)
  })

  it('a withdrawal sends consent.changed and profile.erased with the erased field ids to every destination that had them; a full erasure reaches every destination', async () => {
    const h = await start()
    const b = h.browser()
    const visit = (values: Record<string, string>, consents: Record<string, boolean> = {}) =>
      b.post('/v1/submissions', {
        formId: 'whitepaper',
        idempotencyKey: crypto.randomUUID(),
        locale: 'en',
        values,
        consents,
      })
    expect(
      (
        await visit(
          { email: 'grace@example.com', firstName: 'Grace', lastName: 'Hopper', company: 'Navy' },
          { newsletter: false, sales: true },
        )
      ).status,
    ).toBe(201)
    expect(
      (
        await visit({
          email: 'grace@example.com',
          jobRole: 'head',
          industry: 'it',
          companySize: '50-249',
        })
      ).status,
    ).toBe(201)
    expect(
      (await visit({ email: 'grace@example.com', budget: '>50k', phone: '+4930123456' })).status,
    ).toBe(201)
    const settled = async () =>
      vi.waitFor(async () => {
        const rows = await query<{ n: number }>(
          h.database,
          sql`select count(*)::int as n from deliveries where status <> 'delivered'`,
        )
        expect(rows[0]?.n).toBe(0)
      }, waitLong)
    await settled()
    const crmFields = new Set(h.crm.acknowledged().flatMap((r) => Object.keys(r.event.data.fields)))
    expect([...crmFields].sort()).toEqual(['budget', 'email', 'phone'])

    const withdrawn = await b.post('/v1/consents/sales/withdraw')
    expect(withdrawn.status).toBe(200)
    expect(((await withdrawn.json()) as { erased: string[] }).erased.sort()).toEqual([
      'budget',
      'phone',
    ])
    await vi.waitFor(() => {
      expect(h.crm.acknowledged().filter((r) => r.event.type === 'profile.erased')).toHaveLength(1)
    }, waitLong)
    await settled()
    const changed = h.crm.acknowledged().filter((r) => r.event.type === 'consent.changed')
    expect(changed.at(-1)?.event.data.consents.map((e) => [e.purposeId, e.decision])).toEqual([
      ['sales', 'withdrawn'],
    ])
    const erased = h.crm.acknowledged().find((r) => r.event.type === 'profile.erased')
    expect(erased?.event.data.erasedFieldIds).toEqual(['budget', 'phone'])
    expect(erased?.event.data.fields).toEqual({})
    // The newsletter tool never had budget or phone, and does not serve sales: nothing for it.
    expect(
      h.news.requests.filter(
        (r) => r.event.type !== 'submission.created' && r.event.type !== 'consent.changed',
      ),
    ).toEqual([])
    expect(
      h.news.requests.some((r) => r.event.data.consents.some((e) => e.purposeId === 'sales')),
    ).toBe(false)

    // The whole profile: every destination that received something hears of it.
    expect((await b.delete('/v1/me')).status).toBe(200)
    await vi.waitFor(() => {
      expect(h.crm.acknowledged().filter((r) => r.event.type === 'profile.erased')).toHaveLength(2)
      expect(h.news.acknowledged().filter((r) => r.event.type === 'profile.erased')).toHaveLength(1)
    }, waitLong)
    const all = h.crm.acknowledged().filter((r) => r.event.type === 'profile.erased')[1]
    expect(all?.event.data.erasedFieldIds).toEqual(['budget', 'email', 'phone'])
    const news = h.news.acknowledged().find((r) => r.event.type === 'profile.erased')
    expect(news?.event.data.erasedFieldIds).toEqual([
      'company',
      'companySize',
      'firstName',
      'industry',
      'jobRole',
      'lastName',
    ])
    // The same event id for both destinations of one erasure.
    expect(news?.id).toBe(all?.id)
  }, 120_000)

  it('a double opt-in confirmation is a consent change for the destinations serving its purpose', async () => {
    const h = await start()
    const b = h.browser()
    const visit = firstVisit()
    const response = await b.post('/v1/submissions', {
      ...visit,
      consents: { newsletter: true, sales: false },
    })
    expect(response.status).toBe(201)
    const link = h.mailer.sent.at(-1)?.confirmUrl ?? ''
    const token = new URL(link).searchParams.get('token') ?? ''
    const confirmed = await b.request('/v1/doi/confirm', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token }).toString(),
    })
    expect(confirmed.status).toBe(200)
    await vi.waitFor(() => {
      // The grant travels in the submission, the confirmation as a consent change.
      const decisions = h.news
        .acknowledged()
        .map(
          (r) =>
            `${r.event.type} ${r.event.data.consents.map((e) => `${e.purposeId}:${e.decision}`).join()}`,
        )
      expect(decisions.sort()).toEqual([
        'consent.changed newsletter:confirmed',
        'submission.created newsletter:granted',
      ])
    }, waitLong)
    // The CRM does not serve the newsletter: it heard only of its own purpose (sales).
    expect(
      h.crm.requests.some((r) => r.event.data.consents.some((e) => e.purposeId === 'newsletter')),
    ).toBe(false)
  }, 120_000)

  it('starts delivering right after the commit, not on the next poll', async () => {
    // A poll an hour away: only the kick after the commit can deliver within the test.
    const h = await start({}, [20], 60 * 60_000)
    expect((await h.browser().post('/v1/submissions', firstVisit())).status).toBe(201)
    await vi.waitFor(() => {
      expect(
        h.crm
          .acknowledged()
          .map((r) => r.event.type)
          .sort(),
      ).toEqual(['submission.created'])
    }, waitLong)
  }, 120_000)

  it('close() releases the claims of attempts in flight: the rows wait, uncounted, for the next start', async () => {
    const database = await kind.open()
    let called = 0
    // Takes the event and never answers, until the attempt is aborted.
    const hanging = {
      deliver: (_event: unknown, _context: unknown, signal: AbortSignal) => {
        called++
        return new Promise<{ ok: false; error: string; retry: boolean }>((resolve) =>
          signal.addEventListener('abort', () =>
            resolve({ ok: false, error: 'aborted', retry: true }),
          ),
        )
      },
    }
    const server = createTrickleServer({
      config: configWithWebhooks(),
      // Closing the server must leave this database open, to look at the rows afterwards.
      database: { ...database, close: async () => undefined },
      secret: testSecret,
      rateLimit: false,
      log: () => undefined,
      destinations: { crm: { adapter: hanging }, news: { adapter: hanging } },
      delivery: { pollIntervalMs: 25, attemptTimeoutMs: 60 * 60_000 },
    })
    try {
      expect((await browser(server.app).post('/v1/submissions', firstVisit())).status).toBe(201)
      // One submission.created per destination (its refused consents travel in it).
      await vi.waitFor(() => expect(called).toBe(2), waitLong)
      await server.close()
      const rows = await query<{ status: string; attempts: number; locked_until: Date | null }>(
        database,
        sql`select status, attempts, locked_until from deliveries`,
      )
      expect(rows).toHaveLength(2)
      for (const row of rows) {
        expect(row).toEqual({ status: 'pending', attempts: 0, locked_until: null })
      }
    } finally {
      await server.close()
      await database.close()
    }
  }, 120_000)

  it('a 410 disables the destination: its deliveries wait, nothing is dropped', async () => {
    const h = await start({ crm: () => 410 })
    expect((await h.browser().post('/v1/submissions', firstVisit())).status).toBe(201)
    await vi.waitFor(async () => {
      const states = await query<{ destination_id: string; disabled_reason: string }>(
        h.database,
        sql`select destination_id, disabled_reason from destination_states where disabled_at is not null`,
      )
      expect(states.map((s) => s.destination_id)).toEqual(['crm'])
    }, waitLong)
    // The newsletter tool is not affected.
    await vi.waitFor(() => expect(h.news.acknowledged()).toHaveLength(1), waitLong)
    const seen = h.crm.requests.length
    const rows = await query<{ status: string; type: string }>(
      h.database,
      sql`select status, type from deliveries where destination_id = 'crm' order by type`,
    )
    expect(rows.map((r) => [r.type, r.status])).toEqual([['submission.created', 'pending']])
    // Another kick and poll rounds: a disabled destination is not called again.
    expect((await h.browser().post('/v1/submissions', firstVisit('b@example.com'))).status).toBe(
      201,
    )
    await vi.waitFor(() => expect(h.news.acknowledged()).toHaveLength(2), waitLong)
    expect(h.crm.requests.length).toBe(seen)
    expect(seen).toBeLessThanOrEqual(1)
  })

  it('retries by the schedule, then the delivery is dead', async () => {
    const h = await start({ crm: () => 503 }, [10, 10, 10])
    expect((await h.browser().post('/v1/submissions', firstVisit())).status).toBe(201)
    await vi.waitFor(async () => {
      const rows = await query<{ status: string; attempts: number; last_status: number }>(
        h.database,
        sql`select status, attempts, last_status from deliveries where destination_id = 'crm'`,
      )
      expect(rows).toEqual([{ status: 'dead', attempts: 4, last_status: 503 }])
    }, waitLong)
    // One first attempt and three retries of the event, each with its id.
    const byId = groupById(h.crm.requests)
    expect([...byId.values()].map((attempts) => attempts.length)).toEqual([4])
  })
})

describe('destination endpoints', () => {
  it('refuses to start without a webhook URL or secret, naming the variable', async () => {
    const base = {
      config: configWithWebhooks(),
      database: {} as TrickleDatabase,
      secret: testSecret,
    }
    expect(() => createTrickleServer(base)).toThrow(/TRICKLE_DESTINATION_CRM_URL/)
    expect(() =>
      createTrickleServer({
        ...base,
        destinations: {
          crm: { url: 'https://crm.example/hook' },
          news: { adapter: { deliver: async () => ({ ok: true }) } },
        },
      }),
    ).toThrow(/TRICKLE_DESTINATION_CRM_SECRET/)
  })
})
