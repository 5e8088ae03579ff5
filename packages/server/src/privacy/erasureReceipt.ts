import { randomUUID } from 'node:crypto'
import { desc } from 'drizzle-orm'
import type { TrickleDb } from '../openDatabase'
import { erasures, type ErasureTableCounts } from '../schema'

/** Who asked for an erasure: the visitor's own browser, the privacy desk, or the retention run. */
export type ErasureKind = 'visitor' | 'desk' | 'retention'

/**
 * The proof that an erasure happened, without personal data beyond the keyed hash of the
 * address the desk was asked about: when, who asked, why, how many profiles and rows.
 */
export interface ErasureReceipt {
  id: string
  at: string
  kind: ErasureKind
  addressHash: string | null
  requestedBy: string
  reason: string | null
  profiles: number
  counts: ErasureTableCounts
}

export interface NewReceipt {
  at: Date
  kind: ErasureKind
  addressHash: string | null
  requestedBy: string
  reason: string | null
  profiles: number
  counts: ErasureTableCounts
}

/** Writes a receipt in the erasure's transaction and returns it as the API shows it. */
export async function writeReceipt(tx: TrickleDb, receipt: NewReceipt): Promise<ErasureReceipt> {
  const id = randomUUID()
  await tx.insert(erasures).values({
    id,
    at: receipt.at,
    fields: receipt.counts.field_values,
    consentEvents: receipt.counts.consent_events,
    submissions: receipt.counts.submissions,
    kind: receipt.kind,
    addressHash: receipt.addressHash,
    requestedBy: receipt.requestedBy,
    reason: receipt.reason,
    profiles: receipt.profiles,
    counts: receipt.counts,
  })
  return { id, ...receipt, at: receipt.at.toISOString() }
}

/** A stored receipt; rows written before the desk existed are visitor erasures of one profile. */
export function receiptOf(row: typeof erasures.$inferSelect): ErasureReceipt {
  const kind: ErasureKind = row.kind === 'desk' || row.kind === 'retention' ? row.kind : 'visitor'
  return {
    id: row.id,
    at: row.at.toISOString(),
    kind,
    addressHash: row.addressHash,
    requestedBy: row.requestedBy ?? kind,
    reason: row.reason,
    profiles: row.profiles,
    counts: row.counts ?? {
      field_values: row.fields,
      consent_events: row.consentEvents,
      submissions: row.submissions,
      downloads: 0,
      address_index: 0,
    },
  }
}

/** The latest receipts, newest first. */
export async function listReceipts(db: TrickleDb, limit: number): Promise<ErasureReceipt[]> {
  const rows = await db
    .select()
    .from(erasures)
    .orderBy(desc(erasures.at), desc(erasures.id))
    .limit(limit)
  return rows.map(receiptOf)
}
