import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  postgresMissingReason,
  startPostgres,
} from '../../packages/server/tests/support/postgres.ts'
import { repoRoot } from '../lib/repoRoot.mjs'
import { sendResult } from '../lib/runNodeScript.mjs'
import { median, percentile } from '../lib/stats.mjs'
import { commitServerEntry } from './commitCheckout.mjs'
import { postgresVersion } from './postgresVersion.mjs'
import { startServerProcess } from './startAppServer.mjs'
import { load } from './submissionLoad.mjs'

/**
 * The measuring child of compareCommits.mjs (run with tsx in this checkout):
 * `measureCommits.mjs '<json>'` with `{ sides: [{ label, rev, sha, dir }, …], rounds }`, each `dir`
 * a prepared checkout of its commit. Every commit's Trickle API (commitServer.mjs) runs in its own
 * process on PGlite (a data folder) and on PostgreSQL 15 (the server tests' harness, one
 * database per server). After a first warm-up of each server, the rounds alternate the commits
 * (A B A B …) per database, each turn an unrecorded warm-up and then a recorded stretch bounded
 * in time and count, with 16 clients sending first-visit submissions over loopback. Afterwards
 * the rows are checked and, on a fresh
 * PGlite server per commit started with --count-calls, the planner calls per submission counted.
 * Each round also reads the server process's CPU time (/proc/<pid>/stat) before and after its
 * recorded stretch: CPU ms per submission depends much less on what else the machine runs.
 */
const { sides, rounds } = JSON.parse(process.argv[2] ?? '{}')
if (!Array.isArray(sides) || sides.length !== 2 || !(rounds >= 1)) {
  throw new Error('Usage: measureCommits.mjs \'{"sides": [A, B], "rounds": 9}\'')
}
const concurrency = 16
/** Each server's first warm-up, before round 1 (the JIT and the database caches). */
const initialWarmupMs = 8_000
const warmupMs = 1_000
const measureMs = 4_000
const maxPerRound = 5_000
const countedSubmissions = 160
const deadline = Date.now() + 480_000
const configFile = join(repoRoot, 'packages/core/tests/fixtures/b2b-whitepaper.json')

const folders = []
const servers = []
let postgres
let finished = false

async function cleanUp() {
  if (finished) return
  finished = true
  await Promise.allSettled(servers.map((server) => server.stop()))
  await postgres?.stop()
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
}
process.once('SIGTERM', () => void cleanUp().finally(() => process.exit(1)))

/** Clock ticks per second of /proc/<pid>/stat's CPU times. */
const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim())

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux). */
function cpuMs(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  // The fields after the command name (which is in parentheses and may hold spaces).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond
}

