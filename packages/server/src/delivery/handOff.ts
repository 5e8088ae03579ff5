import { shownConsentText, type Config, type ConsentEvent, type Profile } from '@trickle/core'
import type { DeliveryInputs } from './buildDeliveryEvent'
import type { ClaimedRow } from './createDeliveryWorker'
import type { OutboxRow } from './enqueueDeliveries'

/**
 * The outbox rows of a change that were written already claimed (`outboxRows` with the worker's
 * `reserve`), as the worker's claim returns rows: for its `handOff` after the commit.
 */
export function reservedRows(rows: readonly OutboxRow[]): ClaimedRow[] {
  return rows.flatMap((row) =>
    row.lockedUntil instanceof Date
      ? [
          {
            id: row.id,
            eventId: row.eventId,
            destinationId: row.destinationId,
            type: row.type,
            visitorId: row.visitorId,
            formId: row.formId ?? null,
            payload: row.payload,
            status: 'pending',
            attempts: row.attempts ?? 1,
            nextAttemptAt: row.nextAttemptAt,
            lockedUntil: row.lockedUntil,
            lastError: null,
            lastStatus: null,
            deliveredFields: null,
            createdAt: row.createdAt,
            deliveredAt: null,
            visitorExists: true,
          },
        ]
      : [],
  )
}

/**
 * What the delivery of a change's events needs, from what its request holds once committed:
 * the visitor's profile as just stored, the consent events just appended (by their `seq`) and
 * the texts shown with them. The same inputs the worker reads back for a claimed batch.
 */
export function handOffInputs(
  config: Config,
  visitorId: string,
  profile: Profile,
  events: readonly (ConsentEvent & { seq: number })[],
): Omit<DeliveryInputs, 'now'> {
  const consents = new Map<number, ConsentEvent & { visitorId: string }>()
  const texts = new Map<string, string>()
  for (const { seq, ...event } of events) {
    consents.set(seq, { ...event, visitorId })
    if (event.textHash === undefined) continue
    const shown = shownConsentText(config, event.purposeId, event.locale)
    if (shown.hash === event.textHash) texts.set(shown.hash, shown.text)
  }
  return { profiles: new Map([[visitorId, profile]]), consents, texts }
}
