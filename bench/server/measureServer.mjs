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
import { load as loadWith } from './submissionLoad.mjs'
import { perSubmission, tableActivitySql } from './tableActivity.mjs'
import { startWebhookReceiver } from './webhookReceiver.mjs'

/**
 * Part 4, run in its own process: first-visit submissions to the Trickle API and to a baseline
 * that writes the same rows through the same driver, with 16 concurrent clients on loopback,
 * on PGlite (a data folder) and on PostgreSQL 15 (the server tests' harness), and to the Trickle
 * API with one webhook destination (a local receiver answering 200). The six servers run side
 * by side; the scenarios take turns for `rounds` rounds, each bounded in time and in count,
 * after an unrecorded warm-up. A webhook round ends when every event of it has been delivered:
 * its submissions per second count the time until then.
 */
const concurrency = 16
const rounds = 3
const warmupMs = 1_000
const measureMs = 4_000
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

/** The outbox of a webhook scenario by status, e.g. `{ delivered: 120, pending: 3 }`. */
const outbox = (scenario) => benchRoute(scenario.url, 'deliveries')

/**
 * Waits until the outbox of a webhook scenario has nothing pending (every event delivered,
 * none dead); returns how long that took. Bounded by `drainLimitMs`.
 */
async function drain(scenario) {
  const started = performance.now()
  for (;;) {
    const states = await outbox(scenario)
    if (!states.pending && !states.dead) return performance.now() - started
    if (states.dead) throw new Error(`${scenario.id}: dead deliveries ${JSON.stringify(states)}`)
    if (performance.now() - started > drainLimitMs) {
      throw new Error(`${scenario.id}: deliveries still pending after ${drainLimitMs} ms`)
    }
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

try {
  const postgresSkipped = postgresMissingReason()
  if (!postgresSkipped) postgres = await startPostgres()
  receiver = await startWebhookReceiver()
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
    active.push({ ...scenario, target, url: server.url, hookPath, samples: [], accepted: 0 })
  }

  for (let round = 0; round < rounds; round++) {
    const order = [
      ...active.slice(round % active.length),
      ...active.slice(0, round % active.length),
    ]
    for (const scenario of order) {
      if (Date.now() > deadline) throw new Error('server: time limit reached')
      const webhook = scenario.mode === 'webhook'
      const warm = await load(scenario.url, { durationMs: warmupMs, maxRequests: 1_000 })
      if (warm.errors > 0) throw new Error(`${scenario.id}: ${warm.firstError}`)
      // The warm-up's deliveries are not part of the measured round.
      if (webhook) await drain(scenario)
      const measured = await load(scenario.url, { durationMs: measureMs, maxRequests: maxPerRound })
      if (measured.errors > 0) throw new Error(`${scenario.id}: ${measured.firstError}`)
      measured.drainMs = webhook ? await drain(scenario) : 0
      scenario.accepted += warm.latencies.length + measured.latencies.length
      scenario.samples.push(measured)
      console.log(
        `round ${round + 1} ${scenario.id}: ${measured.latencies.length} submissions in ${(measured.elapsedMs / 1000).toFixed(1)} s${webhook ? `, all delivered ${(measured.drainMs / 1000).toFixed(2)} s after the last` : ''}`,
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
      perSecond: median(
        scenario.samples.map((s) => (s.latencies.length * 1000) / (s.elapsedMs + s.drainMs)),
      ),
      ...(webhook ? { webhook } : {}),
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