async function benchRoute(url, path) {
  const response = await fetch(`${url}/__bench/${path}`)
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`)
  return response.json()
}

function pgliteFolder(side) {
  const folder = mkdtempSync(join(tmpdir(), `trickle-compare-${side.sha.slice(0, 7)}-`))
  folders.push(folder)
  return folder
}

async function startCommitServer(side, target, extra = []) {
  const server = await startServerProcess(
    [commitServerEntry(side.dir), target, configFile, ...extra],
    {
      cwd: side.dir,
      label: `server of ${side.rev}`,
      timeoutMs: 90_000,
    },
  )
  servers.push(server)
  return server
}

const loads = [loadavg()]
try {
  const postgresSkipped = postgresMissingReason()
  if (!postgresSkipped) postgres = await startPostgres()
  const scenarios = []
  for (const database of postgresSkipped ? ['PGlite'] : ['PGlite', 'PostgreSQL']) {
    for (const side of sides) {
      const target = database === 'PGlite' ? pgliteFolder(side) : await postgres.createDatabase()
      const server = await startCommitServer(side, target)
      scenarios.push({ database, side: side.label, url: server.url, pid: server.pid, samples: [] })
    }
  }

  for (const scenario of scenarios) {
    const warm = await load(scenario.url, {
      concurrency,
      durationMs: initialWarmupMs,
      maxRequests: 5_000,
    })
    if (warm.errors > 0) throw new Error(`${scenario.side}: ${warm.firstError}`)
  }
  loads.push(loadavg())

  for (let round = 0; round < rounds; round++) {
    for (const scenario of scenarios) {
      if (Date.now() > deadline) throw new Error('compare: time limit reached')
      const warm = await load(scenario.url, {
        concurrency,
        durationMs: warmupMs,
        maxRequests: 1_000,
      })
      if (warm.errors > 0) throw new Error(`${scenario.side}: ${warm.firstError}`)
      const cpuBefore = cpuMs(scenario.pid)
      const measured = await load(scenario.url, {
        concurrency,
        durationMs: measureMs,
        maxRequests: maxPerRound,
      })
      const serverCpuMs = cpuMs(scenario.pid) - cpuBefore
      if (measured.errors > 0) throw new Error(`${scenario.side}: ${measured.firstError}`)
      measured.perSecond = (measured.latencies.length * 1000) / measured.elapsedMs
      measured.cpuMsPerSubmission = serverCpuMs / measured.latencies.length
      scenario.samples.push(measured)
      console.log(
        `round ${round + 1} ${scenario.database} ${scenario.side}: ${measured.perSecond.toFixed(0)} submissions/s (${measured.latencies.length} in ${(measured.elapsedMs / 1000).toFixed(1)} s), server CPU ${measured.cpuMsPerSubmission.toFixed(2)} ms per submission, load ${loadavg()[0].toFixed(2)}`,
      )
    }
    loads.push(loadavg())
  }

  const results = []
  for (const scenario of scenarios) {
    const rows = await benchRoute(scenario.url, 'counts')
    // Every accepted submission wrote the rows of a first visit, at every commit.
    const bad =
      rows.submissions !== rows.visitors ||
      rows.field_values !== 4 * rows.submissions ||
      rows.consent_events !== 2 * rows.submissions ||
      rows.consent_texts !== 2
    if (bad) throw new Error(`${scenario.database} ${scenario.side}: rows ${JSON.stringify(rows)}`)
    const latencies = scenario.samples.flatMap((sample) => sample.latencies)
    const rates = scenario.samples.map((sample) => sample.perSecond)
    const cpu = scenario.samples.map((sample) => sample.cpuMsPerSubmission)
    results.push({
      database: scenario.database,
      side: scenario.side,
      perRound: rates.map((rate) => Number(rate.toFixed(1))),
      perSecond: median(rates),
      min: Math.min(...rates),
      max: Math.max(...rates),
      cpuMsPerRound: cpu.map((value) => Number(value.toFixed(3))),
      cpuMsPerSubmission: median(cpu),
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      submissions: latencies.length,
      rows: rows.submissions,
    })
  }
  await Promise.all(servers.splice(0).map((server) => server.stop()))

  // Planner calls per submission, on servers that count calls (not the timed ones).
  const calls = []
  for (const side of sides) {
    const server = await startCommitServer(side, pgliteFolder(side), ['--count-calls'])
    await benchRoute(server.url, 'calls')
    const run = await load(server.url, {
      concurrency,
      durationMs: 60_000,
      maxRequests: countedSubmissions,
    })
    if (run.errors > 0) throw new Error(`${side.rev} (counting): ${run.firstError}`)
    const counted = await benchRoute(server.url, 'calls')
    const submissions = run.latencies.length
    calls.push({
      side: side.label,
      submissions,
      planVisit: counted.planVisit / submissions,
      applySubmission: counted.applySubmission / submissions,
    })
    console.log(`calls per submission at ${side.rev}: ${JSON.stringify(calls.at(-1))}`)
    await server.stop()
    servers.splice(servers.indexOf(server), 1)
  }

  sendResult({
    concurrency,
    rounds,
    initialWarmupMs,
    warmupMs,
    measureMs,
    maxPerRound,
    postgresSkipped,
    postgresVersion: postgres ? await postgresVersion(postgres.url) : null,
    loads,
    scenarios: results,
    calls,
  })
} finally {
  await cleanUp()
}
