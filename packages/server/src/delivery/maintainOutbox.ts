import { sql } from 'drizzle-orm'
import type { TrickleDb } from '../openDatabase'
import { consentEvents, deliveries, fieldValues, visitors } from '../schema'

/** A row of `pg_stat_user_tables`, as `maintainOutbox` reads it. */
interface TableStats {
  table: string
  live: number
  dead: number
  changed: number
}

/** The tables the delivery worker reads a batch's profiles from. */
const profileTables = {
  visitors,
  field_values: fieldValues,
  consent_events: consentEvents,
}

/** What `maintainOutbox` did. */
export interface OutboxMaintenance {
  vacuumed: string[]
  analyzed: string[]
}

/**
 * The autovacuum embedded PGlite does not have, for the tables of the hand-off: the claim walks
 * the outbox's dead row versions (every delivery leaves some) until a vacuum removes them, and
 * a table never analyzed is read whole where its visitor index would do (a batch's profiles).
 * As autovacuum would, from the table statistics: the outbox is vacuumed once its dead row
 * versions exceed `minRows` and a fifth of its rows; a profile table is analyzed once it changed
 * by `minRows` and half its size (an analysis samples at most 30,000 rows, so the work stays in
 * proportion). Never inside a transaction. A failure is logged, never thrown: it only costs speed.
 */
export async function maintainOutbox(
  db: TrickleDb,
  log: (line: string) => void,
  { minRows = 1_000 }: { minRows?: number } = {},
): Promise<OutboxMaintenance> {
  const done: OutboxMaintenance = { vacuumed: [], analyzed: [] }
  try {
    // The counters reach the statistics views at the end of the next statement.
    await db.execute(sql`select pg_stat_force_next_flush()`)
    const result = await db.execute(sql`
      select relname as "table", n_live_tup::float8 as live, n_dead_tup::float8 as dead,
        n_mod_since_analyze::float8 as changed
      from pg_stat_user_tables
      where relname in ('deliveries', 'visitors', 'field_values', 'consent_events')
      order by relname`)
    for (const row of (result as unknown as { rows: TableStats[] }).rows) {
      const live = Number(row.live)
      if (row.table === 'deliveries') {
        if (Number(row.dead) > minRows + 0.2 * live) {
          await db.execute(sql`vacuum ${deliveries}`)
          done.vacuumed.push(row.table)
        }
      } else if (row.table in profileTables && Number(row.changed) > minRows + 0.5 * live) {
        await db.execute(sql`analyze ${profileTables[row.table as keyof typeof profileTables]}`)
        done.analyzed.push(row.table)
      }
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message.slice(0, 300) : 'unknown error'
    log(`[trickle] delivery worker could not maintain the outbox: ${reason}`)
  }
  return done
}
