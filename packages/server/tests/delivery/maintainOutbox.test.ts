import { readFileSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { sql } from 'drizzle-orm'
import { afterEach, describe, expect, inject, it } from 'vitest'
import { maintainOutbox } from '../../src/delivery/maintainOutbox'
import { openDatabase, type TrickleDatabase } from '../../src/openDatabase'
import { query } from '../support/testServer'

/** When each table was last vacuumed and analyzed by hand (PGlite has no autovacuum). */
async function lastRuns(database: TrickleDatabase) {
  const rows = await query<{ table: string; vacuumed: boolean; analyzed: boolean }>(
    database,
    sql`select relname as "table", last_vacuum is not null as vacuumed,
          last_analyze is not null as analyzed
        from pg_stat_user_tables
        where relname in ('deliveries', 'visitors', 'field_values', 'consent_events')
        order by relname`,
  )
  return Object.fromEntries(
    rows.map(({ table, vacuumed, analyzed }) => [table, { vacuumed, analyzed }]),
  )
}

/** `count` visitors, each with one outbox row that was claimed and delivered (two updates). */
async function deliveredRows(database: TrickleDatabase, count: number): Promise<void> {
  await database.db.execute(sql`
    insert into visitors (id, created_at, visits)
    select 'v' || i, now(), 1 from generate_series(1, ${count}) i`)
  await database.db.execute(sql`
    insert into deliveries (id, event_id, destination_id, type, visitor_id, payload, status,
      attempts, next_attempt_at, created_at)
    select 'd' || i, 'e' || i, 'crm', 'submission.created', 'v' || i, '{}'::jsonb, 'pending',
      0, now(), now()
    from generate_series(1, ${count}) i`)
  await database.db.execute(
    sql`update deliveries set locked_until = now(), attempts = attempts + 1`,
  )
  await database.db.execute(sql`update deliveries set status = 'delivered', locked_until = null`)
}

describe('maintainOutbox on PGlite', () => {
  const open: TrickleDatabase[] = []
  afterEach(async () => {
    for (const database of open.splice(0)) await database.close()
  })
  async function database(): Promise<TrickleDatabase> {
    const template = new Blob([readFileSync(inject('pgliteTemplate'))])
    const opened = await openDatabase({ pglite: await PGlite.create({ loadDataDir: template }) })
    open.push(opened)
    return opened
  }

  it('leaves small changes alone', async () => {
    const db = await database()
    await deliveredRows(db, 200)
    const logs: string[] = []
    expect(await maintainOutbox(db.db, (line) => logs.push(line))).toEqual({
      vacuumed: [],
      analyzed: [],
    })
    expect(logs).toEqual([])
    expect(Object.values(await lastRuns(db)).some((t) => t.vacuumed || t.analyzed)).toBe(false)
  }, 60_000)

  it('vacuums the outbox full of dead row versions and analyzes the grown profile tables', async () => {
    const db = await database()
    await deliveredRows(db, 2_500)
    const logs: string[] = []
    expect(await maintainOutbox(db.db, (line) => logs.push(line))).toEqual({
      vacuumed: ['deliveries'],
      analyzed: ['visitors'],
    })
    expect(logs).toEqual([])
    const runs = await lastRuns(db)
    expect(runs['deliveries']?.vacuumed).toBe(true)
    expect(runs['visitors']?.analyzed).toBe(true)
    // Done: the next look finds nothing to do.
    expect(await maintainOutbox(db.db, () => {})).toEqual({ vacuumed: [], analyzed: [] })
  }, 60_000)
})
