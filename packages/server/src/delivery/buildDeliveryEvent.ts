import {
  destinationRecord,
  purposeUsable,
  type Config,
  type ConsentEvent,
  type Destination,
} from '@trickle/core'
import { and, eq, inArray } from 'drizzle-orm'
import type { TrickleDb } from '../openDatabase'
import { loadProfile } from '../profileStore'
import { consentEvents, consentTexts, type deliveries } from '../schema'
import type {
  DeliveredConsent,
  DeliveryContext,
  DeliveryEvent,
  DeliveryEventType,
} from './destinationAdapter'

type DeliveryRow = typeof deliveries.$inferSelect

/**
 * The event of one outbox row for its destination, built from the profile as it is NOW (the
 * moment of delivery): a value goes along only while one of its field's purposes is served by
 * the destination and usable; a consent withdrawn or expired since the change holds it back.
 * `null` when the profile is gone (erased): there is nothing left to send.
 */
export async function buildDeliveryEvent(
  db: TrickleDb,
  config: Config,
  destination: Destination,
  row: DeliveryRow,
  options: { now: Date; log: (line: string) => void },
): Promise<{ event: DeliveryEvent; context: DeliveryContext } | null> {
  const base = {
    id: row.eventId,
    type: row.type as DeliveryEventType,
    timestamp: row.createdAt.toISOString(),
  }
  const formId = row.formId === null ? {} : { formId: row.formId }
  if (row.type === 'profile.erased') {
    return {
      event: {
        ...base,
        data: {
          visitorId: row.visitorId,
          fields: {},
          consents: [],
          erasedFieldIds: row.payload.erasedFieldIds ?? [],
        },
      },
      context: {},
    }
  }
  const stored = await loadProfile(db, config, row.visitorId, options)
  if (!stored.exists) return null
  const { profile } = stored
  const record = destinationRecord(config, profile, destination, {
    now: options.now,
    ...(row.payload.fieldIds ? { fieldIds: row.payload.fieldIds } : {}),
  })
  const consents =
    row.payload.consentSeqs === undefined
      ? record.consents
      : await consentsBySeq(db, row.visitorId, row.payload.consentSeqs, destination)
  const context: DeliveryContext = {
    ...(row.payload.pageUri ? { pageUri: row.payload.pageUri } : {}),
    ...(row.payload.pageName ? { pageName: row.payload.pageName } : {}),
  }
  // Linking the analytics cookie to a person needs its own consent, checked now.
  if (
    row.payload.hutk !== undefined &&
    destination.type === 'hubspot' &&
    destination.linkVisitorIdWith !== undefined &&
    purposeUsable(config, profile, destination.linkVisitorIdWith, options.now)
  ) {
    context.hutk = row.payload.hutk
  }
  return {
    event: {
      ...base,
      data: {
        visitorId: row.visitorId,
        ...formId,
        fields: record.fields,
        consents: await withTexts(db, consents),
      },
    },
    context,
  }
}

/** The consent events of these rows (the change's own), for purposes the destination serves. */
async function consentsBySeq(
  db: TrickleDb,
  visitorId: string,
  seqs: readonly number[],
  destination: Destination,
): Promise<ConsentEvent[]> {
  if (seqs.length === 0) return []
  const served = new Set(destination.purposes)
  const rows = await db
    .select()
    .from(consentEvents)
    .where(and(eq(consentEvents.visitorId, visitorId), inArray(consentEvents.seq, [...seqs])))
  return rows
    .filter((row) => served.has(row.purposeId))
    .sort((a, b) => a.seq - b.seq)
    .map((row) => ({
      purposeId: row.purposeId,
      decision: row.decision as ConsentEvent['decision'],
      version: row.version,
      at: row.at.toISOString(),
      ...(row.formId === null ? {} : { formId: row.formId }),
      ...(row.locale === null ? {} : { locale: row.locale }),
      ...(row.textHash === null ? {} : { textHash: row.textHash }),
    }))
}

/** Adds the exact text shown to each consent, from the server's copy by hash. */
async function withTexts(db: TrickleDb, events: ConsentEvent[]): Promise<DeliveredConsent[]> {
  const hashes = [...new Set(events.flatMap((e) => (e.textHash ? [e.textHash] : [])))]
  const texts = new Map<string, string>()
  if (hashes.length > 0) {
    const rows = await db
      .select({ hash: consentTexts.hash, text: consentTexts.text })
      .from(consentTexts)
      .where(inArray(consentTexts.hash, hashes))
    for (const row of rows) texts.set(row.hash, row.text)
  }
  return events.map((event) => {
    const text = event.textHash === undefined ? undefined : texts.get(event.textHash)
    return {
      purposeId: event.purposeId,
      decision: event.decision,
      version: event.version,
      at: event.at,
      ...(event.textHash === undefined ? {} : { textHash: event.textHash }),
      ...(event.locale === undefined ? {} : { locale: event.locale }),
      ...(event.formId === undefined ? {} : { formId: event.formId }),
      ...(text === undefined ? {} : { text }),
    }
  })
}
