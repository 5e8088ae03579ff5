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

/** A `field_values` row as `json_agg` writes it (timestamps as ISO text). */
interface FieldJson {
  visitor_id: string
  field_id: string
  value: unknown
  declined: boolean
  collected_at: string
  form_id: string
}

/** A `consent_events` row as `json_agg` writes it. */
interface EventJson {
  seq: number
  visitor_id: string
  purpose_id: string
  decision: string
  version: number
  at: string
  form_id: string | null
  locale: string | null
  text_hash: string | null
  source: string | null
  address_hash: string | null
  mailed_at: string | null
}

/**
 * Reads the field answers and the consent events of these visitors in one statement that
 * answers one row: each table's rows as a JSON array (`json_agg`). The delivery worker reads a
 * batch's profiles this way: on the embedded PGlite each statement has a fixed cost, and each
 * cell of a result is decoded in JavaScript, where one JSON text per table is parsed natively.
 * Each visitor's rows are looked up by index (a lateral subquery per id; `offset 0` keeps the
 * planner from turning it into a scan of the whole table, which it did for `= any(ids)`). The
 * ids go as one array parameter, so the statement's text is the same for every batch. Same
 * rows as a `select` from each table; the events come in ledger order (`seq`).
 */
export async function readProfileRows(
  db: TrickleDb,
  visitorIds: readonly string[],
): Promise<ProfileRows> {
  if (visitorIds.length === 0) return { fieldRows: [], eventRows: [] }
  const ids = sql.param([...new Set(visitorIds)])
  const result = (await db.execute(sql`
    select
      (select json_agg(f) from unnest(${ids}::text[]) as v(id) cross join lateral
        (select * from ${fieldValues} where visitor_id = v.id offset 0) f) as fields,
      (select json_agg(c order by c.seq) from unnest(${ids}::text[]) as v(id) cross join lateral
        (select * from ${consentEvents} where visitor_id = v.id offset 0) c) as events`)) as unknown as {
    rows: { fields: FieldJson[] | string | null; events: EventJson[] | string | null }[]
  }
  const [row] = result.rows
  const fields = parsed(row?.fields)
  const events = parsed(row?.events)
  return {
    fieldRows: fields.map((field) => ({
      visitorId: field.visitor_id,
      fieldId: field.field_id,
      value: field.value,
      declined: field.declined,
      collectedAt: new Date(field.collected_at),
      formId: field.form_id,
    })),
    eventRows: events.map((event) => ({
      seq: Number(event.seq),
      visitorId: event.visitor_id,
      purposeId: event.purpose_id,
      decision: event.decision,
      version: event.version,
      at: new Date(event.at),
      formId: event.form_id,
      locale: event.locale,
      textHash: event.text_hash,
      source: event.source,
      addressHash: event.address_hash,
      mailedAt: event.mailed_at === null ? null : new Date(event.mailed_at),
    })),
  }
}

/** A `json` column: both drivers parse it; an empty aggregate is null. */
function parsed<T>(value: T[] | string | null | undefined): T[] {
  if (value === null || value === undefined) return []
  return typeof value === 'string' ? (JSON.parse(value) as T[]) : value
}
