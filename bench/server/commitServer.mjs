import { readFileSync } from 'node:fs'
import { Session } from 'node:inspector/promises'
import { serve } from '@hono/node-server'
import { parseConfig } from '@trickle/core'
import { createTrickleServer, openDatabase } from '@trickle/server'

/**
 * The Trickle API of one commit, for compareCommits.mjs. startCommitServer.mjs copies this file
 * into the commit's checkout (`node_modules/.trickle-compare/`, outside git's view), so every
 * import below resolves to that commit's own sources and dependencies, unchanged; it runs there
 * with tsx and the `@trickle/source` condition:
 * `node commitServer.mjs <postgres-url | pglite-folder> <config.json> [--count-calls]`.
 * Like appServer.mjs's trickle mode: `createTrickleServer` with rate limiting off, on
 * `openDatabase` and @hono/node-server. `GET /__bench/counts` gives the row count of the tables
 * a first visit writes. With `--count-calls`, V8's precise coverage counts every call of the
 * core's functions from the start, and `GET /__bench/calls` returns the calls of `planVisit` and
 * `applySubmission` since the previous request (taking the coverage resets the counts); the
 * commits' code stays as it is. The process ends when its stdin closes.
 */
const [target, configFile, flag] = process.argv.slice(2)
if (!target || !configFile || (flag !== undefined && flag !== '--count-calls')) {
  throw new Error(
    'Usage: commitServer.mjs <postgres-url | pglite-folder> <config.json> [--count-calls]',
  )
}

let coverage
if (flag === '--count-calls') {
  coverage = new Session()
  coverage.connect()
  await coverage.post('Profiler.enable')
  await coverage.post('Profiler.startPreciseCoverage', { callCount: true, detailed: false })
}

/** The core functions whose calls are counted, by name, in the core's sources of this checkout. */
const countedFunctions = ['planVisit', 'applySubmission']
const coreSources = new URL('../../packages/core/src/', import.meta.url).href

const parsed = parseConfig(JSON.parse(readFileSync(configFile, 'utf8')))
if (!parsed.ok) throw new Error(`${configFile} is not a valid config at this commit`)

const database = await openDatabase(
  target.startsWith('postgres') ? { url: target } : { dataDir: target },
)
const driver = database.db.$client
const trickle = createTrickleServer({
  config: parsed.config,
  database,
  secret: 'bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
  rateLimit: false,
  mailer: { sendConfirmation: async () => {} },
  log: (line) => console.error(line),
})

const tables = ['visitors', 'field_values', 'consent_events', 'consent_texts', 'submissions']

const counts = async () => {
  const result = {}
  for (const table of tables) {
    const { rows } = await driver.query(`select count(*)::int as n from ${table}`)
    result[table] = Number(rows[0].n)
  }
  return Response.json(result)
}

/** Calls of the counted functions since the last take (V8 resets the counts on each take). */
const calls = async () => {
  if (!coverage) return new Response('started without --count-calls', { status: 404 })
  const { result } = await coverage.post('Profiler.takePreciseCoverage')
  const found = Object.fromEntries(countedFunctions.map((name) => [name, 0]))
  for (const script of result) {
    if (!script.url.startsWith(coreSources)) continue
    for (const fn of script.functions) {
      if (Object.hasOwn(found, fn.functionName)) found[fn.functionName] += fn.ranges[0]?.count ?? 0
    }
  }
  return Response.json(found)
}

const benchRoutes = new Map([
  ['/__bench/counts', counts],
  ['/__bench/calls', calls],
])

const server = serve(
  {
    port: 0,
    hostname: '127.0.0.1',
    fetch: (request) => {
      const route = benchRoutes.get(new URL(request.url).pathname)
      return route ? route() : trickle.app.fetch(request)
    },
  },
  (info) => console.log(`listening on http://127.0.0.1:${info.port}`),
)

const stop = () => {
  server.close()
  void database.close().finally(() => process.exit(0))
}
process.stdin.on('end', stop)
process.stdin.on('close', stop)
process.stdin.resume()
process.on('SIGTERM', stop)
