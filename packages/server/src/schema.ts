import { sql } from 'drizzle-orm'
import {
  bigserial,
  boolean,
  customType,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'

/**
 * The server's tables. The server keeps the authoritative profile of every visitor and the
 * proof of every consent; the browser only holds a cache. Change this file, then run
 * `npm run db:generate -w @trickle/server` and commit the new SQL file under `migrations/`.
 */

const at = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' })

/**
 * A jsonb column that is read back exactly as written. Both drivers already parse jsonb, and
 * drizzle's own `jsonb` parses strings a second time (the text answer "123" came back as the
 * number 123); this one does not.
 */
const jsonb = <T>(name: string) =>
  customType<{ data: T; driverData: unknown }>({
    dataType: () => 'jsonb',
    toDriver: (value) => JSON.stringify(value),
    fromDriver: (value) => value as T,
  })(name)

/** One row per recognised visitor (the id travels in the signed cookie). */
export const visitors = pgTable('visitors', {
  id: text('id').primaryKey(),
  createdAt: at('created_at').notNull(),
  /** Number of accepted submissions; raised under the row lock, so it is also the visit number. */
  visits: integer('visits').notNull().default(0),
})

/** The current answer per visitor and field. Sensitive fields live here only. */
export const fieldValues = pgTable(
  'field_values',
  {
    visitorId: text('visitor_id')
      .notNull()
      .references(() => visitors.id, { onDelete: 'cascade' }),
    fieldId: text('field_id').notNull(),
    /** The cleaned value; null when an optional field was declined. */
    value: jsonb<unknown>('value'),
    declined: boolean('declined').notNull().default(false),
    collectedAt: at('collected_at').notNull(),
    formId: text('form_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.visitorId, t.fieldId] })],
)

/** The consent ledger: append-only (a trigger refuses updates); rows go only with an erasure. */
export const consentEvents = pgTable(
  'consent_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    visitorId: text('visitor_id')
      .notNull()
      .references(() => visitors.id, { onDelete: 'cascade' }),
    purposeId: text('purpose_id').notNull(),
    decision: text('decision').notNull(),
    version: integer('version').notNull(),
    at: at('at').notNull(),
    formId: text('form_id'),
    locale: text('locale'),
    textHash: text('text_hash'),
    source: text('source'),
    /**
     * A double opt-in confirmation: the keyed hash (HMAC-SHA-256 with the server secret) of the
     * normalised address the link was mailed to, and when it was mailed. Never the address.
     */
    addressHash: text('address_hash'),
    mailedAt: at('mailed_at'),
  },
  (t) => [index('consent_events_visitor_idx').on(t.visitorId, t.seq)],
)

/** Every consent text version that was shown, by SHA-256 of the exact text. No personal data. */
export const consentTexts = pgTable('consent_texts', {
  hash: text('hash').primaryKey(),
  purposeId: text('purpose_id').notNull(),
  version: integer('version').notNull(),
  locale: text('locale').notNull(),
  text: text('text').notNull(),
  firstSeen: at('first_seen').notNull(),
})

/**
 * One row per accepted submission: which fields were shown and answered and which consents were
 * decided, without values. An erasure unlinks the visitor (visitor_id becomes null), so the
 * report keeps its counts and nothing points at the person any more.
 */
export const submissions = pgTable(
  'submissions',
  {
    id: text('id').primaryKey(),
    visitorId: text('visitor_id').references(() => visitors.id, { onDelete: 'set null' }),
    idempotencyKey: text('idempotency_key'),
    formId: text('form_id').notNull(),
    visit: integer('visit').notNull(),
    at: at('at').notNull(),
    locale: text('locale').notNull(),
    /** Field ids of the plan, in plan order. */
    fieldIds: jsonb<string[]>('field_ids').notNull(),
    /** Optional fields left empty. */
    declined: jsonb<string[]>('declined').notNull(),
    /** The offered consents and what was decided. */
    consents: jsonb<{ purposeId: string; decision: string }[]>('consents').notNull(),
  },
  (t) => [
    uniqueIndex('submissions_idempotency_idx').on(t.visitorId, t.idempotencyKey),
    uniqueIndex('submissions_visit_idx').on(t.visitorId, t.visit),
    index('submissions_form_idx').on(t.formId, t.visit),
  ],
)

/** Gated files delivered; `via` is 'form' (after a submission) or 'open-gate' (one click). */
export const downloads = pgTable(
  'downloads',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    visitorId: text('visitor_id').references(() => visitors.id, { onDelete: 'set null' }),
    formId: text('form_id').notNull(),
    via: text('via').notNull(),
    at: at('at').notNull(),
  },
  (t) => [index('downloads_form_idx').on(t.formId)],
)

/**
 * The receipt of an erasure: that it happened, when, who asked and how much it removed;
 * deliberately no personal data beyond the keyed hash of the address it was asked for.
 * `fields`, `consent_events` and `submissions` are the counts every receipt has had; rows
 * written before the privacy desk have kind `visitor`, one profile and no `counts`.
 */
export const erasures = pgTable(
  'erasures',
  {
    id: text('id').primaryKey(),
    at: at('at').notNull(),
    fields: integer('fields').notNull(),
    consentEvents: integer('consent_events').notNull(),
    submissions: integer('submissions').notNull(),
    /** `visitor` (DELETE /v1/me), `desk` (the privacy desk), `retention` (values past retention). */
    kind: text('kind').notNull().default('visitor'),
    /** The keyed hash of the address the desk erased (never the address); null for the others. */
    addressHash: text('address_hash'),
    /** The admin token's name that asked (`dpo`), `visitor`, or `retention`. */
    requestedBy: text('requested_by'),
    /** Why, as the desk typed it (a ticket number, "request by letter"); never values. */
    reason: text('reason'),
    /** Profiles erased (or, for retention, profiles whose values were erased). */
    profiles: integer('profiles').notNull().default(1),
    /** Rows removed or unlinked, per table. */
    counts: jsonb<ErasureTableCounts>('counts'),
  },
  (t) => [index('erasures_at_idx').on(t.at)],
)

/** Rows an erasure removed (values, consents, index) or unlinked (submissions, downloads). */
export interface ErasureTableCounts {
  field_values: number
  consent_events: number
  submissions: number
  downloads: number
  address_index: number
}

/**
 * The privacy desk's lookup: the keyed hash of every e-mail address a profile holds (one row per
 * visitor and e-mail field), kept in the submit transaction, so a person is found by address
 * without reading values. Goes with the visitor (cascade).
 */
export const addressIndex = pgTable(
  'address_index',
  {
    addressHash: text('address_hash').notNull(),
    visitorId: text('visitor_id')
      .notNull()
      .references(() => visitors.id, { onDelete: 'cascade' }),
    fieldId: text('field_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.addressHash, t.visitorId, t.fieldId] }),
    index('address_index_visitor_idx').on(t.visitorId, t.fieldId),
  ],
)

/**
 * What the privacy desk did: append-only (a trigger refuses UPDATE and DELETE). Who (the admin
 * token's name), what, and for which address hash; never personal values.
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    at: at('at').notNull(),
    actor: text('actor').notNull(),
    /** `find` | `export` | `proof` | `erase` | `withdraw` | `retention`. */
    action: text('action').notNull(),
    addressHash: text('address_hash'),
    purposeId: text('purpose_id'),
    /** Counts, outcome, reason: never a personal value. */
    detail: jsonb<Record<string, unknown>>('detail').notNull(),
  },
  (t) => [index('audit_events_address_idx').on(t.addressHash)],
)

