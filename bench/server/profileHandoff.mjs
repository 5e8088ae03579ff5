import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseConfig } from '@trickle/core'
import { createTrickleServer, openDatabase } from '@trickle/server'
import { createDeliveryWorker } from '../../packages/server/src/delivery/createDeliveryWorker.ts'
import { webhookAdapter } from '../../packages/server/src/delivery/webhookAdapter.ts'
import {
  postgresMissingReason,
  startPostgres,
} from '../../packages/server/tests/support/postgres.ts'
import { repoRoot } from '../lib/repoRoot.mjs'
import { cpuProfile } from './cpuProfile.mjs'
import { clusterCpuMs, parentPid } from './processCpu.mjs'
import { createTimeline } from './statementTimeline.mjs'
import { firstVisit as firstVisitBody } from './submissionLoad.mjs'
import { startWebhookReceiverProcess } from './webhookReceiver.mjs'

/**
 * Where the time of the hand-off goes, measured inside one process (a busy machine makes
 * absolute rates noisy; CPU time per submission much less so). Not part of `npm run bench`:
 *
 *   node --import tsx --conditions=@trickle/source bench/server/profileHandoff.mjs \
 *     [--db=pglite,postgres] [--count=2000] [--batch=50,8] [--profile=1] [--profilelive=1]
 *     [--claimcost=1] [--explain=1] [--marks=1]
 *
 * Per database: (1) `count` first-visit submissions through `app.fetch` (16 at a time) without a
 * destination and with one webhook destination, until every event is delivered: wall time and
 * CPU per submission of this process and, on PostgreSQL, of the database server's processes;
 * (2) the same outbox rows set pending again and drained by a fresh delivery worker, one batch
 * size at a time, with every statement and post stamped (`statementTimeline.mjs`): CPU and wall
 * time per delivered event by phase. The receiver runs in a child process (it answers 200).
 * `--profilelive` samples this process's CPU during the live run with the webhook
 * (`--profilelive=both`: during both live runs, and prints the difference per submission),
 * `--claimcost` times empty claims (wall and CPU), `--explain` prints the plans of the drain's
 * statements, `--marks` prints each live run's measured span in CLOCK_MONOTONIC seconds, to cut
 * a `perf record -a -k CLOCK_MONOTONIC` of the whole machine (`perf report --time <span>`).
 */
const args = Object.fromEntries(
  process.argv.slice(2).map((arg) => arg.replace(/^--/, '').split('=')),
)
const databases = (args.db ?? 'pglite,postgres').split(',')
const count = Number(args.count ?? 2000)
const batches = (args.batch ?? '50,8').split(',').map(Number)
const concurrency = 16
const secret = `whsec_${Buffer.from('trickle-bench-webhook-secret').toString('base64')}`

const fixture = JSON.parse(
  readFileSync(`${repoRoot}/packages/core/tests/fixtures/b2b-whitepaper.json`, 'utf8'),
)
const configFor = (webhook) => {
  const parsed = parseConfig(
    webhook
      ? {
          ...fixture,
          destinations: [
            { id: 'crm', type: 'webhook', purposes: ['delivery', 'personalisation', 'sales'] },
          ],
        }
      : fixture,
  )
  if (!parsed.ok) throw new Error('the b2b-whitepaper fixture is not a valid config')
  return parsed.config
}

/** A first-visit submission of a new visitor, as the server bench sends it. */
const firstVisit = () =>
  new Request('http://127.0.0.1/v1/submissions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: firstVisitBody(),
  })

const cpuMs = () => {
  const { user, system } = process.cpuUsage()
  return (user + system) / 1000
}

async function pending(database) {
  const { rows } = await database.db.$client.query(
    "select count(*)::int as n from deliveries where status = 'pending'",
  )
  return Number(rows[0].n)
}

