import { randomUUID } from 'node:crypto'
import {
  parseProfile,
  shownConsentText,
  type Config,
  type ConsentEvent,
  type FieldRecord,
  type Profile,
  type Submission,
} from '@trickle/core'
import { and, asc, count, eq, sql } from 'drizzle-orm'
import type { TrickleDb } from './openDatabase'
import { consentEvents, consentTexts, erasures, fieldValues, submissions, visitors } from './schema'

/**
 * The bridge between the tables and the core's `Profile`: the server keeps one row per field
 * answer and one per consent event, rebuilds a profile from them to call the core functions,
 * and writes back only what changed. Corrupt rows are skipped (parseProfile), never a 500.
 */

export interface StoredProfile {
  profile: Profile
  /** Whether the visitor has a row (has ever submitted something). */
  exists: boolean
  /** Accepted submissions so far. */
  visits: number
}

/** Reads the visitor's profile. Inside a transaction pass `lock` to serialise writers. */
export async function loadProfile(
  db: TrickleDb,
  config: Config,
  visitorId: string,
  options: { now: Date; log: (line: string) => void; lock?: boolean },
): Promise<StoredProfile> {
  const query = db
    .select({ visits: visitors.visits })
    .from(visitors)
    .where(eq(visitors.id, visitorId))
  const [visitor] = options.lock ? await query.for('update') : await query
  if (!visitor)
    return { profile: rebuild(config, visitorId, [], [], options), exists: false, visits: 0 }
  const fieldRows = await db.select().from(fieldValues).where(eq(fieldValues.visitorId, visitorId))
  const eventRows = await db
    .select()
    .from(consentEvents)
    .where(eq(consentEvents.visitorId, visitorId))
    .orderBy(asc(consentEvents.seq))
  return {
    profile: rebuild(config, visitorId, fieldRows, eventRows, options),
    exists: true,
    visits: visitor.visits,
  }
}

/**
 * Creates the visitor row when missing and locks it until the transaction ends. Two submissions
 * of one visitor (two tabs) thus run one after the other, and the second sees the first.
 */
export async function lockVisitor(
  tx: TrickleDb,
  config: Config,
  visitorId: string,
  options: { now: Date; log: (line: string) => void },
): Promise<StoredProfile> {
  await tx
    .insert(visitors)
    .values({ id: visitorId, createdAt: options.now })
    .onConflictDoNothing({ target: visitors.id })
  return loadProfile(tx, config, visitorId, { ...options, lock: true })
}

type FieldRow = typeof fieldValues.$inferSelect
type EventRow = typeof consentEvents.$inferSelect

function rebuild(
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
  const consents = eventRows.map((row) => {
    const event: Record<string, unknown> = {
      purposeId: row.purposeId,
      decision: row.decision,
      version: row.version,
      at: row.at.toISOString(),
    }
    if (row.formId !== null) event['formId'] = row.formId
    if (row.locale !== null) event['locale'] = row.locale
    if (row.textHash !== null) event['textHash'] = row.textHash
    if (row.source !== null) event['source'] = row.source
    return event
  })
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

/** Writes the field records that differ between two profiles of one visitor. */
export async function saveFields(tx: TrickleDb, before: Profile, after: Profile): Promise<void> {
  const visitorId = after.visitorId
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
  await tx
    .insert(fieldValues)
    .values(changed)
    .onConflictDoUpdate({
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

/**
 * Appends consent events, and keeps a copy of every consent text shown (by SHA-256), so that
 * each event can be proven with the exact words the visitor saw.
 */
export async function appendConsentEvents(
  tx: TrickleDb,
  config: Config,
  visitorId: string,
  events: readonly ConsentEvent[],
  now: Date,
): Promise<void> {
  if (events.length === 0) return
  const texts = new Map<string, typeof consentTexts.$inferInsert>()
  for (const event of events) {
    if (event.textHash === undefined) continue
    const shown = shownConsentText(config, event.purposeId, event.locale)
    if (shown.hash !== event.textHash) {
      throw new Error(`The consent text of "${event.purposeId}" does not match its hash`)
    }
    texts.set(shown.hash, {
      hash: shown.hash,
      purposeId: event.purposeId,
      version: event.version,
      locale: shown.locale,
      text: shown.text,
      firstSeen: now,
    })
  }
  if (texts.size > 0) {
    // Sorted, so concurrent transactions take the same order and cannot deadlock.
    const rows = [...texts.values()].sort((a, b) => a.hash.localeCompare(b.hash))
    await tx.insert(consentTexts).values(rows).onConflictDoNothing({ target: consentTexts.hash })
  }
  await tx.insert(consentEvents).values(
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
    })),
  )
}

/** Records an accepted submission (no values) and returns its id and visit number. */
export async function recordSubmission(
  tx: TrickleDb,
  submission: Submission,
  idempotencyKey: string,
): Promise<{ id: string; visit: number }> {
  const [visitor] = await tx
    .update(visitors)
    .set({ visits: sql`${visitors.visits} + 1` })
    .where(eq(visitors.id, submission.visitorId))
    .returning({ visits: visitors.visits })
  if (!visitor) throw new Error('recordSubmission: the visitor row is missing')
  const id = randomUUID()
  await tx.insert(submissions).values({
    id,
    visitorId: submission.visitorId,
    idempotencyKey,
    formId: submission.formId,
    visit: visitor.visits,
    at: new Date(submission.at),
    locale: submission.locale,
    fieldIds: submission.fieldIds,
    declined: submission.declined,
    consents: submission.consents.map(({ purposeId, decision }) => ({ purposeId, decision })),
  })
  return { id, visit: visitor.visits }
}

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

export interface ErasureCounts {
  fields: number
  consentEvents: number
  submissions: number
}

/**
 * Erases everything stored about a visitor: values and consent history are deleted,
 * submissions and downloads lose their link to the person (their counts stay in the report).
 * An `erasures` row records that it happened, without personal data.
 */
export async function eraseVisitor(
  tx: TrickleDb,
  visitorId: string,
  now: Date,
): Promise<ErasureCounts> {
  const [visitor] = await tx
    .select({ id: visitors.id })
    .from(visitors)
    .where(eq(visitors.id, visitorId))
    .for('update')
  if (!visitor) return { fields: 0, consentEvents: 0, submissions: 0 }
  const counted = async (query: Promise<{ n: number }[]>) => (await query)[0]?.n ?? 0
  const counts: ErasureCounts = {
    fields: await counted(
      tx.select({ n: count() }).from(fieldValues).where(eq(fieldValues.visitorId, visitorId)),
    ),
    consentEvents: await counted(
      tx.select({ n: count() }).from(consentEvents).where(eq(consentEvents.visitorId, visitorId)),
    ),
    submissions: await counted(
      tx.select({ n: count() }).from(submissions).where(eq(submissions.visitorId, visitorId)),
    ),
  }
  await tx
    .update(submissions)
    .set({ idempotencyKey: null })
    .where(eq(submissions.visitorId, visitorId))
  await tx.delete(visitors).where(eq(visitors.id, visitorId))
  await tx.insert(erasures).values({ id: randomUUID(), at: now, ...counts })
  return counts
}
