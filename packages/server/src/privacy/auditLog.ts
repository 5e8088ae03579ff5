import { and, desc, lt, type SQL } from 'drizzle-orm'
import type { TrickleDb } from '../openDatabase'
import { auditEvents } from '../schema'

/** What the privacy desk (or the retention run) did. */
export type AuditAction = 'find' | 'export' | 'proof' | 'erase' | 'withdraw' | 'retention'

/** One entry of the audit log: who, when, what, for which address hash; never a value. */
export interface AuditEntry {
  seq: number
  at: string
  actor: string
  action: AuditAction
  addressHash: string | null
  purposeId: string | null
  detail: Record<string, unknown>
}

export interface NewAuditEntry {
  at: Date
  actor: string
  action: AuditAction
  addressHash?: string | null | undefined
  purposeId?: string | null | undefined
  /** Counts and outcomes only (`{ profiles: 2 }`): never a personal value. */
  detail?: Record<string, unknown> | undefined
}

/**
 * Appends an entry; in the transaction of the action it records where there is one, so an
 * erasure and its entry are committed together. The table refuses UPDATE and DELETE.
 */
export async function appendAudit(db: TrickleDb, entry: NewAuditEntry): Promise<void> {
  await db.insert(auditEvents).values({
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    addressHash: entry.addressHash ?? null,
    purposeId: entry.purposeId ?? null,
    detail: entry.detail ?? {},
  })
}

/** The latest entries, newest first; `before` pages back from an entry's `seq`. */
export async function listAudit(
  db: TrickleDb,
  options: { limit: number; before?: number | undefined },
): Promise<AuditEntry[]> {
  const where: SQL[] = []
  if (options.before !== undefined) where.push(lt(auditEvents.seq, options.before))
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.seq))
    .limit(options.limit)
  return rows.map((row) => ({
    seq: row.seq,
    at: row.at.toISOString(),
    actor: row.actor,
    action: row.action as AuditAction,
    addressHash: row.addressHash,
    purposeId: row.purposeId,
    detail: row.detail,
  }))
}
