import type { Config } from '@trickle/core'
import { sql } from 'drizzle-orm'
import { afterEach, expect, it, vi } from 'vitest'
import { createTrickleServer, type TrickleServer } from '../../src/createTrickleServer'
import type { TrickleDatabase } from '../../src/openDatabase'
import { browser } from '../support/browser'
import type { TestDatabaseKind } from '../support/databases'
import { adminToken, firstVisit, memoryMailer, parsed, testSecret } from '../support/fixtures'
import { describeDatabases, query } from '../support/testServer'
import {
  startReceiver,
  webhookSecret,
  type ReceivedRequest,
  type Receiver,
} from './webhookReceiver'
import { readFileSync } from 'node:fs'

/** The B2B whitepaper config with two webhooks: a CRM (delivery, sales) and a newsletter tool. */
export function configWithWebhooks(): Config {
  const json = JSON.parse(
    readFileSync(
      new URL('../../../core/tests/fixtures/b2b-whitepaper.json', import.meta.url),
      'utf8',
    ),
  ) as Record<string, unknown>
  return parsed({
    ...json,
    destinations: [
      { id: 'crm', type: 'webhook', purposes: ['delivery', 'sales'] },
      { id: 'news', type: 'webhook', purposes: ['newsletter', 'personalisation'] },
    ],
  })
}

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

/** Requests by event id (`Map.groupBy` is not in Node 20). */
export function groupById(requests: readonly ReceivedRequest[]): Map<string, ReceivedRequest[]> {
  const groups = new Map<string, ReceivedRequest[]>()
  for (const request of requests)
    groups.set(request.id, [...(groups.get(request.id) ?? []), request])
  return groups
}

interface Harness {
  server: TrickleServer
  database: TrickleDatabase
  crm: Receiver
  news: Receiver
  logs: string[]
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
  ): Promise<Harness> => {
    const secrets = { crm: webhookSecret(), news: webhookSecret() }
    const crm = await startReceiver(secrets.crm, answers.crm)
    const news = await startReceiver(secrets.news, answers.news)
    const database = await kind.open()
    const logs: string[] = []
    const server = createTrickleServer({
      config: configWithWebhooks(),
      database,
      secret: testSecret,
      adminToken,
      mailer: memoryMailer(),
      rateLimit: false,
      log: (line) => logs.push(line),
      destinations: {
        crm: { url: crm.url, secret: secrets.crm },
        news: { url: news.url, secret: secrets.news },
      },
      delivery: { retrySchedule, pollIntervalMs: 25 },
    })
    const h = { server, database, crm, news, logs, browser: () => browser(server.app) }
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
    // The refused consents are consent changes too, each to the destination serving it.
    await vi.waitFor(() => {
      expect(h.crm.acknowledged().filter((r) => r.event.type === 'consent.changed')).toHaveLength(6)
      expect(h.news.acknowledged().filter((r) => r.event.type === 'consent.changed')).toHaveLength(
        6,
      )
    }, waitLong)
    for (const request of h.crm.acknowledged()) {
      expect(request.event.data.consents.map((e) => [e.purposeId, e.decision])).toEqual([
        ['sales', 'denied'],
      ])
      expect(request.event.data.consents[0]?.text).toBeTypeOf('string')
    }
    for (const request of h.news.acknowledged()) {
      expect(request.event.data.consents.map((e) => e.purposeId)).toEqual(['newsletter'])
    }
    const rows = await query<{ status: string; n: number }>(
      h.database,
      sql`select status, count(*)::int as n from deliveries group by status`,
    )
    expect(rows).toEqual([{ status: 'delivered', n: 24 }])
  })
})
