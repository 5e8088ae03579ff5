/*
 * Queue choice: our own outbox table (`deliveries`), claimed with FOR UPDATE SKIP LOCKED.
 * Evaluated first:
 * - pg-boss 12 needs Node >= 22.12 (we support Node 20.19), talks to PostgreSQL through its own
 *   `pg` pool, and builds its schema from partitioned tables and PL/pgSQL functions; it cannot
 *   run on the embedded PGlite in the same process.
 * - graphile-worker 0.18 needs a `pg` Pool or a connection string and a dedicated LISTEN
 *   connection; PGlite has no pool or wire protocol in process (only through a socket server).
 *   Its `add_job()` could be called inside our transaction on PostgreSQL, but not on PGlite.
 * Neither runs on both databases, so the outbox rows are written with drizzle in the change's
 * own transaction and this worker claims them: right after a commit (in-process kick) and on a
 * short poll (other instances' rows, retries). A submission's rows are written already claimed
 * by this worker (`reserve`) and handed to it after the commit with the profile the request
 * has just stored (`handOff`): their first attempt needs no claim and no read of the profile.
 */
import { setMaxListeners } from 'node:events'
import type { Config, Destination } from '@trickle/core'
import {
  and,
  asc,
  eq,
  getTableColumns,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  notInArray,
  or,
  sql,
} from 'drizzle-orm'
import { statementName } from '../namedStatement'
import type { TrickleDatabase } from '../openDatabase'
import { deliveries, destinationStates, visitors, type DeliveryPayload } from '../schema'
import { buildDeliveryEvent, type DeliveryInputs } from './buildDeliveryEvent'
import { loadDeliveryInputs } from './loadDeliveryInputs'
import { maintainOutbox } from './maintainOutbox'
import type { DeliveryOutcome, DestinationAdapter } from './destinationAdapter'
import { defaultRetrySchedule, retryDelay } from './retryDelay'

export interface DeliveryWorkerOptions {
  database: TrickleDatabase
  config: Config
  /** The adapter of every configured destination, by destination id. */
  adapters: ReadonlyMap<string, DestinationAdapter>
  /** Waits after failed attempts, in ms (default `defaultRetrySchedule`, about 24 h). */
  retrySchedule?: readonly number[] | undefined
  /** How often to look for due rows besides the kick after a commit (default 1000 ms). */
  pollIntervalMs?: number | undefined
  /** Time allowed per attempt (default 10 s); the attempts of one batch share it. */
  attemptTimeoutMs?: number | undefined
  /** Rows claimed at once (default 50). */
  batchSize?: number | undefined
  /**
   * Embedded PGlite has no autovacuum: after this many rows ended (delivered, dead, skipped)
   * the worker runs `maintainOutbox` between two batches. Default 500 on PGlite, 0 (never;
   * autovacuum does it) on PostgreSQL.
   */
  maintainEvery?: number | undefined
  /** The clock consents are judged by (the server's). Scheduling uses the wall clock. */
  now: () => Date
  log: (line: string) => void
  random?: (() => number) | undefined
}

export interface DeliveryWorker {
  /** Look for due rows now (after a commit that enqueued). */
  kick(): void
  /**
   * A claim for an outbox row about to be written: the row is written already claimed by this
   * worker (`lockedUntil` this lease, `attempts` 1), and `handOff` delivers it right after the
   * commit. `null` when this worker cannot take it now (closing, no adapter, or the
   * destination is disabled as far as it knows): the row is then written unclaimed, for a claim.
   */
  reserve(destinationId: string): Date | null
  /**
   * Delivers rows written with `reserve`'s claims, after their commit, from what the change's
   * request already holds (the profile it has just stored, its consent events and texts)
   * instead of reading them back. A failed attempt is retried through the outbox as usual.
   */
  handOff(rows: readonly ClaimedRow[], inputs: Omit<DeliveryInputs, 'now'>): void
  /** Runs until no row is due; resolves when done (tests, the CLI). */
  drain(): Promise<void>
  /** Stops polling, aborts attempts in flight and releases their claims. */
  close(): Promise<void>
}

type DeliveryRow = typeof deliveries.$inferSelect
/**
 * A claimed row (its claim is its `lockedUntil`); `visitorExists` says whether its visitor's
 * row was there at the claim.
 */
export type ClaimedRow = DeliveryRow & { visitorExists: boolean }