/** `count` submissions, 16 at a time, then (webhook) until nothing is pending. */
async function liveRun(database, webhook, receiverUrl, postmasterPid) {
  const server = createTrickleServer({
    config: configFor(webhook),
    // Closing the server stops its worker; the database stays open for the drains.
    database: { ...database, close: async () => {} },
    secret: 'bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
    rateLimit: false,
    mailer: { sendConfirmation: async () => {} },
    log: (line) => console.error(line),
    ...(webhook ? { destinations: { crm: { url: receiverUrl, secret } } } : {}),
  })
  // Statements of the live run by kind (PGlite: the one connection in this process).
  const timeline = createTimeline()
  if (database.kind === 'pglite') timeline.instrument(database)
  // Warm-up (JIT, prepared plans), not counted.
  for (let i = 0; i < 200; i++) await server.app.fetch(firstVisit())
  while (webhook && (await pending(database)) > 0) await new Promise((r) => setTimeout(r, 20))
  timeline.reset()
  const cpu0 = cpuMs()
  const pg0 = clusterCpuMs(postmasterPid)
  const t0 = performance.now()
  // `--marks`: the measured span in CLOCK_MONOTONIC seconds, for `perf record -k CLOCK_MONOTONIC`.
  const mark0 = Number(process.hrtime.bigint()) / 1e9
  let sent = 0
  const client = async () => {
    while (sent < count) {
      sent += 1
      const response = await server.app.fetch(firstVisit())
      if (response.status !== 201) throw new Error(`${response.status} ${await response.text()}`)
    }
  }
  const submitAndDeliver = async () => {
    await Promise.all(Array.from({ length: concurrency }, client))
    const answered = performance.now() - t0
    while (webhook && (await pending(database)) > 0) await new Promise((r) => setTimeout(r, 10))
    return answered
  }
  let answeredMs
  let sampled
  if ((webhook && args.profilelive) || args.profilelive === 'both')
    sampled = await cpuProfile(async () => (answeredMs = await submitAndDeliver()), {
      top: args.profilelive === 'both' ? 400 : 20,
    })
  else answeredMs = await submitAndDeliver()
  const wallMs = performance.now() - t0
  if (args.marks) {
    const span = `${mark0.toFixed(6)},${(Number(process.hrtime.bigint()) / 1e9).toFixed(6)}`
    console.log(`  measured span (${webhook ? 'webhook' : 'none'}): ${span}`)
  }
  const result = {
    submissionsPerSecond: (count * 1000) / wallMs,
    answeredPerSecond: (count * 1000) / answeredMs,
    cpuMsPerSubmission: (cpuMs() - cpu0) / count,
    databaseCpuMsPerSubmission: (clusterCpuMs(postmasterPid) - pg0) / count,
    ...(database.kind === 'pglite'
      ? {
          statementsPerSubmission: Object.fromEntries(
            Object.entries(timeline.counts()).map(([k, n]) => [k, Number((n / count).toFixed(3))]),
          ),
        }
      : {}),
  }
  await server.close()
  if (args.profilelive === 'both') result.sampled = sampled
  else if (sampled) {
    console.log(`  live run with the webhook, sampled CPU by module, ms for ${count} submissions:`)
    for (const { name, ms } of sampled.groups) console.log(`    ${String(ms).padStart(8)}  ${name}`)
    console.log('  heaviest functions, ms:')
    for (const { name, ms } of sampled.functions)
      console.log(`    ${String(ms).padStart(8)}  ${name}`)
  }
  return result
}

