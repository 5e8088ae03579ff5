import { randomUUID } from 'node:crypto'
import {
  emptyProfile,
  parseProfile,
  shownConsentText,
  type Config,
  type ConsentEvent,
  type FieldRecord,
  type Profile,
  type Submission,
} from '@trickle/core'
import { and, asc, count, eq, getTableColumns, getTableName, inArray, sql } from 'drizzle-orm'
import type { AnyPgColumn } from 'drizzle-orm/pg-core'
import type { JsonRowsWrite } from './delivery/enqueueDeliveries'
import { executeNamed } from './namedStatement'
import type { TrickleDb } from './openDatabase'
import { readProfileRows } from './profileRows'
import { syncAddressIndex, type AddressIndexing } from './privacy/addressIndex'
import { writeReceipt } from './privacy/erasureReceipt'
import {
  addressIndex,
  consentEvents,
  consentTexts,
  downloads,
  fieldValues,
  submissions,
  visitors,
  type ErasureTableCounts,
} from './schema'

/**
 * The bridge between the tables and the core's `Profile`: the server keeps one row per field
 * answer and one per consent event, rebuilds a profile from them to call the core functions,
 * and writes back only what changed. Corrupt rows are skipped (parseProfile), never a 500.
 */

export interface StoredProfile {
  profile: Profile
  /** Whether the visitor has a row (has ever submitted something). */
  exists: boolean
  /**
   * Whether this transaction has just created the visitor's row (`lockVisitor`): nothing else
   * can be stored for the visitor yet, so there is nothing to read back or to overwrite.
   */
  created: boolean
}

/** Reads the visitor's profile. Inside a transaction pass `lock` to serialise writers. */
export async function loadProfile(
  db: TrickleDb,
  config: Config,
  visitorId: string,
  options: { now: Date; log: (line: string) => void; lock?: boolean },
): Promise<StoredProfile> {
  const query = db.select({ id: visitors.id }).from(visitors).where(eq(visitors.id, visitorId))
  const [visitor] = options.lock ? await query.for('update') : await query
  if (!visitor) return { profile: emptyProfile(visitorId), exists: false, created: false }
  const fieldRows = await db.select().from(fieldValues).where(eq(fieldValues.visitorId, visitorId))
  const eventRows = await db
    .select()
    .from(consentEvents)
    .where(eq(consentEvents.visitorId, visitorId))
    .orderBy(asc(consentEvents.seq))
  return {
    profile: rebuild(config, visitorId, fieldRows, eventRows, options),
    exists: true,
    created: false,
  }
}

/** A stored consent event with its ledger number and visitor. */
export type StoredConsentEvent = ConsentEvent & { seq: number; visitorId: string }

/** What `loadProfiles` read: the profiles, and the same consent events by ledger number. */
export interface LoadedProfiles {
  /** By visitor id; a visitor without a row (erased) is missing. */
  profiles: Map<string, Profile>
  /** Every consent event of those visitors, by `seq`, as stored. */
  events: Map<number, StoredConsentEvent>
}

/**
 * Reads the profiles of several visitors in two queries (the delivery worker, a batch at a
 * time). A visitor without a row (erased) is missing from the map. No locks. With `existing`
 * the caller has just seen the visitors' rows (the worker's claim) and the check is left out.
 */
export async function loadProfiles(
  db: TrickleDb,
  config: Config,
  visitorIds: readonly string[],
  options: { now: Date; log: (line: string) => void; existing?: boolean },
): Promise<LoadedProfiles> {
  const loaded: LoadedProfiles = { profiles: new Map(), events: new Map() }
  const ids = [...new Set(visitorIds)]
  if (ids.length === 0) return loaded
  const existing = options.existing
    ? ids
    : (await db.select({ id: visitors.id }).from(visitors).where(inArray(visitors.id, ids))).map(
        (row) => row.id,
      )
  if (existing.length === 0) return loaded
  const { fieldRows, eventRows } = await readProfileRows(db, existing)
  const fieldsOf = new Map<string, FieldRow[]>(existing.map((id) => [id, []]))
  for (const row of fieldRows) fieldsOf.get(row.visitorId)?.push(row)
  const eventsOf = new Map<string, EventRow[]>(existing.map((id) => [id, []]))
  for (const row of eventRows) {
    eventsOf.get(row.visitorId)?.push(row)
    loaded.events.set(row.seq, { ...consentEventOf(row), seq: row.seq, visitorId: row.visitorId })
  }
  for (const id of existing) {
    const profile = rebuild(config, id, fieldsOf.get(id) ?? [], eventsOf.get(id) ?? [], options)
    loaded.profiles.set(id, profile)
  }
  return loaded
}

