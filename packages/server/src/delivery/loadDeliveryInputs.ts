import type { Config, ConsentEvent } from '@trickle/core'
import { inArray } from 'drizzle-orm'
import type { TrickleDb } from '../openDatabase'
import { loadProfiles } from '../profileStore'
import { consentEvents, consentTexts, type deliveries } from '../schema'
import type { DeliveryInputs } from './buildDeliveryEvent'

type DeliveryRow = typeof deliveries.$inferSelect

/**
 * Reads what a batch of outbox rows needs, in a few queries for the whole batch: the current
 * profiles of their visitors, the consent rows they name, and the consent texts (kept in
 * `textCache`: a text row never changes, its hash is its key).
 */
export async function loadDeliveryInputs(
  db: TrickleDb,
  config: Config,
  rows: readonly DeliveryRow[],
  options: { now: Date; log: (line: string) => void; textCache: Map<string, string> },
): Promise<DeliveryInputs> {
  const needsProfile = rows.filter((row) => row.type !== 'profile.erased')
  const profiles = await loadProfiles(
    db,
    config,
    needsProfile.map((row) => row.visitorId),
    options,
  )
  const seqs = [...new Set(needsProfile.flatMap((row) => row.payload.consentSeqs ?? []))]
  const consents = new Map<number, ConsentEvent & { visitorId: string }>()
  if (seqs.length > 0) {
    const found = await db.select().from(consentEvents).where(inArray(consentEvents.seq, seqs))
    for (const row of found) {
      consents.set(row.seq, {
        visitorId: row.visitorId,
        purposeId: row.purposeId,
        decision: row.decision as ConsentEvent['decision'],
        version: row.version,
        at: row.at.toISOString(),
        ...(row.formId === null ? {} : { formId: row.formId }),
        ...(row.locale === null ? {} : { locale: row.locale }),
        ...(row.textHash === null ? {} : { textHash: row.textHash }),
      })
    }
  }
  const hashes = new Set<string>()
  for (const profile of profiles.values()) {
    for (const event of profile.consents) if (event.textHash) hashes.add(event.textHash)
  }
  for (const event of consents.values()) if (event.textHash) hashes.add(event.textHash)
  const missing = [...hashes].filter((hash) => !options.textCache.has(hash))
  if (missing.length > 0) {
    const found = await db
      .select({ hash: consentTexts.hash, text: consentTexts.text })
      .from(consentTexts)
      .where(inArray(consentTexts.hash, missing))
    for (const row of found) options.textCache.set(row.hash, row.text)
  }
  return { profiles, consents, texts: options.textCache, now: options.now }
}
