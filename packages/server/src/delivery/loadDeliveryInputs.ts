import type { Config } from '@trickle/core'
import { inArray } from 'drizzle-orm'
import type { TrickleDb } from '../openDatabase'
import { loadProfiles } from '../profileStore'
import { consentTexts, type deliveries } from '../schema'
import type { DeliveryInputs } from './buildDeliveryEvent'

/** An outbox row as the worker claimed it: with whether its visitor's row existed then. */
type ClaimedRow = typeof deliveries.$inferSelect & { visitorExists: boolean }

/**
 * Reads what a batch of outbox rows needs, in a few queries for the whole batch: the current
 * profiles of their visitors with their consent rows (which the outbox rows name by `seq`), and
 * the consent texts (kept in `textCache`: a text row never changes, its hash is its key).
 * A visitor gone at the claim (erased) has no profile; the others are read now.
 */
export async function loadDeliveryInputs(
  db: TrickleDb,
  config: Config,
  rows: readonly ClaimedRow[],
  options: { now: Date; log: (line: string) => void; textCache: Map<string, string> },
): Promise<DeliveryInputs> {
  const needsProfile = rows.filter((row) => row.type !== 'profile.erased' && row.visitorExists)
  // The consent rows an outbox row names belong to its visitor: read with the profiles.
  const { profiles, events: consents } = await loadProfiles(
    db,
    config,
    needsProfile.map((row) => row.visitorId),
    { ...options, existing: true },
  )
  // Every profile's events are among these, so their texts are too.
  const hashes = new Set<string>()
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