/** How long a kick after a commit waits for further commits to join its batch. */
const kickDelayMs = 5
/**
 * How long delivered rows wait for others before they are marked in one statement (or until
 * a batch's worth waits). Each statement costs the database more than marking another row in
 * it; until marked, a delivered row keeps its claim, so nobody sends it again meanwhile.
 */
const markDelayMs = 50

/**
 * Delivers the outbox: claims due rows (several instances on one PostgreSQL each take other
 * rows), builds each event from the current profile, hands it to the destination's adapter
 * and records the outcome: delivered, retried after the schedule's next wait (with jitter),
 * dead after the last, or its destination disabled (a webhook's 410).
 */
export function createDeliveryWorker(options: DeliveryWorkerOptions): DeliveryWorker {
  const { database, config, adapters, log } = options
  const db = database.db
  const schedule = options.retrySchedule ?? defaultRetrySchedule
  const timeoutMs = options.attemptTimeoutMs ?? 10_000
  const batchSize = options.batchSize ?? 50
  const maintainEvery = options.maintainEvery ?? (database.kind === 'pglite' ? 500 : 0)
  let endedSinceMaintenance = 0
  let maintaining: Promise<void> | null = null
  const textCache = new Map<string, string>()
  const random = options.random ?? Math.random
  // A claim outlives an attempt; a killed instance's rows are taken over after it lapses.
  const leaseMs = timeoutMs * 2 + 30_000
  const destinations = new Map<string, Destination>(
    (config.destinations ?? []).flatMap((d) => (adapters.has(d.id) ? [[d.id, d]] : [])),
  )
  /** The signals of the batches in flight, aborted by close(). */
  const batches = new Set<AbortController>()
  let running: Promise<void> | null = null
  let again = false
  /** `drain()` callers waiting: the run then ends only on an empty claim. */
  let draining = 0
  let closed = false
  let kickTimer: ReturnType<typeof setTimeout> | undefined
  /** Rows handed off after their commit, waiting a moment for others to join their batch. */
  let handedOff: { rows: readonly ClaimedRow[]; inputs: Omit<DeliveryInputs, 'now'> }[] = []
  let handOffTimer: ReturnType<typeof setTimeout> | undefined
  /** Hand-off batches under way (`drain` and `close` wait for them). */
  const handOffs = new Set<Promise<void>>()
  /** Delivered rows not marked yet, and the marking statements under way. */
  let unmarked: { row: DeliveryRow; fields: string[] }[] = []
  let markTimer: ReturnType<typeof setTimeout> | undefined
  const marking = new Set<Promise<void>>()
  /**
   * The destinations disabled (a 410) as this worker last read them, read on every poll: no
   * row of theirs is reserved. `null` until the first read: nothing is reserved before it.
   */
  let disabled: Set<string> | null = null

  const timer =
    destinations.size === 0
      ? undefined
      : setInterval(() => {
          void readDisabled()
          worker.kick()
        }, options.pollIntervalMs ?? 1_000)
  timer?.unref()
  if (destinations.size > 0) void readDisabled()

  async function readDisabled(): Promise<void> {
    try {
      const rows = await db
        .select({ id: destinationStates.destinationId })
        .from(destinationStates)
        .where(isNotNull(destinationStates.disabledAt))
      disabled = new Set(rows.map((row) => row.id))
    } catch (error) {
      if (!closed)
        log(`[trickle] delivery worker could not read the destinations' states: ${describe(error)}`)
    }
  }

  // Due rows of this instance's destinations that nobody holds; rows another instance is
  // claiming at this moment are skipped, not waited for. Whether each row's visitor still
  // exists comes back with the claim (one round trip less per batch); the profile itself is
  // read after the claim, at delivery. A named prepared statement: PostgreSQL plans it once per
  // connection, not at every claim.
  const due = db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.status, 'pending'),
        lte(deliveries.nextAttemptAt, sql.placeholder('now')),
        or(isNull(deliveries.lockedUntil), lt(deliveries.lockedUntil, sql.placeholder('now'))),
        inArray(deliveries.destinationId, [...destinations.keys()]),
        notInArray(
          deliveries.destinationId,
          db
            .select({ id: destinationStates.destinationId })
            .from(destinationStates)
            .where(isNotNull(destinationStates.disabledAt)),
        ),
      ),
    )
    .orderBy(asc(deliveries.nextAttemptAt))
    .limit(batchSize)
    .for('update', { skipLocked: true })
  const claimQuery = db
    .update(deliveries)
    .set({
      lockedUntil: sql`${sql.placeholder('lease')}`,
      attempts: sql`${deliveries.attempts} + 1`,
    })
    .where(inArray(deliveries.id, due))
    .returning({
      ...getTableColumns(deliveries),
      visitorExists: sql<boolean>`exists (select 1 from ${visitors} where ${visitors.id} = ${deliveries.visitorId})`,
    })
  const claimStatement = claimQuery.prepare(statementName('claim', claimQuery.toSQL().sql))
  // The delivered rows of a batch as two arrays: one statement text for every batch size.
  const markDeliveredQuery = db
    .update(deliveries)
    .set({
      status: sql`'delivered'`,
      lockedUntil: null,
      lastError: null,
      deliveredAt: sql`${sql.placeholder('at')}`,
      deliveredFields: sql`v.fields::jsonb`,
      // The HubSpot cookie id leaves the payload as the delivery ends.
      payload: sql`${deliveries.payload} - 'hutk'`,
    })
    .from(
      sql`unnest(${sql.placeholder('ids')}::text[], ${sql.placeholder('fields')}::text[], ${sql.placeholder('leases')}::timestamptz[]) as v(id, fields, lease)`,
    )
    // `id = any(ids)` as well: the planner then finds the rows by their key, not by a scan of
    // the outbox (which keeps its ended rows).
    .where(
      and(
        eq(deliveries.id, sql`v.id`),
        sql`${deliveries.id} = any(${sql.placeholder('ids')}::text[])`,
        eq(deliveries.lockedUntil, sql`v.lease`),
      ),
    )
  const markDeliveredStatement = markDeliveredQuery.prepare(
    statementName('mark_delivered', markDeliveredQuery.toSQL().sql),
  )

  function claim(): Promise<ClaimedRow[]> {
    const now = new Date()
    return claimStatement.execute({ now, lease: new Date(now.getTime() + leaseMs) })
  }

  /**
   * PGlite's housekeeping (`maintainOutbox`) once `maintainEvery` rows ended, after a batch:
   * one run at a time.
   */
  async function maintainIfDue(): Promise<void> {
    if (maintainEvery === 0 || endedSinceMaintenance < maintainEvery) return
    if (closed || maintaining !== null) return
    endedSinceMaintenance = 0
    maintaining = maintainOutbox(db, log)
      .then(() => undefined)
      .finally(() => {
        maintaining = null
      })
    await maintaining
  }

  /** One claimed batch: its inputs read at once, then delivered. */
  async function deliverClaimed(rows: ClaimedRow[]): Promise<number> {
    let inputs: DeliveryInputs | null = null
    try {
      inputs = await loadDeliveryInputs(db, config, rows, { now: options.now(), log, textCache })
    } catch (error) {
      log(`[trickle] delivery worker could not read a batch: ${describe(error)}`)
    }
    return deliverBatch(rows, inputs)
  }

  /**
   * One batch: the attempts in parallel, the deliveries marked at once. Each row holds its
   * claim in `lockedUntil`. Resolves to the number of its rows that ended (delivered, dead or
   * skipped).
   */
  async function deliverBatch(
    rows: readonly ClaimedRow[],
    inputs: DeliveryInputs | null,
  ): Promise<number> {
    const delivered: { row: DeliveryRow; fields: string[] }[] = []
    let ended = 0
    // The attempts of a batch start together and share their deadline: a signal of this batch
    // only, aborted by its timer or by close() (a plain controller and timer: AbortSignal.any
    // with AbortSignal.timeout cost about four times as much, per batch of a hand-off).
    const batch = new AbortController()
    const deadline = setTimeout(() => batch.abort(), timeoutMs)
    batches.add(batch)
    if (closed) batch.abort()
    setMaxListeners(Math.max(10, rows.length * 2), batch.signal)
    try {
      await Promise.all(
        rows.map(async (row) => {
          const result = await attempt(row, leaseOf(row), inputs, batch.signal)
          if (Array.isArray(result)) delivered.push({ row, fields: result })
          if (result !== 'pending') ended += 1
        }),
      )
    } finally {
      clearTimeout(deadline)
      batches.delete(batch)
    }
    if (delivered.length > 0) markDelivered(delivered)
    return ended
  }

  /** Delivered rows, marked with others within `markDelayMs` (or at once, a batch's worth). */
  function markDelivered(delivered: readonly { row: DeliveryRow; fields: string[] }[]): void {
    unmarked.push(...delivered)
    if (unmarked.length >= batchSize) void flushMarks()
    else markTimer ??= setTimeout(() => void flushMarks(), markDelayMs)
  }

  /** Marks the delivered rows waiting, each while it still holds its claim, in one statement. */
  function flushMarks(): Promise<void> {
    if (markTimer) clearTimeout(markTimer)
    markTimer = undefined
    const batch = unmarked
    unmarked = []
    if (batch.length === 0) return Promise.all(marking).then(() => undefined)
    const done: Promise<void> = markDeliveredStatement
      .execute({
        at: new Date(),
        ids: batch.map(({ row }) => row.id),
        fields: batch.map(({ fields }) => JSON.stringify(fields)),
        leases: batch.map(({ row }) => leaseOf(row).toISOString()),
      })
      .then(() => undefined)
      .catch((error: unknown) => {
        // The rows keep their claims: sent again once they lapse (at least once).
        log(`[trickle] delivery worker could not record deliveries: ${describe(error)}`)
      })
      .finally(() => marking.delete(done))
    marking.add(done)
    return Promise.all(marking).then(() => undefined)
  }

  /** Delivers the rows handed off since the last batch, as one batch. */
  function flushHandOffs(): void {
    handOffTimer = undefined
    const batch = handedOff
    handedOff = []
    if (batch.length === 0) return
    const rows = batch.flatMap((item) => item.rows)
    const inputs: DeliveryInputs = {
      profiles: new Map(batch.flatMap((item) => [...item.inputs.profiles])),
      consents: new Map(batch.flatMap((item) => [...item.inputs.consents])),
      texts: new Map(batch.flatMap((item) => [...item.inputs.texts])),
      // Consents are judged at the moment of delivery, as for a claimed batch.
      now: options.now(),
    }
    const done: Promise<void> = deliverBatch(rows, inputs)
      .then((ended) => {
        endedSinceMaintenance += ended
        return maintainIfDue()
      })
      .catch((error: unknown) => {
        log(`[trickle] delivery worker: ${describe(error)}`)
      })
      .finally(() => handOffs.delete(done))
    handOffs.add(done)
  }

  /**
   * One attempt: the field ids sent when it was delivered (marked by the batch), `ended` when
   * the row ended otherwise (dead, skipped), `pending` when it waits for another attempt.
   */
  async function attempt(
    row: DeliveryRow,
    lease: Date,
    inputs: DeliveryInputs | null,
    signal: AbortSignal,
  ): Promise<string[] | 'ended' | 'pending'> {
    const destination = destinations.get(row.destinationId)
    const adapter = adapters.get(row.destinationId)
    if (!destination || !adapter) return 'pending'
    let outcome: DeliveryOutcome
    let sentFields: string[] = []
    try {
      if (inputs === null) throw new Error('the batch could not be read')
      const built = buildDeliveryEvent(config, destination, row, inputs)
      if (built === null) {
        await finish(row, lease, { status: 'skipped', lastError: 'the profile was erased' })
        return 'ended'
      }
      sentFields = Object.keys(built.event.data.fields)
      outcome = await adapter.deliver(built.event, built.context, signal)
    } catch (error) {
      outcome = {
        ok: false,
        retry: true,
        error: `the adapter failed: ${error instanceof Error ? error.name : 'unknown error'}`,
      }
    }
    if (closed && !outcome.ok) {
      // Shut down mid-attempt: the row goes back as it was, for this or another instance.
      await release(row, lease)
      return 'pending'
    }
    if (outcome.ok) return sentFields
    const lastStatus = outcome.status ?? null
    const lastError = outcome.error.slice(0, 500)
    if (outcome.disable) {
      await db
        .insert(destinationStates)
        .values({
          destinationId: row.destinationId,
          disabledAt: new Date(),
          disabledReason: lastError,
        })
        .onConflictDoUpdate({
          target: destinationStates.destinationId,
          set: { disabledAt: new Date(), disabledReason: lastError },
        })
      disabled?.add(row.destinationId)
      log(`[trickle] destination "${row.destinationId}" disabled: ${lastError}`)
      // Its rows wait (this attempt does not count) until an admin enables it again.
      await update(row, lease, {
        attempts: Math.max(0, row.attempts - 1),
        lockedUntil: null,
        nextAttemptAt: new Date(),
        lastError,
        lastStatus,
      })
      return 'pending'
    }
    const delay = outcome.retry ? retryDelay(schedule, row.attempts, random) : null
    if (delay === null) {
      log(
        `[trickle] delivery ${row.id} to "${row.destinationId}" is dead after ${row.attempts} attempts: ${lastError}`,
      )
      await finish(row, lease, { status: 'dead', lastError, lastStatus })
      return 'ended'
    }
    await update(row, lease, {
      lockedUntil: null,
      nextAttemptAt: new Date(Date.now() + delay),
      lastError,
      lastStatus,
    })
    return 'pending'
  }

  /** The claim a row holds: the lease its claim (or its reservation) wrote. */
  function leaseOf(row: DeliveryRow): Date {
    if (row.lockedUntil === null) throw new Error('an unclaimed row reached an attempt')
    return row.lockedUntil
  }

  /** Ends a row; the HubSpot cookie id leaves the payload with it. */
  function finish(
    row: DeliveryRow,
    lease: Date,
    end: { status: 'dead' | 'skipped'; lastError: string; lastStatus?: number | null },
  ) {
    const { hutk: _hutk, ...payload } = row.payload
    return update(row, lease, {
      status: end.status,
      lockedUntil: null,
      payload: payload satisfies DeliveryPayload,
      lastError: end.lastError,
      ...(end.lastStatus === undefined ? {} : { lastStatus: end.lastStatus }),
    })
  }

  function release(row: DeliveryRow, lease: Date) {
    return update(row, lease, { attempts: Math.max(0, row.attempts - 1), lockedUntil: null })
  }

  /** Writes only while this worker still holds the claim. */
  async function update(
    row: DeliveryRow,
    lease: Date,
    set: Partial<typeof deliveries.$inferInsert>,
  ): Promise<void> {
    await db
      .update(deliveries)
      .set(set)
      .where(sql`${eq(deliveries.id, row.id)} and ${deliveries.lockedUntil} = ${lease}`)
  }

  async function run(): Promise<void> {
    do {
      again = false
      for (;;) {
        if (closed) return
        const rows = await claim()
        if (rows.length === 0) break
        const ended = await deliverClaimed(rows)
        endedSinceMaintenance += ended
        await maintainIfDue()
        // A part batch that ended took every row due at its claim: the next claim would come
        // back empty. Commits since then kicked (`again`); other instances' rows and retries
        // come with the poll. `drain()` still ends on an empty claim.
        if (draining === 0 && ended === rows.length && rows.length < batchSize) break
      }
    } while (again && !closed)
  }

  function start(): Promise<void> {
    if (running) {
      again = true
      return running
    }
    running = run()
      .catch((error: unknown) => {
        log(`[trickle] delivery worker: ${describe(error)}`)
      })
      .finally(() => {
        running = null
      })
    return running
  }

  const worker: DeliveryWorker = {
    reserve(destinationId) {
      if (closed || disabled === null || disabled.has(destinationId)) return null
      if (!destinations.has(destinationId)) return null
      return new Date(Date.now() + leaseMs)
    },
    handOff(rows, inputs) {
      if (rows.length === 0) return
      handedOff.push({ rows, inputs })
      if (closed) {
        // Closing: the batch goes out at once, its attempts aborted, so its claims are released.
        flushHandOffs()
        return
      }
      handOffTimer ??= setTimeout(flushHandOffs, kickDelayMs)
    },
    kick() {
      if (closed || destinations.size === 0) return
      if (running) {
        again = true
        return
      }
      // A few milliseconds, so that the commits of a busy moment go out as one batch.
      kickTimer ??= setTimeout(() => {
        kickTimer = undefined
        void start()
      }, kickDelayMs)
    },
    async drain() {
      if (destinations.size === 0) return
      draining += 1
      try {
        while (!closed) {
          if (handOffTimer) {
            clearTimeout(handOffTimer)
            flushHandOffs()
          }
          await Promise.all(handOffs)
          await start()
          await flushMarks()
          if (!running && handOffs.size === 0 && handedOff.length === 0 && unmarked.length === 0)
            break
        }
      } finally {
        draining -= 1
      }
    },
    async close() {
      if (closed) return
      closed = true
      if (timer) clearInterval(timer)
      if (kickTimer) clearTimeout(kickTimer)
      for (const batch of batches) batch.abort()
      // Rows handed off and not sent yet: their attempts end at once and release the claims.
      if (handOffTimer) clearTimeout(handOffTimer)
      flushHandOffs()
      await Promise.all([running, ...handOffs, maintaining])
      // What was delivered is recorded before the database closes.
      await flushMarks()
      for (const adapter of adapters.values()) adapter.close?.()
    },
  }
  return worker
}

/** A database or network error, shortened; such messages name tables and states, not values. */
function describe(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 300) : 'unknown error'
}
