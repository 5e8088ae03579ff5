import type { Config, Profile } from '@trickle/core'
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { TrickleDb } from '../openDatabase'
import { addressIndex } from '../schema'
import type { Signer } from '../signer'
import { addressHash, emailFieldIds, normaliseAddress } from './addressHash'

/**
 * The index behind "find a person by e-mail": one row (keyed address hash, visitor, field) per
 * answered field of type `email`. Written in the transaction that writes the value, so it is
 * never behind the profiles; erased with the visitor (cascade).
 */

/** What keeping the index needs: which fields hold addresses, and the key of the hash. */
export interface AddressIndexing {
  config: Config
  signer: Pick<Signer, 'digest'>
}

/** The normalised address of a stored value, or undefined for anything else. */
function addressOf(profile: Profile, fieldId: string): string | undefined {
  const value = Object.hasOwn(profile.fields, fieldId) ? profile.fields[fieldId]?.value : undefined
  if (typeof value !== 'string') return undefined
  const address = normaliseAddress(value)
  return address === '' ? undefined : address
}

/**
 * Brings the index in line with a profile's new version: a changed address replaces the old
 * hash, a removed one (withdrawn, past retention) takes its hash along. An unchanged address
 * writes nothing (the backfill at start indexes rows written before the index existed).
 */
export async function syncAddressIndex(
  tx: TrickleDb,
  indexing: AddressIndexing,
  before: Profile,
  after: Profile,
): Promise<void> {
  const visitorId = after.visitorId
  for (const fieldId of emailFieldIds(indexing.config)) {
    const was = addressOf(before, fieldId)
    const is = addressOf(after, fieldId)
    if (was === is) continue
    if (was !== undefined) {
      await tx
        .delete(addressIndex)
        .where(and(eq(addressIndex.visitorId, visitorId), eq(addressIndex.fieldId, fieldId)))
    }
    if (is !== undefined) {
      await tx
        .insert(addressIndex)
        .values({ addressHash: addressHash(indexing.signer, is), visitorId, fieldId })
        .onConflictDoNothing()
    }
  }
}

/** The visitors whose profile holds the address with this keyed hash (an index lookup). */
export async function visitorsWithAddress(db: TrickleDb, hash: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ visitorId: addressIndex.visitorId })
    .from(addressIndex)
    .where(eq(addressIndex.addressHash, hash))
    .orderBy(addressIndex.visitorId)
  return rows.map((row) => row.visitorId)
}

/** The keyed address hashes a visitor's profile holds. */
export async function addressHashesOf(
  db: TrickleDb,
  visitorIds: readonly string[],
): Promise<Map<string, string>> {
  const found = new Map<string, string>()
  if (visitorIds.length === 0) return found
  const rows = await db
    .select({ visitorId: addressIndex.visitorId, addressHash: addressIndex.addressHash })
    .from(addressIndex)
    .where(inArray(addressIndex.visitorId, [...visitorIds]))
    .orderBy(addressIndex.fieldId)
  for (const row of rows) if (!found.has(row.visitorId)) found.set(row.visitorId, row.addressHash)
  return found
}

/** Rows per backfill transaction. */
const backfillBatch = 500

/**
 * Indexes the addresses stored before the index existed (or by a version that did not keep
 * it), a batch per transaction until none is left. The hash needs the server secret, so SQL
 * alone cannot do this. Returns how many rows it indexed.
 */
export async function backfillAddressIndex(
  db: TrickleDb,
  indexing: AddressIndexing,
): Promise<number> {
  const fieldIds = emailFieldIds(indexing.config)
  if (fieldIds.length === 0) return 0
  let indexed = 0
  // Bounded: every batch indexes each row it read, so the rows left shrink until none is.
  for (;;) {
    const count = await db.transaction(async (tx) => {
      // Locked, so a submission changing one of these values waits and then replaces its hash.
      const result = (await tx.execute(sql`
        select fv.visitor_id as "visitorId", fv.field_id as "fieldId", fv.value #>> '{}' as "value"
        from field_values fv
        where fv.field_id in (${sql.join(
          fieldIds.map((id) => sql`${id}`),
          sql`, `,
        )})
          and jsonb_typeof(fv.value) = 'string'
          and btrim(fv.value #>> '{}') <> ''
          and not exists (
            select 1 from address_index ai
            where ai.visitor_id = fv.visitor_id and ai.field_id = fv.field_id
          )
        order by fv.visitor_id, fv.field_id
        limit ${backfillBatch}
        for share of fv`)) as unknown as {
        rows: { visitorId: string; fieldId: string; value: string | null }[]
      }
      const rows = result.rows.flatMap((row) => {
        const address = normaliseAddress(row.value ?? '')
        return address === ''
          ? []
          : [
              {
                addressHash: addressHash(indexing.signer, address),
                visitorId: row.visitorId,
                fieldId: row.fieldId,
              },
            ]
      })
      if (rows.length > 0) await tx.insert(addressIndex).values(rows).onConflictDoNothing()
      return { read: result.rows.length, written: rows.length }
    })
    indexed += count.written
    // A batch of only blank values indexes nothing, and would be read again: stop there.
    if (count.read < backfillBatch || count.written === 0) return indexed
  }
}
