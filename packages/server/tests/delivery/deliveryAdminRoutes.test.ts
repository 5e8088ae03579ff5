import { expect, it } from 'vitest'
import type { Config } from '@trickle/core'
import { createTrickleServer } from '../../src/createTrickleServer'
import type {
  DeliveryList,
  DeliverySummary,
  DestinationSummary,
} from '../../src/delivery/deliveryAdminRoutes'
import { deliveries, destinationStates } from '../../src/schema'
import { adminToken, firstVisit, parsed, testSecret, whitepaperConfig } from '../support/fixtures'
import { describeDatabases, useServer } from '../support/testServer'

/** The whitepaper config with a webhook and a HubSpot destination. */
function configWithDestinations(): Config {
  const base = whitepaperConfig()
  return parsed({
    ...base,
    destinations: [
      { id: 'crm', type: 'webhook', purposes: ['delivery', 'sales'] },
      {
        id: 'hub-spot',
        type: 'hubspot',
        purposes: ['delivery'],
        portalId: '1234567',
        forms: { whitepaper: '00000000-0000-0000-0000-000000000000' },
        fields: { email: 'email' },
      },
    ],
  })
}

/** Receivers that are down: nothing inserted here is ever delivered while a test looks at it. */
const down = {
  deliver: async () => ({ ok: false as const, error: 'receiver down (test)', retry: true }),
}

const hour = 60 * 60 * 1000

