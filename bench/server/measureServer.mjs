import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  postgresMissingReason,
  startPostgres,
} from '../../packages/server/tests/support/postgres.ts'
import { installedVersion } from '../lib/packageInfo.mjs'
import { sendResult } from '../lib/runNodeScript.mjs'
import { median, ms, percentile } from '../lib/stats.mjs'
import { startAppServer } from './startAppServer.mjs'
import { postgresVersion } from './postgresVersion.mjs'
import { clusterCpuMs, postmasterPidOf, processCpuMs } from './processCpu.mjs'
import { load as loadWith } from './submissionLoad.mjs'
import { perSubmission, tableActivitySql } from './tableActivity.mjs'
import { startWebhookReceiverProcess } from './webhookReceiver.mjs'

/**
 * Part 4, run in its own process: first-visit submissions to the Trickle API and to a baseline
 * that writes the same rows through the same driver, with 16 concurrent clients on loopback,
 * on PGlite (a data folder) and on PostgreSQL 15 (the server tests' harness), and to the Trickle
 * API with one webhook destination (a local receiver answering 200, in its own process). The six
 * servers run side by side; for `rounds` rounds, each scenario gets one turn per round, bounded
 * in time and in count, after an unrecorded warm-up (a longer one before the first round). A
 * turn is recorded in `slices` slices: the three servers of a database take turns slice by
 * slice, as baseline, trickle, webhook, then webhook, trickle, baseline, and so on (even rounds
 * start with the webhook), so the Trickle API without a destination always runs next to both
 * of its twins, the order alternates (ABBA) and a drift of the machine's speed falls on the
 * three alike; the two databases also swap places every round. A webhook slice ends when every event of it has reached the receiver: its
 * submissions per second count the time until then (its CPU time, until the server has also
 * recorded them as delivered). The webhook's ratio to the Trickle API is taken per round
 * (`pairedRatios`), between turns whose slices were at most two slices apart.
 *
 * Each slice also reads the CPU time (user + system) the server process used from just before
 * its load to the end of its drain, plus, on PostgreSQL, that of the whole cluster
 * (processCpu.mjs): CPU ms per submission depends far less than submissions per second on what
 * else the machine runs. Per round, the Trickle API's CPU per submission ÷ the webhook's is in
 * `cpuRatios`.
 */
const concurrency = 16
/**
 * Even: each order of the slices (see above) comes in as many rounds as the other. The order
 * can matter: in two of four runs with 5 rounds, the 3 that began with the baseline had lower
 * webhook ratios than the 2 that began with the webhook, and so decided the median.
 */
const rounds = 6
/** Each server's unrecorded load before the first round. */
const initialWarmupMs = 3_000
const warmupMs = 1_000
const measureMs = 3_000
/** A turn's recorded load, in slices that take turns with the other servers of its database. */
const slices = 3
const sliceMs = measureMs / slices
const maxPerRound = 5_000
const deadline = Date.now() + 320_000
/** How long a webhook round may wait for its deliveries after its last submission. */
const drainLimitMs = 30_000

const folders = []
const servers = []
let postgres
let receiver
let finished = false

async function cleanUp() {
  if (finished) return
  finished = true
  await Promise.allSettled(servers.map((server) => server.stop()))
  await receiver?.stop()
  await postgres?.stop()
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
}
process.once('SIGTERM', () => void cleanUp().finally(() => process.exit(1)))

/** `concurrency` clients send first-visit submissions (see submissionLoad.mjs). */
const load = (url, limits) => loadWith(url, { concurrency, ...limits })

