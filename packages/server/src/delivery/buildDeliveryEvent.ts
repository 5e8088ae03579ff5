import {
  destinationRecord,
  purposeUsable,
  type Config,
  type ConsentEvent,
  type Destination,
  type Profile,
} from '@trickle/core'
import type { deliveries } from '../schema'
import type {
  DeliveredConsent,
  DeliveryContext,
  DeliveryEvent,
  DeliveryEventType,
} from './destinationAdapter'

type DeliveryRow = typeof deliveries.$inferSelect

/** What the worker read for a batch of rows: profiles, the consent rows named, the texts. */
export interface DeliveryInputs {
  /** By visitor id; a visitor that was erased is missing. */
  profiles: ReadonlyMap<string, Profile>
  /** Consent events by `seq` (the outbox rows name theirs). */
  consents: ReadonlyMap<number, ConsentEvent & { visitorId: string }>
  /** Consent texts by hash. */
  texts: ReadonlyMap<string, string>
  /** The moment of delivery. */
  now: Date
}

/**
 * The event of one outbox row for its destination, built from the profile as it is NOW (the
 * moment of delivery): a value goes along only while one of its field's purposes is served by
 * the destination and usable; a consent withdrawn or expired since the change holds it back.
 * `null` when the profile is gone (erased): there is nothing left to send.
 */
export function buildDeliveryEvent(
  config: Config,
  destination: Destination,
  row: DeliveryRow,
  inputs: DeliveryInputs,
): { event: DeliveryEvent; context: DeliveryContext } | null {
  const base = {
    id: row.eventId,
    type: row.type as DeliveryEventType,
    timestamp: row.createdAt.toISOString(),
  }
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
  const profile = inputs.profiles.get(row.visitorId)
  if (profile === undefined) return null
  const record = destinationRecord(config, profile, destination, {
    now: inputs.now,
    ...(row.payload.fieldIds ? { fieldIds: row.payload.fieldIds } : {}),
  })
  const served = new Set(destination.purposes)
  // The decisions this event is about (its own consent rows), for purposes served here.
  const consents =
    row.payload.consentSeqs === undefined
      ? record.consents
      : row.payload.consentSeqs.flatMap((seq) => {
          const event = inputs.consents.get(seq)
          return event && event.visitorId === row.visitorId && served.has(event.purposeId)
            ? [event]
            : []
        })
  const context: DeliveryContext = {
    ...(row.payload.pageUri ? { pageUri: row.payload.pageUri } : {}),
    ...(row.payload.pageName ? { pageName: row.payload.pageName } : {}),
  }
  // Linking the analytics cookie to a person needs its own consent, checked now.
  if (
    row.payload.hutk !== undefined &&
    destination.type === 'hubspot' &&
    destination.linkVisitorIdWith !== undefined &&
    purposeUsable(config, profile, destination.linkVisitorIdWith, inputs.now)
  ) {
    context.hutk = row.payload.hutk
  }
  return {
    event: {
      ...base,
      data: {
        visitorId: row.visitorId,
        ...(row.formId === null ? {} : { formId: row.formId }),
        fields: record.fields,
        consents: consents.map((event) => delivered(event, inputs.texts)),
      },
    },
    context,
  }
}

/** A consent event as destinations receive it, with the exact text shown. */
function delivered(event: ConsentEvent, texts: ReadonlyMap<string, string>): DeliveredConsent {
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
}