/**
 * Locks the visitor's row for a submission until the transaction ends. Two submissions of one
 * visitor (two tabs) thus run one after the other, and the second sees the first; an erasure
 * (which locks the row too) runs before or after a submission, never in between.
 *
 * With `create` (a new visitor, no cookie yet) the row is created. A row created here already
 * counts the submission about to be recorded (`visits` = 1; when the submission is refused,
 * the transaction rolls back and the row with it). Answers and consent events reference the
 * row, so a new row means an empty profile: a first visit reads nothing back. Until the
 * transaction commits nobody else sees the new row, and an insert of the same id waits for it.
 *
 * Without `create` (a returning visitor) a missing row is never created again: it was erased
 * (`exists` is false), and the caller refuses the submission rather than store answers under
 * an identifier whose data the visitor asked to erase.
 */
export async function lockVisitor(
  tx: TrickleDb,
  config: Config,
  visitorId: string,
  options: { now: Date; log: (line: string) => void; create: boolean },
): Promise<StoredProfile> {
  if (options.create) {
    const [created] = await tx
      .insert(visitors)
      .values({ id: visitorId, createdAt: options.now, visits: 1 })
      .onConflictDoNothing({ target: visitors.id })
      .returning({ id: visitors.id })
    if (created) return { profile: emptyProfile(visitorId), exists: true, created: true }
  }
  return loadProfile(tx, config, visitorId, { now: options.now, log: options.log, lock: true })
}

type FieldRow = typeof fieldValues.$inferSelect
type EventRow = typeof consentEvents.$inferSelect

/**
 * A consent row as a ledger event. The decision is as stored: `rebuild` passes events through
 * `parseProfile`, which drops one it does not know.
 */
function consentEventOf(row: EventRow): ConsentEvent {
  return {
    purposeId: row.purposeId,
    decision: row.decision as ConsentEvent['decision'],
    version: row.version,
    at: row.at.toISOString(),
    ...(row.formId === null ? {} : { formId: row.formId }),
    ...(row.locale === null ? {} : { locale: row.locale }),
    ...(row.textHash === null ? {} : { textHash: row.textHash }),
    ...(row.source === null ? {} : { source: row.source }),
  }
}

/** A profile from its stored rows (corrupt ones skipped and logged without values). */
export function rebuild(
  config: Config,
  visitorId: string,
  fieldRows: FieldRow[],
  eventRows: EventRow[],
  options: { now: Date; log: (line: string) => void },
): Profile {
  // Keys come from the database: a null-prototype object, and parseProfile checks every id.
  const fields = Object.create(null) as Record<string, unknown>
  for (const row of fieldRows) {
    const record: Record<string, unknown> = {
      collectedAt: row.collectedAt.toISOString(),
      formId: row.formId,
    }
    if (row.value !== null && row.value !== undefined) record['value'] = row.value
    if (row.declined) record['declined'] = true
    fields[row.fieldId] = record
  }
  const consents = eventRows.map(consentEventOf)
  const { profile, dropped } = parseProfile(
    config,
    { visitorId, fields, consents },
    { now: options.now },
  )
  if (dropped.length > 0) {
    // parseProfile names ids and types, never values, so its reasons may be logged.
    options.log(
      `[trickle] a stored profile had ${dropped.length} unusable entr${
        dropped.length === 1 ? 'y' : 'ies'
      }, ignored: ${dropped.slice(0, 5).join('; ')}`,
    )
  }
  return profile
}

