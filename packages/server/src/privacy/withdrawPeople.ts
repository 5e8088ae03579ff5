import { consentState, type Config } from '@trickle/core'
import type { TrickleDb } from '../openDatabase'
import { loadProfile } from '../profileStore'
import { recordWithdrawal } from '../recordWithdrawal'
import type { Signer } from '../signer'
import { visitorsWithAddress } from './addressIndex'
import { appendAudit } from './auditLog'

/** `POST /v1/admin/people/withdraw`. */
export interface WithdrawPeopleResult {
  purposeId: string
  /** Profiles that hold the address. */
  profiles: number
  /** Profiles where the consent was granted (or waited for its confirmation). */
  withdrawn: number
  /** Fields whose values were erased because the purpose was their only lawful basis. */
  erasedFieldIds: string[]
}

/**
 * A withdrawal the person asked for by mail or letter (Art. 7(3)), on every profile that holds
 * the address: the same core `withdrawConsent` the visitor's own withdrawal uses, recorded with
 * source `desk`; values that served only this purpose are erased; destinations hear
 * `consent.changed` (and `profile.erased` where values went). One transaction.
 */
export async function withdrawPeople(
  db: TrickleDb,
  ctx: { config: Config; signer: Pick<Signer, 'digest'>; log: (line: string) => void },
  request: {
    addressHash: string
    purposeId: string
    actor: string
    reason: string | null
    now: Date
  },
): Promise<WithdrawPeopleResult & { enqueued: number }> {
  const { config } = ctx
  const { now, purposeId } = request
  return db.transaction(async (tx) => {
    const visitorIds = await visitorsWithAddress(tx, request.addressHash)
    let withdrawn = 0
    let enqueued = 0
    const erasedFieldIds = new Set<string>()
    let profiles = 0
    for (const visitorId of visitorIds) {
      const stored = await loadProfile(tx, config, visitorId, { now, log: ctx.log, lock: true })
      if (!stored.exists) continue
      profiles += 1
      const before = consentState(config, stored.profile, purposeId, now)
      if (before === 'granted' || before === 'pending') withdrawn += 1
      const { erased, enqueued: written } = await recordWithdrawal(tx, ctx, stored, purposeId, {
        now,
        source: 'desk',
        addressHash: request.addressHash,
      })
      for (const fieldId of erased) erasedFieldIds.add(fieldId)
      enqueued += written
    }
    const result: WithdrawPeopleResult = {
      purposeId,
      profiles,
      withdrawn,
      erasedFieldIds: config.fields.map((f) => f.id).filter((id) => erasedFieldIds.has(id)),
    }
    await appendAudit(tx, {
      at: now,
      actor: request.actor,
      action: 'withdraw',
      addressHash: request.addressHash,
      purposeId,
      detail: {
        profiles,
        withdrawn,
        erasedFieldIds: result.erasedFieldIds,
        ...(request.reason === null ? {} : { reason: request.reason }),
      },
    })
    return { ...result, enqueued }
  })
}
