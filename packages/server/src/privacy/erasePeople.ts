import type { Config } from '@trickle/core'
import { enqueueDeliveries } from '../delivery/enqueueDeliveries'
import type { TrickleDb } from '../openDatabase'
import { eraseVisitors } from '../profileStore'
import { visitorsWithAddress } from './addressIndex'
import { appendAudit } from './auditLog'
import { writeReceipt, type ErasureReceipt } from './erasureReceipt'

export interface ErasePeopleResult {
  receipt: ErasureReceipt
  /** Outbox rows written (kick the delivery worker once committed). */
  enqueued: number
}

/**
 * Art. 17 for a person: every profile that holds the address, in one transaction, with a
 * receipt of kind `desk` (keyed address hash, who, why, counts) and its audit entry; each
 * profile's destinations hear `profile.erased`. An address nobody holds still gets a receipt
 * (`profiles: 0`): the desk can show the request was answered.
 */
export async function erasePeople(
  db: TrickleDb,
  config: Config,
  request: { addressHash: string; actor: string; reason: string | null; now: Date },
): Promise<ErasePeopleResult> {
  return db.transaction(async (tx) => {
    const visitorIds = await visitorsWithAddress(tx, request.addressHash)
    const { erased, counts } = await eraseVisitors(tx, visitorIds)
    let enqueued = 0
    for (const visitorId of erased) {
      enqueued += await enqueueDeliveries(
        tx,
        config,
        { kind: 'erasure', visitorId, fieldIds: 'all' },
        request.now,
      )
    }
    const receipt = await writeReceipt(tx, {
      at: request.now,
      kind: 'desk',
      addressHash: request.addressHash,
      requestedBy: request.actor,
      reason: request.reason,
      profiles: erased.length,
      counts,
    })
    await appendAudit(tx, {
      at: request.now,
      actor: request.actor,
      action: 'erase',
      addressHash: request.addressHash,
      detail: { receiptId: receipt.id, profiles: erased.length, counts },
    })
    return { receipt, enqueued }
  })
}