/**
 * Writes the field records that differ between the stored profile and its new version, and
 * keeps the address index in line with its e-mail fields.
 */
export async function saveFields(
  tx: TrickleDb,
  stored: StoredProfile,
  after: Profile,
  indexing: AddressIndexing,
): Promise<void> {
  const before = stored.profile
  const visitorId = after.visitorId
  await syncAddressIndex(tx, indexing, before, after)
  const changed: (typeof fieldValues.$inferInsert)[] = []
  for (const [fieldId, record] of Object.entries(after.fields)) {
    const previous = Object.hasOwn(before.fields, fieldId) ? before.fields[fieldId] : undefined
    if (previous && sameRecord(previous, record)) continue
    changed.push({
      visitorId,
      fieldId,
      value: record.value ?? null,
      declined: record.declined === true,
      collectedAt: new Date(record.collectedAt),
      formId: record.formId,
    })
  }
  const removed = Object.keys(before.fields).filter((id) => !Object.hasOwn(after.fields, id))
  for (const fieldId of removed) {
    await tx
      .delete(fieldValues)
      .where(and(eq(fieldValues.visitorId, visitorId), eq(fieldValues.fieldId, fieldId)))
  }
  if (changed.length === 0) return
  const insert = tx.insert(fieldValues).values(changed)
  if (stored.created) {
    await insert
    return
  }
  // A row the profile does not show may still exist (parseProfile skipped it): overwritten.
  await insert.onConflictDoUpdate({
    target: [fieldValues.visitorId, fieldValues.fieldId],
    set: {
      value: sql`excluded.value`,
      declined: sql`excluded.declined`,
      collectedAt: sql`excluded.collected_at`,
      formId: sql`excluded.form_id`,
    },
  })
}

function sameRecord(a: FieldRecord, b: FieldRecord): boolean {
  return (
    a.collectedAt === b.collectedAt &&
    a.formId === b.formId &&
    (a.declined === true) === (b.declined === true) &&
    JSON.stringify(a.value) === JSON.stringify(b.value)
  )
}

export interface AppendedConsents {
  /** The events as given, each with the ledger's `seq` (the outbox names events by it). */
  events: (ConsentEvent & { seq: number })[]
  /** Consent text hashes written by this call. */
  writtenTexts: string[]
}

/**
 * Appends consent events, and keeps a copy of every consent text shown (by SHA-256), so that
 * each event can be proven with the exact words the visitor saw. Texts whose hash is in
 * `storedTexts` are already in the database (its rows are never deleted) and are not written
 * again. Returns the events with their ledger `seq` (the outbox names events by it) and the
 * hashes it wrote: add those to `storedTexts` once the transaction committed.
 */
export async function appendConsentEvents(
  tx: TrickleDb,
  config: Config,
  visitorId: string,
  events: readonly ConsentEvent[],
  options: {
    now: Date
    storedTexts?: ReadonlySet<string>
    /** The keyed hash of the profile's address when the events were recorded (proof: who). */
    addressHash?: string | null | undefined
  },
): Promise<AppendedConsents> {
  if (events.length === 0) return { events: [], writtenTexts: [] }
  const texts = new Map<string, typeof consentTexts.$inferInsert>()
  for (const event of events) {
    if (event.textHash === undefined) continue
    const shown = shownConsentText(config, event.purposeId, event.locale)
    if (shown.hash !== event.textHash) {
      throw new Error(`The consent text of "${event.purposeId}" does not match its hash`)
    }
    if (options.storedTexts?.has(shown.hash)) continue
    texts.set(shown.hash, {
      hash: shown.hash,
      purposeId: event.purposeId,
      version: event.version,
      locale: shown.locale,
      text: shown.text,
      firstSeen: options.now,
    })
  }
  if (texts.size > 0) {
    // Sorted, so concurrent transactions take the same order and cannot deadlock.
    const rows = [...texts.values()].sort((a, b) => a.hash.localeCompare(b.hash))
    await tx.insert(consentTexts).values(rows).onConflictDoNothing({ target: consentTexts.hash })
  }
  const appended = await tx
    .insert(consentEvents)
    .values(
      events.map((event) => ({
        visitorId,
        purposeId: event.purposeId,
        decision: event.decision,
        version: event.version,
        at: new Date(event.at),
        formId: event.formId ?? null,
        locale: event.locale ?? null,
        textHash: event.textHash ?? null,
        source: event.source ?? null,
        addressHash: options.addressHash ?? null,
      })),
    )
    .returning({ seq: consentEvents.seq })
  // The sequence hands out numbers in the order of the rows: ascending is the events' order.
  const seqs = appended.map((row) => row.seq).sort((a, b) => a - b)
  return {
    events: events.map((event, i) => ({ ...event, seq: seqs[i] as number })),
    writtenTexts: [...texts.keys()],
  }
}