/**
 * The outbox of the hand-off to CRMs: one row per event and destination, written in the same
 * transaction as the change it reports. No personal values: the payload names submission,
 * field ids and consent rows; values are read from the profile when the row is delivered, so a
 * value withdrawn or erased before then is never sent. `visitor_id` is deliberately no foreign
 * key: an erasure must still reach the destinations that received the visitor's data.
 */
export const deliveries = pgTable(
  'deliveries',
  {
    id: text('id').primaryKey(),
    /** The same for every destination of one event: the receiver's de-duplication key. */
    eventId: text('event_id').notNull(),
    destinationId: text('destination_id').notNull(),
    /** `submission.created` | `consent.changed` | `profile.erased`. */
    type: text('type').notNull(),
    visitorId: text('visitor_id').notNull(),
    formId: text('form_id'),
    payload: jsonb<DeliveryPayload>('payload').notNull(),
    /** `pending` | `delivered` | `dead` | `skipped`. */
    status: text('status').notNull(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: at('next_attempt_at').notNull(),
    /** A worker's claim; another worker takes the row only after it lapsed. */
    lockedUntil: at('locked_until'),
    lastError: text('last_error'),
    lastStatus: integer('last_status'),
    /** Field ids actually sent, so an erasure knows which destinations received which fields. */
    deliveredFields: jsonb<string[]>('delivered_fields'),
    createdAt: at('created_at').notNull(),
    deliveredAt: at('delivered_at'),
  },
  (t) => [
    // The worker's claim (pending rows, oldest due first). Partial, so delivered rows leave it
    // and an empty claim walks only the pending rows' entries, not every delivery so far.
    // Migration 0006 also gives the table fillfactor 70 (drizzle has no table storage options):
    // the claim's update of a row then stays on its page (HOT), without new index entries.
    index('deliveries_pending_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'pending'`),
    index('deliveries_visitor_idx').on(t.visitorId),
  ],
)

/** What an outbox row refers to; never a personal value (`hutk` is an opaque cookie id). */
export interface DeliveryPayload {
  submissionId?: string
  fieldIds?: string[]
  consentSeqs?: number[]
  erasedFieldIds?: string[]
  pageUri?: string
  pageName?: string
  /** HubSpot's visitor cookie; dropped when the delivery ends. */
  hutk?: string
}

/** A destination switched off (a webhook answered 410) until an admin enables it again. */
export const destinationStates = pgTable('destination_states', {
  destinationId: text('destination_id').primaryKey(),
  disabledAt: at('disabled_at'),
  disabledReason: text('disabled_reason'),
})

/**
 * The funnel (`POST /v1/funnel`): anonymous counts only, one row per day, form, visit number,
 * locale, metric and field (`''` for the form-level metrics shown, started, submitted), each
 * incremented by the batches of that day. No visitor id, no value, no address, no time finer
 * than the day: nothing in it relates to a person.
 */
export const funnelCounts = pgTable(
  'funnel_counts',
  {
    /** `YYYY-MM-DD` of the server's clock (UTC). */
    day: text('day').notNull(),
    formId: text('form_id').notNull(),
    /** 1..20; later visits are counted as 20. */
    visit: integer('visit').notNull(),
    locale: text('locale').notNull(),
    /** `shown` | `started` | `submitted` | `left` | `field-shown` | `field-answered`. */
    metric: text('metric').notNull(),
    /** The field of `field-*` metrics and of `left` (the last field touched); `''` otherwise. */
    fieldId: text('field_id').notNull().default(''),
    count: integer('count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.day, t.formId, t.visit, t.locale, t.metric, t.fieldId] })],
)

export const tables = {
  visitors,
  fieldValues,
  consentEvents,
  consentTexts,
  submissions,
  downloads,
  erasures,
  deliveries,
  destinationStates,
  addressIndex,
  auditEvents,
  funnelCounts,
}
