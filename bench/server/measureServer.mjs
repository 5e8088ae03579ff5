import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  postgresMissingReason,
  startPostgres,
} from '../../packages/server/tests/support/postgres.ts'
import { installedVersion } from '../lib/packageInfo.mjs'
import { sendResult } from '../lib/runNodeScript.mjs'
import { median, percentile } from '../lib/stats.mjs'
import { startAppServer } from './startAppServer.mjs'
import { postgresVersion } from './postgresVersion.mjs'
import { clusterCpuMs, postmasterPidOf, processCpuMs } from './processCpu.mjs'
import { load as loadWith } from './submissionLoad.mjs'
import { perSubmission, tableActivitySql } from './tableActivity.mjs'
import { startWebhookReceiver } from './webhookReceiver.mjs'

/**
 * Part 4, run in its own process: first-visit submissions to the Trickle API and to a baseline
 * that writes the same rows through the same driver, with 16 concurrent clients on loopback,
 * on PGlite (a data folder) and on PostgreSQL 15 (the server tests' harness), and to the Trickle
 * API with one webhook destination (a local receiver answering 200). The six servers run side
 * by side; for `rounds` rounds, each scenario gets one turn per round, bounded in time and in
 * count, after an unrecorded warm-up. A webhook round ends when every event of it has reached
 * the receiver: its submissions per second count the time until then (its CPU time, until the
 * server has also recorded them as delivered).
 *
 * Rounds are paired: within a round the three scenarios of a database run back to back, as
 * baseline, trickle, webhook in rounds 1, 3, 5 and webhook, trickle, baseline in 2, 4, so the
 * Trickle API without a destination always runs next to both of its twins and the order
 * alternates (ABBA); the two databases also swap places every round. The webhook's ratio to
 * the Trickle API is then taken per round (`pairedRatios`), between turns seconds apart.
 *
 * Each turn also reads the CPU time (user + system) the server process used from just before
 * its measured load to the end of its drain, plus, on PostgreSQL, that of the whole cluster
 * (processCpu.mjs): CPU ms per submission depends far less than submissions per second on what
 * else the machine runs. Per round, the Trickle API's CPU per submission ÷ the webhook's is in
 * `cpuRatios`.
 */
const concurrency = 16
const rounds = 5
const warmupMs = 1_000
const measureMs = 3_000
const maxPerRound = 5_000
const deadline = Date.now() + 230_000
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
 * Waits until every event in the outbox of a webhook scenario has arrived at the receiver and
 * returns how long that took (`deliveredMs`); then until the server has recorded them all as
 * delivered (nothing pending, none dead), which its CPU time still counts. The events arrive
 * first: the server marks delivered rows in batches, within 50 ms. The receiver counts in this
 * process, so waiting for it costs the server nothing; the outbox is read once before and every
 * 25 ms after. Bounded by `drainLimitMs`.
 */
async function drain(scenario) {
  const started = performance.now()
  const limit = (what) => {
    if (performance.now() - started > drainLimitMs) {
      throw new Error(`${scenario.id}: ${what} after ${drainLimitMs} ms`)
    }
  }
  // Every submission of the turn has been answered, so its outbox rows are committed.
  const states = await outbox(scenario)
  const written = Object.values(states).reduce((sum, n) => sum + n, 0)
  while (receiver.stats(scenario.hookPath).events < written) {
    limit(`${written - receiver.stats(scenario.hookPath).events} events not received`)
    await new Promise((resolve) => setTimeout(resolve, 2))
  }
  const deliveredMs = performance.now() - started
  for (;;) {
    const now = await outbox(scenario)
    if (now.dead) throw new Error(`${scenario.id}: dead deliveries ${JSON.stringify(now)}`)
    if (!now.pending) return deliveredMs
    limit(`deliveries still pending ${JSON.stringify(now)}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

try {
  const postgresSkipped = postgresMissingReason()
  if (!postgresSkipped) postgres = await startPostgres()
  receiver = await startWebhookReceiver()
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

  for (let round = 0; round < rounds; round++) {
    const order = databaseOrder(round).flatMap((database) =>
      modeOrder(round).flatMap((mode) =>
        active.filter((item) => item.database === database && item.mode === mode),
      ),
    )
    for (const scenario of order) {
      if (Date.now() > deadline) throw new Error('server: time limit reached')
      const webhook = scenario.mode === 'webhook'
      const warm = await load(scenario.url, { durationMs: warmupMs, maxRequests: 1_000 })
      if (warm.errors > 0) throw new Error(`${scenario.id}: ${warm.firstError}`)
      // The warm-up's deliveries are not part of the measured round.
      if (webhook) await drain(scenario)
      const onPostgres = scenario.database === 'PostgreSQL'
      const serverCpu0 = processCpuMs(scenario.pid)
      const clusterCpu0 = onPostgres ? clusterCpuMs(postmasterPid) : 0
      const measured = await load(scenario.url, { durationMs: measureMs, maxRequests: maxPerRound })
      if (measured.errors > 0) throw new Error(`${scenario.id}: ${measured.firstError}`)
      measured.drainMs = webhook ? await drain(scenario) : 0
      measured.serverCpuMs = processCpuMs(scenario.pid) - serverCpu0
      measured.clusterCpuMs = onPostgres ? clusterCpuMs(postmasterPid) - clusterCpu0 : null
      const submissions = measured.latencies.length
      measured.round = round + 1
      measured.perSecond = (submissions * 1000) / (measured.elapsedMs + measured.drainMs)
      measured.cpuMsPerSubmission =
        (measured.serverCpuMs + (measured.clusterCpuMs ?? 0)) / submissions
      scenario.accepted += warm.latencies.length + submissions
      scenario.samples.push(measured)
      console.log(
        `round ${round + 1} ${scenario.id}: ${submissions} submissions in ${(measured.elapsedMs / 1000).toFixed(1)} s${webhook ? `, all delivered ${(measured.drainMs / 1000).toFixed(2)} s after the last` : ''}, ${measured.perSecond.toFixed(0)}/s, CPU ${measured.cpuMsPerSubmission.toFixed(2)} ms per submission${onPostgres ? ` (server ${(measured.serverCpuMs / submissions).toFixed(2)}, cluster ${(measured.clusterCpuMs / submissions).toFixed(2)})` : ''}`,
      )
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
      const received = receiver.stats(scenario.hookPath)
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
        drainMs: median(scenario.samples.map((s) => s.drainMs)),
        maxDrainMs: Math.max(...scenario.samples.map((s) => s.drainMs)),
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
    warmupMs,
    measureMs,
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
