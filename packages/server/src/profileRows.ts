import { sql } from 'drizzle-orm'
import type { TrickleDb } from './openDatabase'
import { consentEvents, fieldValues } from './schema'

type FieldRow = typeof fieldValues.$inferSelect
type EventRow = typeof consentEvents.$inferSelect

/** The stored rows of some visitors' profiles: answers, and consent events in ledger order. */
export interface ProfileRows {
  fieldRows: FieldRow[]
  eventRows: EventRow[]
}

/** One row of the combined read: a field answer (`kind` 'f') or a consent event ('c'). */
interface CombinedRow {
  kind: 'f' | 'c'
  visitor_id: string
  seq: string | number | bigint | null
  key: string
  value: unknown
  declined: boolean
  at: Date | string
  form_id: string | null
  decision: string | null
  version: number | null
  locale: string | null
  text_hash: string | null
  source: string | null
  address_hash: string | null
  mailed_at: Date | string | null
}

/**
 * Reads the field answers and the consent events of these visitors in one statement (a
 * `union all` of both shapes): on the embedded PGlite each statement costs a fixed share of a
 * millisecond, and the delivery worker reads a batch's profiles this way. The ids go as one
 * array parameter, so the statement's text is the same for every batch. Same rows as a
 * `select` from each table; the events come in ledger order (`seq`).
 */
export async function readProfileRows(
  db: TrickleDb,
  visitorIds: readonly string[],
): Promise<ProfileRows> {
  if (visitorIds.length === 0) return { fieldRows: [], eventRows: [] }
  const ids = sql.param([...visitorIds])
  const result = (await db.execute(sql`
    select 'f' as kind, visitor_id, null::bigint as seq, field_id as key, value, declined,
      collected_at as at, form_id, null::text as decision, null::integer as version,
      null::text as locale, null::text as text_hash, null::text as source,
      null::text as address_hash, null::timestamptz as mailed_at
    from ${fieldValues} where visitor_id = any(${ids}::text[])
    union all
    select 'c', visitor_id, seq, purpose_id, null::jsonb, false, at, form_id, decision, version,
      locale, text_hash, source, address_hash, mailed_at
    from ${consentEvents} where visitor_id = any(${ids}::text[])
    order by seq`)) as unknown as { rows: CombinedRow[] }
  const fieldRows: FieldRow[] = []
  const eventRows: EventRow[] = []
  for (const row of result.rows) {
    if (row.kind === 'f') {
      fieldRows.push({
        visitorId: row.visitor_id,
        fieldId: row.key,
        value: row.value,
        declined: row.declined,
        collectedAt: dateOf(row.at),
        formId: row.form_id ?? '',
      })
    } else {
      eventRows.push({
        seq: Number(row.seq),
        visitorId: row.visitor_id,
        purposeId: row.key,
        decision: row.decision ?? '',
        version: row.version ?? 0,
        at: dateOf(row.at),
        formId: row.form_id,
        locale: row.locale,
        textHash: row.text_hash,
        source: row.source,
        addressHash: row.address_hash,
        mailedAt: row.mailed_at === null ? null : dateOf(row.mailed_at),
      })
    }
  }
  return { fieldRows, eventRows }
}

/**
 * A timestamp as the driver gave it: PGlite parses it, node-postgres under drizzle leaves the
 * text (`2026-01-02 03:04:05.678+00`), which drizzle's own timestamp column reads the same way.
 */
function dateOf(value: Date | string): Date {
  return value instanceof Date ? value : new Date(value)
}
