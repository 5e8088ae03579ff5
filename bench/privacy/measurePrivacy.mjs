import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseConfig } from '@trickle/core'
import { createTrickleServer, openDatabase } from '@trickle/server'
import { addressHash } from '../../packages/server/src/privacy/addressHash.ts'
import { createSigner } from '../../packages/server/src/signer.ts'
import {
  postgresMissingReason,
  startPostgres,
} from '../../packages/server/tests/support/postgres.ts'
import { repoRoot } from '../lib/repoRoot.mjs'
import { sendResult } from '../lib/runNodeScript.mjs'
import { median, percentile } from '../lib/stats.mjs'

/**
 * Part 5, run in its own process: the privacy desk finds a person by e-mail among 100,000
 * profiles. Three lookups of the same random addresses (typed in another case, as people write
 * them), on PGlite (a data folder) and on PostgreSQL 15 in the same run:
 * - `index`: the keyed hash of the normalised address (computed as the server does) looked up in
 *   `address_index`;
 * - `scan`: the same question without the index, over the stored values
 *   (`lower(btrim(value #>> '{}'))` of the e-mail fields in `field_values`);
 * - `route`: the whole `GET /v1/admin/people` of the server (index, profiles, audit entry).
 * The profiles are written with bulk SQL (generate_series, and the hashes in batches through
 * unnest), not through the API. Every variant is bounded by count and by time.
 */
const profiles = 100_000
const lookups = 500
const variantLimitMs = 15_000
const warmups = 5
const batch = 10_000
const secret = 'bench-privacy-secret-0123456789-abcdefghijklmnopqrstuvwxyz'
const adminToken = 'bench-privacy-admin-token'
const deadline = Date.now() + 90_000

const folders = []
let postgres
let finished = false
async function cleanUp() {
  if (finished) return
  finished = true
  await postgres?.stop()
  for (const folder of folders) rmSync(folder, { recursive: true, force: true })
}
process.once('SIGTERM', () => void cleanUp().finally(() => process.exit(1)))

const signer = createSigner(secret)
const address = (n) => `person${n}@example.com`
/** As a person types it in a letter: another case, spaces around. */
const typed = (n) => ` Person${n}@Example.COM `

const config = (() => {
  const json = JSON.parse(
    readFileSync(join(repoRoot, 'packages/core/tests/fixtures/b2b-whitepaper.json'), 'utf8'),
  )
  const parsed = parseConfig(json)
  if (!parsed.ok) throw new Error('the whitepaper fixture does not parse')
  return parsed.config
})()
const emailFields = config.fields.filter((f) => f.type === 'email').map((f) => f.id)

/** 100,000 visitors, each with an e-mail address and a first name, and their index rows. */
async function fill(client) {
  const started = performance.now()
  await client.query(
    `INSERT INTO visitors (id, created_at, visits)
     SELECT 'bench-' || g, now() - (g || ' minutes')::interval, 1 FROM generate_series(1, $1::int) g`,
    [profiles],
  )
  await client.query(
    `INSERT INTO field_values (visitor_id, field_id, value, declined, collected_at, form_id)
     SELECT 'bench-' || g, f.id, to_jsonb(CASE f.id WHEN 'email' THEN 'person' || g || '@example.com' ELSE 'Ada' END),
            false, now() - (g || ' minutes')::interval, 'whitepaper'
     FROM generate_series(1, $1::int) g, (VALUES ('email'), ('firstName')) AS f(id)`,
    [profiles],
  )
  for (let from = 1; from <= profiles; from += batch) {
    const hashes = []
    for (let n = from; n < from + batch && n <= profiles; n++) {
      hashes.push(addressHash(signer, address(n)))
    }
    await client.query(
      `INSERT INTO address_index (address_hash, visitor_id, field_id)
       SELECT h, 'bench-' || ($2::int + i - 1), 'email' FROM unnest($1::text[]) WITH ORDINALITY AS t(h, i)`,
      [hashes, from],
    )
  }
  await client.query('ANALYZE')
  return performance.now() - started
}