/** The delivered rows set pending again and drained by a fresh worker, `batchSize` at a time. */
async function drainRun(database, receiverUrl, batchSize, postmasterPid) {
  const timeline = createTimeline()
  timeline.instrument(database)
  const { rowCount } = await database.db.$client.query(
    `update deliveries set status = 'pending', attempts = 0, locked_until = null,
       next_attempt_at = now() - interval '1 second', delivered_at = null, delivered_fields = null`,
  )
  const adapter = timeline.adapter(webhookAdapter({ url: receiverUrl, secret }))
  const worker = createDeliveryWorker({
    database,
    config: configFor(true),
    adapters: new Map([['crm', adapter]]),
    batchSize,
    pollIntervalMs: 3_600_000,
    now: () => new Date(),
    log: (line) => console.error(line),
  })
  timeline.reset()
  const cpu0 = cpuMs()
  const pg0 = clusterCpuMs(postmasterPid)
  const t0 = performance.now()
  const sampled = args.profile ? await cpuProfile(() => worker.drain()) : await worker.drain()
  const wallMs = performance.now() - t0
  const cpu = cpuMs() - cpu0
  const databaseCpu = clusterCpuMs(postmasterPid) - pg0
  await worker.close()
  const plans = {}
  if (args.explain) {
    const client = database.db.$client
    for (const label of [
      'claim',
      'select visitors',
      'select field_values',
      'select consent_events',
      'select profiles',
      'mark delivered',
    ]) {
      const statement = timeline.last(label)
      if (!statement) continue
      await client.query('begin')
      const { rows } = await client.query(
        `explain (analyze, buffers, costs off) ${statement.text}`,
        statement.params,
      )
      await client.query('rollback')
      plans[label] = rows.map((row) => row['QUERY PLAN']).join('\n')
    }
  }
  const left = await pending(database)
  if (left > 0) throw new Error(`${left} rows still pending after the drain`)
  const per = (ms) => Number(((ms * 1000) / rowCount).toFixed(1))
  const phases = Object.entries(timeline.phases())
    .map(([phase, { wallMs: w, cpuMs: c }]) => ({ phase, cpuUs: per(c), wallUs: per(w) }))
    .filter((row) => row.wallUs >= 0.5)
    .sort((a, b) => b.wallUs - a.wallUs)
  return {
    ...(sampled ? { sampled } : {}),
    ...(args.explain ? { plans } : {}),
    batchSize,
    events: rowCount,
    cpuUsPerEvent: per(cpu),
    wallUsPerEvent: per(wallMs),
    databaseCpuUsPerEvent: per(databaseCpu),
    statementsPerEvent: Object.fromEntries(
      Object.entries(timeline.counts()).map(([k, n]) => [k, Number((n / rowCount).toFixed(3))]),
    ),
    phases,
  }
}

/**
 * What the worker's claim costs when nothing is due, after the live run's deliveries (their old
 * row versions still in the indexes) and again after VACUUM of the outbox: ms per claim.
 */
async function claimCost(database) {
  const timeline = createTimeline()
  timeline.instrument(database)
  const worker = createDeliveryWorker({
    database,
    config: configFor(true),
    adapters: new Map([['crm', { deliver: async () => ({ ok: true }) }]]),
    pollIntervalMs: 3_600_000,
    now: () => new Date(),
    log: () => {},
  })
  const timeClaims = async () => {
    const t0 = performance.now()
    const cpu0 = cpuMs()
    for (let i = 0; i < 100; i++) await worker.drain()
    const wall = ((performance.now() - t0) / 100).toFixed(3)
    return { wallMs: Number(wall), cpuMs: Number(((cpuMs() - cpu0) / 100).toFixed(3)) }
  }
  const client = database.db.$client
  const { rows } = await client.query('select count(*)::int as n from deliveries')
  const before = await timeClaims()
  await client.query('vacuum deliveries')
  const after = await timeClaims()
  await worker.close()
  return { outboxRows: Number(rows[0].n), perClaimBefore: before, perClaimAfterVacuum: after }
}