async function benchRoute(url, path) {
  const response = await fetch(`${url}/__bench/${path}`)
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`)
  return response.json()
}

const scenarios = [
  { id: 'trickle-pglite', database: 'PGlite', mode: 'trickle' },
  { id: 'baseline-pglite', database: 'PGlite', mode: 'baseline' },
  { id: 'trickle-postgres', database: 'PostgreSQL', mode: 'trickle' },
  { id: 'baseline-postgres', database: 'PostgreSQL', mode: 'baseline' },
  { id: 'webhook-pglite', database: 'PGlite', mode: 'webhook' },
  { id: 'webhook-postgres', database: 'PostgreSQL', mode: 'webhook' },
]

/** The order of the databases in `round`: it alternates. */
const databaseOrder = (round) =>
  round % 2 === 0 ? ['PGlite', 'PostgreSQL'] : ['PostgreSQL', 'PGlite']

/** The order of one database's scenarios in `round`: the Trickle API always in the middle. */
const modeOrder = (round) =>
  round % 2 === 0 ? ['baseline', 'trickle', 'webhook'] : ['webhook', 'trickle', 'baseline']

/** The outbox of a webhook scenario by status, e.g. `{ delivered: 120, pending: 3 }`. */
const outbox = (scenario) => benchRoute(scenario.url, 'deliveries')

/**
 * Waits until every event of a webhook scenario has arrived at the receiver and returns how
 * long that took (`deliveredMs`); then until the server has recorded them all as delivered
 * (nothing pending), which its CPU time still counts. Each acknowledged first visit writes one
 * event (`submission.created`; the run's final check holds the outbox to it), so the receiver
 * must have `scenario.accepted` of them; it counts in its own process and is asked every 2 ms,
 * which costs the server nothing. The events arrive first: the server marks delivered rows in
 * batches, within 50 ms; its pending rows are then counted every 25 ms, through the outbox's
 * partial index (a count of the whole outbox would charge the webhook server a scan of every
 * delivery so far). Bounded by `drainLimitMs`.
 */
async function drain(scenario) {
  const started = performance.now()
  const limit = async (what) => {
    if (performance.now() - started > drainLimitMs) {
      const states = JSON.stringify(await outbox(scenario))
      throw new Error(`${scenario.id}: ${what} after ${drainLimitMs} ms (outbox ${states})`)
    }
  }
  for (;;) {
    const received = (await receiver.stats(scenario.hookPath)).events
    if (received >= scenario.accepted) break
    await limit(`${scenario.accepted - received} events not received`)
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
  const deliveredMs = performance.now() - started
  for (;;) {
    const { pending } = await benchRoute(scenario.url, 'pending')
    if (pending === 0) return deliveredMs
    await limit(`${pending} deliveries still pending`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

try {
  const postgresSkipped = postgresMissingReason()
  if (!postgresSkipped) postgres = await startPostgres()
  receiver = await startWebhookReceiverProcess()
  const postmasterPid = postgres ? await postmasterPidOf(postgres.url) : undefined
  const active = []
  for (const scenario of scenarios) {
    if (scenario.database === 'PostgreSQL' && postgresSkipped) continue
    let target
    if (scenario.database === 'PGlite') {
      target = mkdtempSync(join(tmpdir(), `trickle-bench-${scenario.mode}-`))
      folders.push(target)
    } else {
      target = await postgres.createDatabase()
    }
    const hookPath = `/hooks/${scenario.id}`
    const server = await startAppServer(scenario.mode, target, {
      receiverUrl: scenario.mode === 'webhook' ? `${receiver.url}${hookPath}` : undefined,
    })
    servers.push(server)
    active.push({
      ...scenario,
      target,
      url: server.url,
      pid: server.pid,
      hookPath,
      samples: [],
      accepted: 0,
    })
  }

  // Before the first round, long enough for V8 to have optimized the hot paths of each server
  // (with the webhook: of its sending thread and of the receiver as well).
  for (const scenario of active) await warmUp(scenario, initialWarmupMs, 3_000)

  for (let round = 0; round < rounds; round++) {
    for (const database of databaseOrder(round)) {
      const group = modeOrder(round).flatMap((mode) =>
        active.filter((item) => item.database === database && item.mode === mode),
      )
      for (const scenario of group) {
        if (Date.now() > deadline) throw new Error('server: time limit reached')
        await warmUp(scenario, warmupMs, 1_000)
      }
      const turns = new Map(group.map((scenario) => [scenario, emptyTurn(scenario, round + 1)]))
      for (let slice = 0; slice < slices; slice++) {
        for (const scenario of slice % 2 === 0 ? group : [...group].reverse()) {
          if (Date.now() > deadline) throw new Error('server: time limit reached')
          await measureSlice(scenario, turns.get(scenario), postmasterPid)
        }
      }
      for (const [scenario, turn] of turns) {
        const submissions = turn.latencies.length
        turn.perSecond = (submissions * 1000) / (turn.elapsedMs + turn.drainMs)
        turn.cpuMsPerSubmission = (turn.serverCpuMs + (turn.clusterCpuMs ?? 0)) / submissions
        scenario.samples.push(turn)
        const onPostgres = scenario.database === 'PostgreSQL'
        console.log(
          `round ${round + 1} ${scenario.id}: ${submissions} submissions in ${(turn.elapsedMs / 1000).toFixed(1)} s${turn.drains.length > 0 ? `, each slice's deliveries all in ${turn.drains.map((d) => ms(d)).join(', ')} after its last submission (receiver CPU ${(turn.receiverCpuMs / submissions).toFixed(2)} ms per event)` : ''}, ${turn.perSecond.toFixed(0)}/s, CPU ${turn.cpuMsPerSubmission.toFixed(2)} ms per submission${onPostgres ? ` (server ${(turn.serverCpuMs / submissions).toFixed(2)}, cluster ${(turn.clusterCpuMs / submissions).toFixed(2)})` : ''}`,
        )
      }
    }
  }

  const results = []
  for (const scenario of active) {
    const latencies = scenario.samples.flatMap((sample) => sample.latencies)
    const rows = await benchRoute(scenario.url, 'counts')
    // Every accepted submission must have written the rows of a first visit, in both modes.
    if (rows.submissions !== rows.visitors || rows.field_values !== 4 * rows.submissions) {
      throw new Error(`${scenario.id}: unexpected rows ${JSON.stringify(rows)}`)
    }
    if (rows.consent_events !== 2 * rows.submissions || rows.consent_texts !== 2) {
      throw new Error(`${scenario.id}: unexpected consent rows ${JSON.stringify(rows)}`)
    }
    let webhook
    if (scenario.mode === 'webhook') {
      const received = await receiver.stats(scenario.hookPath)
      const states = await outbox(scenario)
      // Every acknowledged submission arrived once; every outbox row was delivered.
      if (received.byType['submission.created'] !== scenario.accepted) {
        throw new Error(
          `${scenario.id}: ${scenario.accepted} submissions, ${received.byType['submission.created'] ?? 0} submission.created received`,
        )
      }
      if (received.events !== states.delivered || states.pending || states.dead) {
        throw new Error(
          `${scenario.id}: received ${JSON.stringify(received)}, outbox ${JSON.stringify(states)}`,
        )
      }
      webhook = {
        ...received,
        drainMs: median(scenario.samples.flatMap((s) => s.drains)),
        maxDrainMs: Math.max(...scenario.samples.flatMap((s) => s.drains)),
        receiverCpuMsPerEvent: median(
          scenario.samples.map((s) => s.receiverCpuMs / s.latencies.length),
        ),
        apiPerSecond: median(
          scenario.samples.map((s) => (s.latencies.length * 1000) / s.elapsedMs),
        ),
      }
    }
    results.push({
      id: scenario.id,
      database: scenario.database,
      mode: scenario.mode,
      submissions: latencies.length,
      perSecond: median(scenario.samples.map((s) => s.perSecond)),
      ...(webhook ? { webhook } : {}),
      cpuMsPerSubmission: median(scenario.samples.map((s) => s.cpuMsPerSubmission)),
      serverCpuMsPerSubmission: median(
        scenario.samples.map((s) => s.serverCpuMs / s.latencies.length),
      ),
      ...(scenario.database === 'PostgreSQL'
        ? {
            clusterCpuMsPerSubmission: median(
              scenario.samples.map((s) => s.clusterCpuMs / s.latencies.length),
            ),
          }
        : {}),
      ...(scenario.mode === 'webhook' ? pairedWithTrickle(scenario, active) : {}),
      samples: scenario.samples.map((s) => ({
        round: s.round,
        submissions: s.latencies.length,
        elapsedMs: s.elapsedMs,
        drainMs: s.drainMs,
        perSecond: s.perSecond,
        serverCpuMs: s.serverCpuMs,
        clusterCpuMs: s.clusterCpuMs,
        cpuMsPerSubmission: s.cpuMsPerSubmission,
      })),
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      rows,
      ...(scenario.database === 'PGlite'
        ? {
            perSubmission: perSubmission(
              await benchRoute(scenario.url, 'activity'),
              rows.submissions,
            ),
          }
        : {}),
    })
  }
  // The servers' connections end with them, which flushes their table statistics.
  await Promise.all(servers.splice(0).map((server) => server.stop()))
  for (const scenario of active) {
    if (scenario.database !== 'PostgreSQL') continue
    const result = results.find((item) => item.id === scenario.id)
    result.perSubmission = await postgresActivity(scenario.target, result.rows.submissions)
  }
  sendResult({
    concurrency,
    rounds,
    initialWarmupMs,
    warmupMs,
    measureMs,
    slices,
    maxPerRound,
    postgresSkipped,
    postgresVersion: postgres ? await postgresVersion(postgres.url) : null,
    versions: {
      pglite: installedVersion('@electric-sql/pglite'),
      pg: installedVersion('pg'),
      hono: installedVersion('hono'),
      honoNodeServer: installedVersion('@hono/node-server'),
      drizzle: installedVersion('drizzle-orm'),
    },
    scenarios: results,
  })
} finally {
  await cleanUp()
}

/**
 * Unrecorded load on `scenario` for `durationMs` (at most `maxRequests`); with the webhook, until
 * its deliveries are done too, so that none of them falls into a recorded slice.
 */
async function warmUp(scenario, durationMs, maxRequests) {
  const warm = await load(scenario.url, { durationMs, maxRequests })
  if (warm.errors > 0) throw new Error(`${scenario.id}: ${warm.firstError}`)
  scenario.accepted += warm.latencies.length
  if (scenario.mode === 'webhook') await drain(scenario)
}

/** A scenario's recorded turn in `round`, summed over its slices. */
function emptyTurn(scenario, round) {
  return {
    round,
    latencies: [],
    elapsedMs: 0,
    drainMs: 0,
    /** Per webhook slice: from its last answer until the receiver had every event. */
    drains: [],
    serverCpuMs: 0,
    clusterCpuMs: scenario.database === 'PostgreSQL' ? 0 : null,
    receiverCpuMs: scenario.mode === 'webhook' ? 0 : null,
  }
}

/**
 * One recorded slice of `scenario`'s turn: `sliceMs` of load (or its share of `maxPerRound`),
 * with the webhook until every event arrived and was recorded as delivered; adds its
 * submissions, time and CPU to `turn`.
 */
async function measureSlice(scenario, turn, postmasterPid) {
  const webhook = scenario.mode === 'webhook'
  const onPostgres = scenario.database === 'PostgreSQL'
  const serverCpu0 = processCpuMs(scenario.pid)
  const clusterCpu0 = onPostgres ? clusterCpuMs(postmasterPid) : 0
  const receiverCpu0 = webhook ? processCpuMs(receiver.pid) : 0
  const measured = await load(scenario.url, {
    durationMs: sliceMs,
    maxRequests: Math.ceil(maxPerRound / slices),
  })
  if (measured.errors > 0) throw new Error(`${scenario.id}: ${measured.firstError}`)
  scenario.accepted += measured.latencies.length
  const drainMs = webhook ? await drain(scenario) : 0
  turn.serverCpuMs += processCpuMs(scenario.pid) - serverCpu0
  if (onPostgres) turn.clusterCpuMs += clusterCpuMs(postmasterPid) - clusterCpu0
  if (webhook) {
    turn.receiverCpuMs += processCpuMs(receiver.pid) - receiverCpu0
    turn.drains.push(drainMs)
  }
  turn.latencies.push(...measured.latencies)
  turn.elapsedMs += measured.elapsedMs
  turn.drainMs += drainMs
}

/**
 * The webhook scenario against the Trickle API without a destination on the same database,
 * round by round: submissions per second, webhook ÷ trickle (`pairedRatios`), and CPU ms per
 * submission, trickle ÷ webhook (`cpuRatios`); below 1× the webhook costs throughput or CPU.
 */
function pairedWithTrickle(webhook, active) {
  const trickle = active.find((s) => s.database === webhook.database && s.mode === 'trickle')
  if (!trickle) return {}
  const pairs = webhook.samples.map((sample) => {
    const twin = trickle.samples.find((item) => item.round === sample.round)
    if (!twin) throw new Error(`${webhook.id}: no trickle turn in round ${sample.round}`)
    return [sample, twin]
  })
  return {
    pairedRatios: pairs.map(([w, t]) => w.perSecond / t.perSecond),
    cpuRatios: pairs.map(([w, t]) => t.cpuMsPerSubmission / w.cpuMsPerSubmission),
  }
}

/**
 * The table statistics per submission of a PostgreSQL database, read after its server ended
 * (ended connections report their statistics shortly after).
 */
async function postgresActivity(url, submissions) {
  const { default: pg } = await import('pg')
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  const read = async () => (await client.query(tableActivitySql)).rows[0]
  try {
    // Read until two reads agree.
    let stats = await read()
    for (let i = 0; i < 20; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250))
      const next = await read()
      const same = next.scans === stats.scans && next.inserted === stats.inserted
      stats = next
      if (same) break
    }
    return perSubmission(stats, submissions)
  } finally {
    await client.end()
  }
}
