import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe } from 'vitest'
import type { Config } from '@trickle/core'
import {
  createTrickleServer,
  type TrickleServerOptions,
  type TrickleServer,
} from '../../src/createTrickleServer'
import type { TrickleDatabase } from '../../src/openDatabase'
import { browser } from './browser'
import { databaseKinds, suiteName, type TestDatabaseKind } from './databases'
import { adminToken, memoryMailer, testSecret, whitepaperConfig } from './fixtures'

/** Runs the suite once on PGlite and once on PostgreSQL (a missing PostgreSQL says why it skips). */
export function describeDatabases(title: string, suite: (kind: TestDatabaseKind) => void): void {
  for (const kind of databaseKinds()) {
    describe.skipIf(kind.skipped !== null)(`${title} on ${suiteName(kind)}`, () => suite(kind))
  }
}

export interface TestServer {
  server: TrickleServer
  database: TrickleDatabase
  config: Config
  mailer: ReturnType<typeof memoryMailer>
  logs: string[]
  /** A new browser with an empty cookie jar. */
  browser(): ReturnType<typeof browser>
  /** Moves the server clock. */
  advance(ms: number): void
  now(): Date
}

/**
 * One app on a fresh database of `kind` for the enclosing suite. Rate limiting is off unless
 * asked for; log lines are collected (to prove they never hold personal values).
 */
export function useServer(
  kind: TestDatabaseKind,
  options: Partial<TrickleServerOptions> = {},
  databaseOptions: { poolSize?: number } = {},
): TestServer {
  const config = options.config ?? whitepaperConfig()
  const mailer = memoryMailer()
  const logs: string[] = []
  let offset = 0
  const state = {} as TestServer
  beforeAll(async () => {
    const database = await kind.open(databaseOptions)
    const server = createTrickleServer({
      config,
      database,
      secret: testSecret,
      adminToken,
      mailer,
      rateLimit: false,
      log: (line) => logs.push(line),
      now: () => new Date(Date.now() + offset),
      ...options,
    })
    Object.assign(state, { server, database })
  })
  afterAll(async () => {
    await state.server?.close()
  })
  return Object.assign(state, {
    config,
    mailer,
    logs,
    browser: () => browser(state.server.app),
    advance: (ms: number) => {
      offset += ms
    },
    now: () => new Date(Date.now() + offset),
  })
}

export const tableNames = [
  'visitors',
  'field_values',
  'consent_events',
  'consent_texts',
  'submissions',
  'downloads',
  'erasures',
] as const

/** Row counts of every table. */
export async function rowCounts(database: TrickleDatabase): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const table of tableNames) {
    const result = (await database.db.execute(
      sql.raw(`select count(*)::int as n from ${table}`),
    )) as unknown as { rows: { n: number }[] }
    counts[table] = Number(result.rows[0]?.n ?? 0)
  }
  return counts
}

/** Rows of a raw query (both drivers answer with `{ rows }`). */
export async function query<T>(
  database: TrickleDatabase,
  text: ReturnType<typeof sql>,
): Promise<T[]> {
  const result = (await database.db.execute(text)) as unknown as { rows: T[] }
  return result.rows
}
