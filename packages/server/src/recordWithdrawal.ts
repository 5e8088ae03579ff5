import { withdrawConsent, type ConsentEvent, type Profile } from '@trickle/core'
import { enqueueDeliveries } from './delivery/enqueueDeliveries'
import type { TrickleDb } from './openDatabase'
import type { AddressIndexing } from './privacy/addressIndex'
import { appendConsentEvents, saveFields, type StoredProfile } from './profileStore'

/**
 * One visitor's withdrawal of a purpose, inside the caller's transaction and under the
 * visitor's lock (`stored` was loaded with `lock: true`): the core's `withdrawConsent`, its
 * events appended to the ledger, the values that served only this purpose erased, and the
 * hand-off committed with it (`consent.changed`, and `profile.erased` where values went). The
 * visitor's own withdrawal and the privacy desk's both come here.
 */
export async function recordWithdrawal(
  tx: TrickleDb,
  ctx: AddressIndexing,
  stored: StoredProfile,
  purposeId: string,
  options: {
    now: Date
    source: NonNullable<ConsentEvent['source']>
    /** The keyed hash of the address the events are recorded for (proof: who). */
    addressHash: string | null
    formId?: string | undefined
  },
): Promise<{ profile: Profile; erased: string[]; enqueued: number }> {
  const { config } = ctx
  const { now, formId } = options
  const visitorId = stored.profile.visitorId
  const { profile, erased } = withdrawConsent(config, stored.profile, purposeId, {
    now,
    source: options.source,
  })
  const events = profile.consents.slice(stored.profile.consents.length)
  // The outbox names consent rows by their ledger number, which the insert hands back.
  const appended = await appendConsentEvents(tx, config, visitorId, events, {
    now,
    addressHash: options.addressHash,
  })
  await saveFields(tx, stored, profile, ctx)
  let enqueued = await enqueueDeliveries(
    tx,
    config,
    { kind: 'consent', visitorId, formId, consentEvents: appended.events },
    now,
  )
  if (erased.length > 0) {
    enqueued += await enqueueDeliveries(
      tx,
      config,
      { kind: 'erasure', visitorId, fieldIds: erased },
      now,
    )
  }
  return { profile, erased, enqueued }
}