/** The random profile numbers every variant looks up (the same ones, in the same order). */
const targets = Array.from({ length: lookups }, (_, i) => 1 + ((i * 7919 + 13) % profiles))

/** Runs `find(n)` for the targets until the count or the time limit; checks each answer. */
async function measure(find) {
  const latencies = []
  const stopAt = performance.now() + variantLimitMs
  for (let i = 0; i < warmups; i++) await find(targets[targets.length - 1 - i]) // unrecorded
  for (const n of targets) {
    if (latencies.length > 0 && (performance.now() > stopAt || Date.now() > deadline)) break
    const t0 = performance.now()
    const found = await find(n)
    latencies.push(performance.now() - t0)
    if (found !== `bench-${n}`) throw new Error(`looked up person ${n}, found ${found}`)
  }
  return { lookups: latencies.length, p50Ms: median(latencies), p99Ms: percentile(latencies, 99) }
}

async function measureDatabase(name, options) {
  const database = await openDatabase(options)
  const client = database.db.$client
  try {
    const fillMs = await fill(client)
    console.log(`${name}: ${profiles} profiles written in ${(fillMs / 1000).toFixed(1)} s`)
    const index = await measure(async (n) => {
      const hash = addressHash(signer, typed(n))
      const { rows } = await client.query(
        'SELECT DISTINCT visitor_id FROM address_index WHERE address_hash = $1',
        [hash],
      )
      return rows[0]?.visitor_id
    })
    const scan = await measure(async (n) => {
      const { rows } = await client.query(
        `SELECT DISTINCT visitor_id FROM field_values
         WHERE field_id = ANY($2::text[]) AND lower(btrim(value #>> '{}')) = $1`,
        [typed(n).trim().toLowerCase(), emailFields],
      )
      return rows[0]?.visitor_id
    })
    const server = createTrickleServer({
      config,
      database: { ...database, close: async () => {} },
      secret,
      adminToken,
      rateLimit: false,
      log: () => {},
    })
    let route
    try {
      route = await measure(async (n) => {
        const response = await server.app.request(
          `/v1/admin/people?email=${encodeURIComponent(typed(n))}`,
          { headers: { authorization: `Bearer ${adminToken}` } },
        )
        const body = await response.json()
        if (response.status !== 200)
          throw new Error(`find: ${response.status} ${JSON.stringify(body)}`)
        return body.profiles.length === 1 ? body.profiles[0].visitorId : body.profiles.length
      })
    } finally {
      await server.close()
    }
    console.log(
      `${name}: index p50 ${index.p50Ms.toFixed(2)} ms, scan p50 ${scan.p50Ms.toFixed(1)} ms, route p50 ${route.p50Ms.toFixed(2)} ms`,
    )
    return [
      { database: name, variant: 'index', fillMs, ...index },
      { database: name, variant: 'scan', fillMs, ...scan },
      { database: name, variant: 'route', fillMs, ...route },
    ]
  } finally {
    await database.close()
  }
}

try {
  const scenarios = []
  const folder = mkdtempSync(join(tmpdir(), 'trickle-bench-privacy-'))
  folders.push(folder)
  scenarios.push(...(await measureDatabase('PGlite', { dataDir: folder })))
  const postgresSkipped = postgresMissingReason()
  let postgresVersion = null
  if (!postgresSkipped) {
    postgres = await startPostgres()
    const url = await postgres.createDatabase()
    scenarios.push(...(await measureDatabase('PostgreSQL', { url })))
    const database = await openDatabase({ url, migrate: false })
    try {
      const { rows } = await database.db.$client.query('SHOW server_version')
      postgresVersion = rows[0]?.server_version ?? null
    } finally {
      await database.close()
    }
  }
  await cleanUp()
  sendResult({
    profiles,
    warmups,
    lookupsPerVariant: lookups,
    variantLimitMs,
    scenarios,
    postgresSkipped,
    postgresVersion,
  })
} catch (error) {
  await cleanUp()
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error))
  process.exit(1)
}
