import { randomUUID } from 'node:crypto'
import type { Config, ConsentEvent, Destination, DestinationEventKind } from '@trickle/core'
import { and, eq, getTableName, sql } from 'drizzle-orm'
import { executeNamed } from '../namedStatement'
import type { TrickleDb } from '../openDatabase'
import { deliveries, type DeliveryPayload } from '../schema'
import type { DeliveryEventType } from './destinationAdapter'

/**
 * The outbox writer: called inside the transaction that makes a change, so the events of the
 * change are committed with it or not at all (a crash after the commit loses nothing; the
 * worker finds the rows). One row per event and destination; the rows of one event share its
 * id. No personal values are written: values are read from the profile at delivery time.
 */

/** A consent event just appended, with the ledger's `seq` (from `appendConsentEvents`). */
export type AppendedConsentEvent = Pick<ConsentEvent, 'purposeId'> & { seq: number }

/** What changed, as the routes know it. */
export type OutboxChange =
  | {
      kind: 'submission'
      visitorId: string
      formId: string
      submissionId: string
      /** Field ids of the submission's answers. */
      fieldIds: readonly string[]
      /** The consent events the submission has just appended (in order). */
      consentEvents: readonly AppendedConsentEvent[]
      pageUri?: string | undefined
      pageName?: string | undefined
      /** HubSpot's visitor cookie, as the request carried it. */
      hutk?: string | undefined
    }
  | {
      /** A withdrawal, a double opt-in confirmation: events just appended (in order). */
      kind: 'consent'
      visitorId: string
      formId?: string | undefined
      consentEvents: readonly AppendedConsentEvent[]
    }
  | {
      /**
       * Values erased: by a withdrawal (`fieldIds`), or the whole profile (`'all'`). Only
       * destinations that received some of them hear of it.
       */
      kind: 'erasure'
      visitorId: string
      fieldIds: readonly string[] | 'all'
    }

/** Destinations that receive `kind` (their `events`). */
export function destinationsFor(config: Config, kind: DestinationEventKind): Destination[] {
  return (config.destinations ?? []).filter((destination) => destination.events.includes(kind))
}

export type OutboxRow = typeof deliveries.$inferInsert

/** Writes the outbox rows of a change; returns how many (0: nothing to kick). */
export async function enqueueDeliveries(
  tx: TrickleDb,
  config: Config,
  change: OutboxChange,
  now: Date,
): Promise<number> {
  if ((config.destinations ?? []).length === 0) return 0
  const rows =
    change.kind === 'erasure'
      ? erasureRows(change, await erasureTargets(tx, config, change), now)
      : outboxRows(config, change, now)
  if (rows.length === 0) return 0
  await writeOutbox(tx, rows)
  return rows.length
}

/** The columns an outbox row is written with (the others keep their defaults). */
const writtenColumns = [
  'id',
  'eventId',
  'destinationId',
  'type',
  'visitorId',
  'formId',
  'payload',
  'status',
  'attempts',
  'nextAttemptAt',
  'lockedUntil',
  'createdAt',
] as const satisfies readonly (keyof OutboxRow)[]
const columns = writtenColumns.map((key) => [key, deliveries[key]] as const)
const names = columns.map(([, column]) => `"${column.name}"`).join(', ')
const recordTypes = columns.map(([, column]) => `"${column.name}" ${column.getSQLType()}`)
const outboxWriteText = `insert into "${getTableName(deliveries)}" (${names}) select ${names} from jsonb_to_recordset($1::jsonb) as r(${recordTypes.join(', ')})`

/**
 * A write of fixed text that takes its rows as one JSON parameter, `$1` in `text`: the same
 * text for any number of rows, so it can be a prepared statement (see `recordSubmission`).
 */
export interface JsonRowsWrite {
  text: string
  /** The rows, as the JSON text of an array of records keyed by column name. */
  rows: string
}

/** The outbox rows as the JSON records `jsonb_to_recordset` reads. */
function outboxRecords(rows: readonly OutboxRow[]): string {
  return JSON.stringify(
    rows.map((row) =>
      Object.fromEntries(columns.map(([key, column]) => [column.name, row[key] ?? null])),
    ),
  )
}

/** The outbox rows as one write of fixed text, to send along another statement. */
export function outboxWrite(rows: readonly OutboxRow[]): JsonRowsWrite {
  return { text: outboxWriteText, rows: outboxRecords(rows) }
}

/**
 * Writes outbox rows on their own: `outboxWrite`'s statement, one text for any number of rows
 * (a named prepared statement; Drizzle's `insert().values()` builds its text anew for every
 * call, which cost more JavaScript per submission than the rest of the hand-off's write).
 */
export async function writeOutbox(tx: TrickleDb, rows: readonly OutboxRow[]): Promise<void> {
  const write = outboxWrite(rows)
  await executeNamed(tx, 'outbox', write.text, [write.rows])
}

/**
 * The outbox rows of a submission or consent change, without writing them: the submit route
 * sends them in the statement that records the submission (`recordSubmission`'s `alongside`,
 * as `outboxWrite`).
 * With `reserve` (the delivery worker's), a row the worker can take is written already
 * claimed by it (`lockedUntil` its lease, `attempts` 1), for its hand-off after the commit.
 */