// The receiver in its own process, so its work is not counted here.
const receiver = await startWebhookReceiverProcess()
const cleanups = [() => receiver.stop()]
try {
  for (const kind of databases) {
    let open
    let postmasterPid
    if (kind === 'postgres') {
      const missing = postgresMissingReason()
      if (missing) {
        console.log(`postgres: skipped (${missing})`)
        continue
      }
      const postgres = await startPostgres()
      cleanups.push(() => postgres.stop())
      const probe = await openDatabase({ url: postgres.url, migrate: false })
      const { rows } = await probe.db.$client.query('select pg_backend_pid() as pid')
      postmasterPid = parentPid(rows[0].pid)
      await probe.close()
      open = async () => openDatabase({ url: await postgres.createDatabase() })
    } else {
      open = async () => {
        const folder = mkdtempSync(join(tmpdir(), 'trickle-handoff-'))
        cleanups.push(() => rmSync(folder, { recursive: true, force: true }))
        return openDatabase({ dataDir: folder })
      }
    }
    const databaseNone = await open()
    const none = await liveRun(databaseNone, false, receiver.url, postmasterPid)
    await databaseNone.close()
    const { sampled: noneSampled, ...noneShown } = none
    console.log(`${kind} no destination`, JSON.stringify(noneShown))
    const database = await open()
    cleanups.push(() => database.close())
    const webhook = await liveRun(database, true, receiver.url, postmasterPid)
    const { sampled: webhookSampled, ...webhookShown } = webhook
    console.log(`${kind} one webhook   `, JSON.stringify(webhookShown))
    if (noneSampled && webhookSampled) printProfileDifference(noneSampled, webhookSampled)
    const total = (run) => run.cpuMsPerSubmission + run.databaseCpuMsPerSubmission
    console.log(
      `${kind}: CPU per submission, no destination ÷ one webhook: ${(total(none) / total(webhook)).toFixed(3)}`,
    )
    if (args.claimcost) console.log(`${kind} claim cost`, JSON.stringify(await claimCost(database)))
    for (const batchSize of batches) {
      const drained = await drainRun(database, receiver.url, batchSize, postmasterPid)
      const { phases, statementsPerEvent, sampled, plans, ...totals } = drained
      for (const [label, plan] of Object.entries(plans ?? {}))
        console.log(`  plan of ${label}:\n${plan}`)
      console.log(`${kind} drain ${JSON.stringify(totals)}`)
      console.log(`  statements per event ${JSON.stringify(statementsPerEvent)}`)
      for (const { phase, cpuUs, wallUs } of phases) {
        console.log(
          `  ${phase.padEnd(52)} cpu ${String(cpuUs).padStart(7)} µs  wall ${String(wallUs).padStart(7)} µs`,
        )
      }
      if (sampled) {
        console.log(`  sampled CPU by module, ms for ${drained.events} events:`)
        for (const { name, ms } of sampled.groups)
          console.log(`    ${String(ms).padStart(8)}  ${name}`)
        console.log('  heaviest functions, ms:')
        for (const { name, ms } of sampled.functions)
          console.log(`    ${String(ms).padStart(8)}  ${name}`)
      }
    }
  }
} finally {
  for (const cleanup of cleanups.reverse()) await cleanup()
}

/**
 * `--profilelive=both`: the sampled self time per submission, one webhook − no destination, by
 * module group and by function (the 30 largest differences each way), in µs.
 */
function printProfileDifference(none, webhook) {
  for (const key of ['groups', 'functions']) {
    const before = new Map(none[key].map(({ name, ms }) => [name, ms]))
    const after = new Map(webhook[key].map(({ name, ms }) => [name, ms]))
    const names = new Set([...before.keys(), ...after.keys()])
    const rows = [...names]
      .map((name) => [name, (((after.get(name) ?? 0) - (before.get(name) ?? 0)) * 1000) / count])
      .sort((a, b) => Math.abs(b[1]) - Math.abs(a[1]))
      .slice(0, 30)
    const total = rows.reduce((sum, [, us]) => sum + us, 0)
    console.log(
      `  sampled self time by ${key}, webhook − none, µs per submission (sum shown ${total.toFixed(0)}):`,
    )
    for (const [name, us] of rows) console.log(`    ${us.toFixed(1).padStart(8)}  ${name}`)
  }
}
