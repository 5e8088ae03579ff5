import { eq, sql } from 'drizzle-orm'
import { afterEach, expect, it, vi } from 'vitest'
import { createDeliveryWorker } from '../../src/delivery/createDeliveryWorker'
import { writeOutbox, type OutboxRow } from '../../src/delivery/enqueueDeliveries'
import { reservedRows } from '../../src/delivery/handOff'
import { webhookAdapter } from '../../src/delivery/webhookAdapter'
import type { TrickleDatabase } from '../../src/openDatabase'
import { deliveries } from '../../src/schema'
import { describeDatabases, query } from '../support/testServer'
import { configWithWebhooks } from './deliveryFixtures'
import { startReceiver, webhookSecret, type Receiver } from './webhookReceiver'

/** `count` erasure events for the CRM, due now (they need no profile to be built). */
function erasureRows(count: number, now: Date): OutboxRow[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `delivery-${i}`,
    eventId: `event-${i}`,
    destinationId: 'crm',
    type: 'profile.erased',
    visitorId: `visitor-${i}`,
    payload: { erasedFieldIds: ['email'] },
    status: 'pending',
    nextAttemptAt: now,
    createdAt: now,
  }))
}

/** Writes `erasureRows`, unclaimed. */
async function enqueueErasures(database: TrickleDatabase, count: number): Promise<void> {
  await database.db.insert(deliveries).values(erasureRows(count, new Date()))
}

describeDatabases('delivery worker', (kind) => {
  const cleanups: (() => Promise<void>)[] = []
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  })

  async function setUp(): Promise<{
    database: TrickleDatabase
    receiver: Receiver
    secret: string
  }> {
    const secret = webhookSecret()
    const receiver = await startReceiver(secret)
    cleanups.push(() => receiver.close())
    const database = await kind.open()
    cleanups.push(() => database.close())
    return { database, receiver, secret }
  }

  /** A worker delivering to the receiver as the CRM, polling only when told; closed after the test. */
  function startWorker(
    { database, receiver, secret }: Awaited<ReturnType<typeof setUp>>,
    options: { batchSize?: number; maintainEvery?: number } = {},
  ): ReturnType<typeof createDeliveryWorker> {
    const worker = createDeliveryWorker({
      database,
      config: configWithWebhooks(),
      adapters: new Map([['crm', webhookAdapter({ url: receiver.url, secret })]]),
      pollIntervalMs: 3_600_000,
      ...options,
      now: () => new Date(),
      log: () => {},
    })
    cleanups.push(() => worker.close())
    return worker
  }

  it('delivers a batch of 20 in one go without a listener leak warning', async () => {
    const { database, receiver, secret } = await setUp()
    await enqueueErasures(database, 20)
    const warnings: Error[] = []
    const onWarning = (warning: Error) => warnings.push(warning)
    process.on('warning', onWarning)
    cleanups.push(async () => {
      process.off('warning', onWarning)
    })
    const worker = startWorker({ database, receiver, secret })
    await worker.drain()
    // Warnings are emitted on a later tick.
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(receiver.acknowledged().length).toBe(20)
    expect(new Set(receiver.requests.map((r) => r.id)).size).toBe(20)
    const left = await database.db
      .select({ id: deliveries.id })
      .from(deliveries)
      .where(eq(deliveries.status, 'pending'))
    expect(left).toEqual([])
    expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([])
  }, 60_000)

  // PostgreSQL has autovacuum; the worker maintains the tables only on embedded PGlite.
  if (kind.name !== 'PGlite') return

  it('maintains the tables of the hand-off while it delivers, as PGlite has no autovacuum', async () => {
    const { database, receiver, secret } = await setUp()
    // Visitors enough that their table is worth analyzing.
    await database.db.execute(sql`
        insert into visitors (id, created_at, visits)
        select 'v' || i, now(), 1 from generate_series(1, 2500) i`)
    const analyzed = async () =>
      (
        await query<{ analyzed: boolean }>(
          database,
          sql`select last_analyze is not null as analyzed
              from pg_stat_user_tables where relname = 'visitors'`,
        )
      )[0]?.analyzed
    await enqueueErasures(database, 30)
    const worker = startWorker({ database, receiver, secret }, { batchSize: 10, maintainEvery: 25 })
    expect(await analyzed()).toBe(false)
    await worker.drain()
    expect(receiver.acknowledged().length).toBe(30)
    expect(await analyzed()).toBe(true)
  }, 60_000)

  it('delivers rows written claimed and handed off without a claim, marks them, and keeps house', async () => {
    const { database, receiver, secret } = await setUp()
    await database.db.execute(sql`
        insert into visitors (id, created_at, visits)
        select 'v' || i, now(), 1 from generate_series(1, 2500) i`)
    const worker = startWorker({ database, receiver, secret }, { maintainEvery: 25 })
    // Nothing is reserved before the worker knows which destinations are disabled.
    await vi.waitFor(() => expect(worker.reserve('crm')).not.toBeNull())
    expect(worker.reserve('unknown')).toBeNull()
    const rows = erasureRows(30, new Date()).map((row) => ({
      ...row,
      attempts: 1,
      lockedUntil: worker.reserve('crm'),
    }))
    await writeOutbox(database.db, rows)
    const claimed = reservedRows(rows)
    expect(claimed).toHaveLength(30)
    worker.handOff(claimed, { profiles: new Map(), consents: new Map(), texts: new Map() })
    await worker.drain()
    expect(new Set(receiver.acknowledged().map((request) => request.id)).size).toBe(30)
    expect(receiver.requests).toHaveLength(30)
    const states = await query<{ status: string; attempts: number; n: number }>(
      database,
      sql`select status, attempts, count(*)::int as n from deliveries group by status, attempts`,
    )
    expect(states).toEqual([{ status: 'delivered', attempts: 1, n: 30 }])
    const analyzed = await query<{ analyzed: boolean }>(
      database,
      sql`select last_analyze is not null as analyzed
          from pg_stat_user_tables where relname = 'visitors'`,
    )
    expect(analyzed[0]?.analyzed).toBe(true)
  }, 60_000)
})