/**
 * Records an accepted submission (no values) under the visitor's lock and returns its id and
 * visit number. The visit counter goes up, unless `lockVisitor` created the row for it.
 */
export async function recordSubmission(
  tx: TrickleDb,
  stored: StoredProfile,
  submission: Submission,
  idempotencyKey: string,
  options: {
    /** The submission's id (default: a new UUID). */
    id?: string | undefined
    /**
     * Another write of this transaction (the outbox rows), sent in the same statement as the
     * submission's row: one round trip to the database instead of two.
     */
    alongside?: JsonRowsWrite | undefined
  } = {},
): Promise<{ id: string; visit: number }> {
  let visit = 1
  if (!stored.created) {
    const [visitor] = await tx
      .update(visitors)
      .set({ visits: sql`${visitors.visits} + 1` })
      .where(eq(visitors.id, submission.visitorId))
      .returning({ visits: visitors.visits })
    if (!visitor) throw new Error('recordSubmission: the visitor row is missing')
    visit = visitor.visits
  }
  const id = options.id ?? randomUUID()
  const row = {
    id,
    visitorId: submission.visitorId,
    idempotencyKey,
    formId: submission.formId,
    visit,
    at: new Date(submission.at),
    locale: submission.locale,
    fieldIds: submission.fieldIds,
    declined: submission.declined,
    consents: submission.consents.map(({ purposeId, decision }) => ({ purposeId, decision })),
  } satisfies Required<typeof submissions.$inferInsert>
  const { alongside } = options
  if (alongside === undefined) await tx.insert(submissions).values(row)
  else {
    // A statement of fixed text, prepared once per connection: its values are parameters.
    const record = Object.fromEntries(
      submissionColumns.map(([key, column]) => [column.name, row[key]]),
    )
    await executeNamed(tx, 'submission_with', submissionWith(alongside.text), [
      alongside.rows,
      JSON.stringify(record),
    ])
  }
  return { id, visit }
}

const submissionColumns = Object.entries(getTableColumns(submissions)) as [
  keyof typeof submissions.$inferInsert,
  AnyPgColumn,
][]
const submissionNames = submissionColumns.map(([, column]) => `"${column.name}"`).join(', ')

/**
 * The submission's insert after `alongside` (its `$1`), the row as one JSON record (`$2`).
 * jsonb_populate_record reads it into the table's own row type, so each value takes the
 * column's type as it would from a parameter of its own.
 */
function submissionWith(alongside: string): string {
  let text = submissionStatements.get(alongside)
  if (text === undefined) {
    const table = `"${getTableName(submissions)}"`
    text = `with alongside as (${alongside}) insert into ${table} (${submissionNames}) select ${submissionNames} from jsonb_populate_record(null::${table}, $2::jsonb)`
    submissionStatements.set(alongside, text)
  }
  return text
}

/** The statements built by `submissionWith`, by the text of their `alongside` (a constant). */
const submissionStatements = new Map<string, string>()

/** The earlier submission with this idempotency key, if any. */
export async function findSubmission(
  tx: TrickleDb,
  visitorId: string,
  idempotencyKey: string,
): Promise<{ id: string; formId: string; visit: number } | undefined> {
  const [row] = await tx
    .select({ id: submissions.id, formId: submissions.formId, visit: submissions.visit })
    .from(submissions)
    .where(
      and(eq(submissions.visitorId, visitorId), eq(submissions.idempotencyKey, idempotencyKey)),
    )
  return row
}