describeDatabases('delivery admin routes', (kind) => {
  const t = useServer(kind, {
    config: configWithDestinations(),
    destinations: {
      crm: { url: 'http://127.0.0.1:9/hook', secret: 'whsec_dGVzdA==', adapter: down },
      'hub-spot': { secret: 'pat-test', adapter: down },
    },
  })
  const admin = (path: string, init: RequestInit = {}) =>
    t.server.app.request(`http://trickle.test/v1/admin${path}`, {
      ...init,
      headers: { authorization: `Bearer ${adminToken}`, ...init.headers },
    })
  const post = (path: string) => admin(path, { method: 'POST' })

  let seeded = false
  /** Rows of every status, created a minute apart (the newest is `pending-crm`). */
  async function seed(): Promise<void> {
    if (seeded) return
    seeded = true
    const now = t.now().getTime()
    const row = (
      id: string,
      destinationId: string,
      status: string,
      minutesAgo: number,
      extra: Partial<typeof deliveries.$inferInsert> = {},
    ): typeof deliveries.$inferInsert => ({
      id,
      eventId: `event-${id}`,
      destinationId,
      type: 'submission.created',
      visitorId: 'visitor-personal-9f1c',
      formId: 'whitepaper',
      payload: {
        submissionId: 'sub-1',
        fieldIds: ['email'],
        pageUri: 'https://www.example.com/lp?mail=ada%40example.com',
        hutk: 'hutk-cookie-5e2a',
      },
      status,
      attempts: 0,
      // Far in the future: the worker leaves pending rows alone while the test runs.
      nextAttemptAt: new Date(now + 24 * hour),
      createdAt: new Date(now - minutesAgo * 60_000),
      ...extra,
    })
    await t.database.db.insert(deliveries).values([
      row('delivered-crm', 'crm', 'delivered', 5, {
        attempts: 1,
        lastStatus: 200,
        deliveredAt: new Date(now - 4 * 60_000),
        deliveredFields: ['email'],
      }),
      row('dead-crm', 'crm', 'dead', 4, {
        attempts: 12,
        lastStatus: 500,
        lastError: 'HTTP 500',
      }),
      row('skipped-hub', 'hub-spot', 'skipped', 3),
      row('dead-hub', 'hub-spot', 'dead', 2, { attempts: 12, lastError: 'HTTP 503' }),
      row('pending-crm', 'crm', 'pending', 1, { attempts: 3, lastStatus: 500 }),
    ])
    await t.database.db.insert(destinationStates).values({
      destinationId: 'crm',
      disabledAt: new Date(now),
      disabledReason: 'The webhook answered 410 Gone.',
    })
  }

  it('is closed without the admin token', async () => {
    for (const [method, path] of [
      ['GET', '/v1/admin/deliveries'],
      ['POST', '/v1/admin/deliveries/dead-crm/retry'],
      ['POST', '/v1/admin/destinations/crm/enable'],
    ] as const) {
      const none = await t.server.app.request(`http://trickle.test${path}`, { method })
      expect(none.status, `${method} ${path}`).toBe(401)
      const wrong = await t.server.app.request(`http://trickle.test${path}`, {
        method,
        headers: { authorization: 'Bearer not-the-token' },
      })
      expect(wrong.status, `${method} ${path}`).toBe(401)
      expect(((await wrong.json()) as { message: string }).message).toContain(
        'Authorization: Bearer',
      )
    }
  })

  it('lists recent deliveries, newest first, with the destinations and their state', async () => {
    await seed()
    const response = await admin('/deliveries')
    expect(response.status).toBe(200)
    const body = (await response.json()) as DeliveryList
    expect(body.deliveries.map((d) => d.id)).toEqual([
      'pending-crm',
      'dead-hub',
      'skipped-hub',
      'dead-crm',
      'delivered-crm',
    ])
    const pending = body.deliveries[0]!
    expect(pending).toEqual({
      id: 'pending-crm',
      eventId: 'event-pending-crm',
      destinationId: 'crm',
      type: 'submission.created',
      status: 'pending',
      attempts: 3,
      lastStatus: 500,
      lastError: null,
      nextAttemptAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      deliveredAt: null,
    } satisfies DeliverySummary)
    expect(body.deliveries.find((d) => d.id === 'delivered-crm')?.deliveredAt).toMatch(/T/)
    expect(body.destinations).toEqual([
      {
        id: 'crm',
        type: 'webhook',
        disabled: true,
        disabledReason: 'The webhook answered 410 Gone.',
      },
      { id: 'hub-spot', type: 'hubspot', disabled: false, disabledReason: null },
    ] satisfies DestinationSummary[])
  })

  it('never shows the visitor id, the page address or the HubSpot cookie', async () => {
    await seed()
    const text = await (await admin('/deliveries')).text()
    expect(text).not.toMatch(/visitor-personal|example\.com|hutk|payload|sub-1/)
  })

  it('filters by status and destination, and limits the count', async () => {
    await seed()
    const ids = async (query: string) =>
      ((await (await admin(`/deliveries?${query}`)).json()) as DeliveryList).deliveries.map(
        (d) => d.id,
      )
    expect(await ids('status=dead')).toEqual(['dead-hub', 'dead-crm'])
    expect(await ids('destination=crm')).toEqual(['pending-crm', 'dead-crm', 'delivered-crm'])
    expect(await ids('status=dead&destination=hub-spot')).toEqual(['dead-hub'])
    expect(await ids('limit=2')).toEqual(['pending-crm', 'dead-hub'])
  })

  it('answers a wrong filter with 400 and the reason', async () => {
    for (const [query, code] of [
      ['status=lost', 'invalid-query'],
      ['limit=0', 'invalid-query'],
      ['limit=1001', 'invalid-query'],
      ['limit=ten', 'invalid-query'],
      ['destination=__proto__', 'invalid-query'],
      ['status=dead&status=pending', 'invalid-query'],
    ] as const) {
      const response = await admin(`/deliveries?${query}`)
      expect(response.status, query).toBe(400)
      const body = (await response.json()) as { error: string; message: string }
      expect(body.error, query).toBe(code)
      expect(body.message.length, query).toBeGreaterThan(10)
    }
  })

  it('retries a dead delivery now, and refuses to retry a delivered or skipped one', async () => {
    await seed()
    const before = t.now().getTime()
    const response = await post('/deliveries/dead-hub/retry')
    expect(response.status).toBe(200)
    const retried = (await response.json()) as DeliverySummary
    expect(retried).toMatchObject({ id: 'dead-hub', status: 'pending', attempts: 12 })
    expect(Date.parse(retried.nextAttemptAt!)).toBeLessThanOrEqual(t.now().getTime())
    expect(Date.parse(retried.nextAttemptAt!)).toBeGreaterThanOrEqual(before - 1000)

    // A pending row waiting for its next try is moved to now.
    const soon = (await (await post('/deliveries/pending-crm/retry')).json()) as DeliverySummary
    expect(soon.status).toBe('pending')
    expect(Date.parse(soon.nextAttemptAt!)).toBeLessThanOrEqual(t.now().getTime())

    for (const id of ['delivered-crm', 'skipped-hub']) {
      const refused = await post(`/deliveries/${id}/retry`)
      expect(refused.status, id).toBe(409)
      expect(((await refused.json()) as { error: string }).error).toBe('not-retryable')
    }
    const unknown = await post(`/deliveries/${crypto.randomUUID()}/retry`)
    expect(unknown.status).toBe(404)
    expect(((await unknown.json()) as { error: string }).error).toBe('unknown-delivery')
    expect((await post(`/deliveries/${'x'.repeat(300)}/retry`)).status).toBe(404)
    // Whatever the path holds, a 4xx with a reason (a NUL byte is no valid database text).
    for (const id of ['%00', 'a%00b', '%E2%80%AE', '..%2F..', '%F0%9F%92%A9']) {
      const odd = await post(`/deliveries/${id}/retry`)
      expect(odd.status, id).toBeGreaterThanOrEqual(400)
      expect(odd.status, id).toBeLessThan(500)
      expect(((await odd.json()) as { message: string }).message.length, id).toBeGreaterThan(10)
    }
    const oddDestination = await post('/destinations/%00/enable')
    expect(oddDestination.status).toBeGreaterThanOrEqual(400)
    expect(oddDestination.status).toBeLessThan(500)
  })

  it('enables a disabled destination, and says which destinations exist', async () => {
    await seed()
    const response = await post('/destinations/crm/enable')
    expect(response.status).toBe(200)
    expect(await response.json()).toEqual({
      id: 'crm',
      type: 'webhook',
      disabled: false,
      disabledReason: null,
    } satisfies DestinationSummary)
    const list = (await (await admin('/deliveries')).json()) as DeliveryList
    expect(list.destinations.find((d) => d.id === 'crm')?.disabled).toBe(false)
    // Enabling an enabled destination changes nothing and is fine.
    expect((await post('/destinations/hub-spot/enable')).status).toBe(200)
    const unknown = await post('/destinations/mailchimp/enable')
    expect(unknown.status).toBe(404)
    const body = (await unknown.json()) as { error: string; message: string }
    expect(body.error).toBe('unknown-destination')
    expect(body.message).toContain('crm, hub-spot')
  })

  it('logs what an admin did, without personal values', async () => {
    await seed()
    expect(t.logs.join('\n')).toMatch(/dead-hub.*retried|retried.*dead-hub/)
    expect(t.logs.join('\n')).toMatch(/crm.*enabled|enabled.*crm/)
    expect(t.logs.join('\n')).not.toMatch(/visitor-personal|example\.com|hutk-cookie/)
  })
})