export function outboxRows(
  config: Config,
  change: Exclude<OutboxChange, { kind: 'erasure' }>,
  now: Date,
  reserve?: (destinationId: string) => Date | null,
): OutboxRow[] {
  const rows: OutboxRow[] = []
  const add = (
    type: DeliveryEventType,
    targets: readonly { destination: Destination; payload: DeliveryPayload }[],
    formId: string | undefined,
  ) => {
    const eventId = randomUUID()
    for (const { destination, payload } of targets) {
      const row = outboxRow(eventId, type, destination, change.visitorId, formId, payload, now)
      const lease = reserve?.(destination.id) ?? null
      rows.push(lease === null ? row : { ...row, lockedUntil: lease, attempts: 1 })
    }
  }

  const seqs = change.consentEvents.map((event) => event.seq)
  // Destinations whose submission.created carries this change's decisions (data.consents).
  const informed = new Set<string>()
  if (change.kind === 'submission') {
    const hubspot = (config.destinations ?? []).some((d) => d.type === 'hubspot')
    const payload: DeliveryPayload = {
      submissionId: change.submissionId,
      fieldIds: [...change.fieldIds],
      consentSeqs: seqs,
      ...(change.pageUri ? { pageUri: change.pageUri } : {}),
      ...(change.pageName ? { pageName: change.pageName } : {}),
      ...(hubspot && change.hutk ? { hutk: change.hutk } : {}),
    }
    const submitted = destinationsFor(config, 'submission')
      // A HubSpot destination takes the forms it maps to a HubSpot form, and only those.
      .filter((d) => d.type !== 'hubspot' || d.forms[change.formId] !== undefined)
    for (const destination of submitted) informed.add(destination.id)
    add(
      'submission.created',
      submitted.map((destination) => ({
        destination,
        // The cookie id goes only to HubSpot destinations that may link it.
        payload:
          destination.type === 'hubspot' && destination.linkVisitorIdWith !== undefined
            ? payload
            : withoutHutk(payload),
      })),
      change.formId,
    )
  }
  const purposes = new Set(change.consentEvents.map((event) => event.purposeId))
  if (purposes.size > 0) {
    // The decisions of a submission travel in its submission.created; a separate
    // consent.changed goes only to destinations that take consents but not that event.
    const targets = destinationsFor(config, 'consent')
      .filter((destination) => !informed.has(destination.id))
      .map((destination) => {
        const served = new Set(destination.purposes)
        const mine = seqs.filter((_, i) => served.has(change.consentEvents[i]?.purposeId ?? ''))
        return { destination, payload: { consentSeqs: mine } }
      })
      .filter((target) => target.payload.consentSeqs.length > 0)
    add('consent.changed', targets, change.formId)
  }
  return rows
}

function erasureRows(
  change: Extract<OutboxChange, { kind: 'erasure' }>,
  targets: readonly { destination: Destination; payload: DeliveryPayload }[],
  now: Date,
): OutboxRow[] {
  const eventId = randomUUID()
  return targets.map(({ destination, payload }) =>
    outboxRow(eventId, 'profile.erased', destination, change.visitorId, undefined, payload, now),
  )
}

/** One pending row of an event for one destination, due at once. */
function outboxRow(
  eventId: string,
  type: DeliveryEventType,
  destination: Destination,
  visitorId: string,
  formId: string | undefined,
  payload: DeliveryPayload,
  now: Date,
): OutboxRow {
  return {
    id: randomUUID(),
    eventId,
    destinationId: destination.id,
    type,
    visitorId,
    formId: formId ?? null,
    payload,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: new Date(),
    createdAt: now,
  }
}

function withoutHutk(payload: DeliveryPayload): DeliveryPayload {
  const { hutk: _hutk, ...rest } = payload
  return rest
}

/**
 * Destinations that received some of the erased fields (their delivered rows record which),
 * each with the field ids it has to erase. For a whole profile: every destination that
 * received anything from the visitor, or has a delivery of the visitor in flight.
 */
async function erasureTargets(
  tx: TrickleDb,
  config: Config,
  change: Extract<OutboxChange, { kind: 'erasure' }>,
): Promise<{ destination: Destination; payload: DeliveryPayload }[]> {
  const rows = await tx
    .select({
      destinationId: deliveries.destinationId,
      status: deliveries.status,
      deliveredFields: deliveries.deliveredFields,
      payload: deliveries.payload,
    })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.visitorId, change.visitorId),
        sql`(${deliveries.status} = 'delivered' or (${deliveries.status} = 'pending' and ${deliveries.lockedUntil} is not null))`,
      ),
    )
  const received = new Map<string, Set<string>>()
  for (const row of rows) {
    const fields =
      row.status === 'delivered' ? (row.deliveredFields ?? []) : (row.payload.fieldIds ?? [])
    const set = received.get(row.destinationId) ?? new Set<string>()
    for (const id of fields) set.add(id)
    received.set(row.destinationId, set)
  }
  const erased = change.fieldIds === 'all' ? null : new Set(change.fieldIds)
  const targets: { destination: Destination; payload: DeliveryPayload }[] = []
  for (const destination of destinationsFor(config, 'erasure')) {
    const got = received.get(destination.id)
    if (got === undefined) continue
    const fieldIds = [...got].filter((id) => erased === null || erased.has(id)).sort()
    if (erased !== null && fieldIds.length === 0) continue
    targets.push({ destination, payload: { erasedFieldIds: fieldIds } })
  }
  return targets
}