/**
 * Counts a delivered file, linked to the visitor only while the visitor's row exists. The row is
 * locked (FOR KEY SHARE) for the insert, so an erasure at the same moment either waits and then
 * unlinks this download with the others, or came first and the download is counted anonymously.
 */
export async function recordDownload(
  db: TrickleDb,
  download: { visitorId: string | null; formId: string; via: 'form' | 'open-gate'; at: Date },
): Promise<void> {
  await db.transaction(async (tx) => {
    let visitorId: string | null = null
    if (download.visitorId !== null) {
      const [row] = await tx
        .select({ id: visitors.id })
        .from(visitors)
        .where(eq(visitors.id, download.visitorId))
        .for('key share')
      visitorId = row?.id ?? null
    }
    await tx.insert(downloads).values({ ...download, visitorId })
  })
}

export interface ErasureCounts {
  fields: number
  consentEvents: number
  submissions: number
}

/**
 * Erases everything stored about these visitors: values, consent history and index rows are
 * deleted, submissions and downloads lose their link to the person (their counts stay in the
 * report). Locks the visitor rows first. Returns the visitors that existed and the rows per
 * table; the caller writes the receipt in the same transaction.
 */
export async function eraseVisitors(
  tx: TrickleDb,
  visitorIds: readonly string[],
): Promise<{ erased: string[]; counts: ErasureTableCounts }> {
  const counts: ErasureTableCounts = {
    field_values: 0,
    consent_events: 0,
    submissions: 0,
    downloads: 0,
    address_index: 0,
  }
  const wanted = [...new Set(visitorIds)].sort()
  if (wanted.length === 0) return { erased: [], counts }
  // In id order, so two erasures of overlapping sets cannot deadlock.
  const locked = await tx
    .select({ id: visitors.id })
    .from(visitors)
    .where(inArray(visitors.id, wanted))
    .orderBy(asc(visitors.id))
    .for('update')
  const erased = locked.map((row) => row.id)
  if (erased.length === 0) return { erased, counts }
  const counted = async (query: Promise<{ n: number }[]>) => Number((await query)[0]?.n ?? 0)
  counts.field_values = await counted(
    tx.select({ n: count() }).from(fieldValues).where(inArray(fieldValues.visitorId, erased)),
  )
  counts.consent_events = await counted(
    tx.select({ n: count() }).from(consentEvents).where(inArray(consentEvents.visitorId, erased)),
  )
  counts.submissions = await counted(
    tx.select({ n: count() }).from(submissions).where(inArray(submissions.visitorId, erased)),
  )
  counts.downloads = await counted(
    tx.select({ n: count() }).from(downloads).where(inArray(downloads.visitorId, erased)),
  )
  counts.address_index = await counted(
    tx.select({ n: count() }).from(addressIndex).where(inArray(addressIndex.visitorId, erased)),
  )
  await tx
    .update(submissions)
    .set({ idempotencyKey: null })
    .where(inArray(submissions.visitorId, erased))
  await tx.delete(visitors).where(inArray(visitors.id, erased))
  return { erased, counts }
}

/**
 * The visitor's own erasure (`DELETE /v1/me`): everything stored about the visitor, and a
 * receipt of kind `visitor` without personal data.
 */
export async function eraseVisitor(
  tx: TrickleDb,
  visitorId: string,
  now: Date,
): Promise<ErasureCounts> {
  const { erased, counts } = await eraseVisitors(tx, [visitorId])
  if (erased.length === 0) return { fields: 0, consentEvents: 0, submissions: 0 }
  await writeReceipt(tx, {
    at: now,
    kind: 'visitor',
    addressHash: null,
    requestedBy: 'visitor',
    reason: null,
    profiles: 1,
    counts,
  })
  return {
    fields: counts.field_values,
    consentEvents: counts.consent_events,
    submissions: counts.submissions,
  }
}
