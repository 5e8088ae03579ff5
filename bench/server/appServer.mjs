import { readFileSync } from 'node:fs'
import { serve } from '@hono/node-server'
import { parseConfig } from '@trickle/core'
import { createTrickleServer, openDatabase } from '@trickle/server'
import { repoRoot } from '../lib/repoRoot.mjs'
import { baselineSubmit } from './baselineSubmit.mjs'
import { rawClient } from './rawClient.mjs'
import { tableActivitySql } from './tableActivity.mjs'

/**
 * One server of the server benchmark, in its own process (run with tsx on the sources):
 * `node appServer.mjs <trickle|webhook|baseline> <postgres-url | pglite-folder> [receiver-url]`.
 * - trickle: the Trickle API (createTrickleServer), rate limiting off (16 clients share one IP);
 * - webhook: the same with one webhook destination (`crm`, serving the purposes of every field
 *   of the form) that delivers to `receiver-url`;
 * - baseline: the same inserts through the same driver, with no Trickle in between.
 * Both open the database with openDatabase (same migrated schema, same pool) and answer on
 * @hono/node-server. `GET /__bench/counts` gives the row count of every table and
 * `GET /__bench/activity` the table statistics (PGlite), `GET /__bench/deliveries` the outbox
 * rows by status and `GET /__bench/pending` the pending ones. The process ends
 * when its stdin closes, so it never outlives the benchmark.
 */
const [mode, target, receiverUrl] = process.argv.slice(2)
if (!['trickle', 'webhook', 'baseline'].includes(mode) || !target) {
  throw new Error(
    'Usage: appServer.mjs <trickle|webhook|baseline> <postgres-url | pglite-folder> [receiver-url]',
  )
}
if (mode === 'webhook' && !receiverUrl) throw new Error('webhook mode needs a receiver URL')

/** The signing secret of the bench's webhook (the receiver does not verify it). */
const benchWebhookSecret = `whsec_${Buffer.from('trickle-bench-webhook-secret').toString('base64')}`

const tables = ['visitors', 'field_values', 'consent_events', 'consent_texts', 'submissions']

const configText = readFileSync(
  `${repoRoot}/packages/core/tests/fixtures/b2b-whitepaper.json`,
  'utf8',
)
const fixture = JSON.parse(configText)
const parsed = parseConfig(
  mode === 'webhook'
    ? {
        ...fixture,
        destinations: [
          { id: 'crm', type: 'webhook', purposes: ['delivery', 'personalisation', 'sales'] },
        ],
      }
    : fixture,
)
if (!parsed.ok) throw new Error('The b2b-whitepaper fixture is not a valid config')
const config = parsed.config

const database = await openDatabase(
  target.startsWith('postgres') ? { url: target } : { dataDir: target },
)
const client = rawClient(database)

let handle
if (mode !== 'baseline') {
  const trickle = createTrickleServer({
    config,
    database,
    secret: 'bench-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
    rateLimit: false,
    mailer: { sendConfirmation: async () => {} },
    log: (line) => console.error(line),
    ...(mode === 'webhook'
      ? { destinations: { crm: { url: receiverUrl, secret: benchWebhookSecret } } }
      : {}),
  })
  handle = (request) => trickle.app.fetch(request)
} else {
  handle = baselineSubmit(config, client)
}

const counts = async () => {
  const result = {}
  for (const table of tables) {
    const { rows } = await client.query(`select count(*)::int as n from ${table}`)
    result[table] = Number(rows[0].n)
  }
  return Response.json(result)
}

/** Table statistics of this process's connection (PGlite has one; it flushes them first). */
const activity = async () => {
  if (database.kind === 'pglite') await client.query('select pg_stat_force_next_flush()')
  const { rows } = await client.query(tableActivitySql)
  return Response.json(rows[0])
}

/** The outbox rows by status (none without a destination). */
const deliveryStates = async () => {
  const { rows } = await client.query(
    'select status, count(*)::int as n from deliveries group by status',
  )
  return Response.json(Object.fromEntries(rows.map((row) => [row.status, Number(row.n)])))
}

/** The pending outbox rows only: read through the outbox's partial index, not by a scan. */
const pendingDeliveries = async () => {
  const { rows } = await client.query(
    "select count(*)::int as n from deliveries where status = 'pending'",
  )
  return Response.json({ pending: Number(rows[0].n) })
}

const benchRoutes = new Map([
  ['/__bench/counts', counts],
  ['/__bench/activity', activity],
  ['/__bench/deliveries', deliveryStates],
  ['/__bench/pending', pendingDeliveries],
])

const server = serve(
  {
    port: 0,
    hostname: '127.0.0.1',
    fetch: (request) => {
      const route = benchRoutes.get(new URL(request.url).pathname)
      return route ? route() : handle(request)
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