describeDatabases('delivery admin routes without an admin token', (kind) => {
  const t = useServer(kind)

  it('do not exist, and say how to switch them on', async () => {
    const off = createTrickleServer({
      config: t.config,
      database: t.database,
      secret: testSecret,
      log: () => {},
    })
    const response = await off.app.request('http://trickle.test/v1/admin/deliveries', {
      headers: { authorization: 'Bearer anything' },
    })
    expect(response.status).toBe(404)
    expect(((await response.json()) as { message: string }).message).toContain(
      'TRICKLE_ADMIN_TOKEN',
    )
  })
})

describeDatabases('delivery admin routes and the worker', (kind) => {
  /** What the receiver does next; the test switches it. */
  let answer: 'fail' | 'gone' | 'ok' = 'fail'
  const received: string[] = []
  const t = useServer(kind, {
    config: parsed({
      ...whitepaperConfig(),
      destinations: [{ id: 'crm', type: 'webhook', purposes: ['delivery', 'sales'] }],
    }),
    destinations: {
      crm: {
        secret: 'whsec_dGVzdA==',
        adapter: {
          deliver: async (event) => {
            if (answer === 'ok') {
              received.push(event.id)
              return { ok: true }
            }
            if (answer === 'gone') {
              return { ok: false, error: 'HTTP 410', status: 410, retry: false, disable: true }
            }
            return { ok: false, error: 'HTTP 500', status: 500, retry: true }
          },
        },
      },
    },
    // No retries, and no poll within the test: only a kick starts the worker.
    delivery: { retrySchedule: [], pollIntervalMs: 3_600_000 },
  })
  const admin = async (path: string, method = 'GET') =>
    t.server.app.request(`http://trickle.test/v1/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${adminToken}` },
    })
  const list = async () => (await (await admin('/deliveries')).json()) as DeliveryList
  const waitLong = { timeout: 30_000, interval: 25 }

  it(
    'a retried dead delivery goes out at once, not on the next poll',
    { timeout: 90_000 },
    async () => {
      answer = 'fail'
      const submitted = await t.browser().post('/v1/submissions', firstVisit('retry@example.com'))
      expect(submitted.status).toBe(201)
      const submission = async () =>
        (await list()).deliveries.find((d) => d.type === 'submission.created')
      await expect.poll(async () => (await submission())?.status, waitLong).toBe('dead')
      const dead = (await submission())!
      answer = 'ok'
      expect((await admin(`/deliveries/${dead.id}/retry`, 'POST')).status).toBe(200)
      await expect.poll(async () => (await submission())?.status, waitLong).toBe('delivered')
      expect(received).toEqual([dead.eventId])
    },
  )

  it('an enabled destination sends what waited, at once', { timeout: 90_000 }, async () => {
    answer = 'gone'
    received.length = 0
    const submitted = await t.browser().post('/v1/submissions', firstVisit('gone@example.com'))
    expect(submitted.status).toBe(201)
    await expect.poll(async () => (await list()).destinations[0]?.disabled, waitLong).toBe(true)
    const pending = async () =>
      (await list()).deliveries.filter((d) => d.status === 'pending').map((d) => d.eventId)
    // The event waits while its destination is off.
    await expect.poll(async () => (await pending()).length, waitLong).toBeGreaterThanOrEqual(1)
    const waiting = await pending()
    answer = 'ok'
    expect((await admin('/destinations/crm/enable', 'POST')).status).toBe(200)
    await expect.poll(pending, waitLong).toEqual([])
    expect(received).toEqual(expect.arrayContaining(waiting))
  })
})
