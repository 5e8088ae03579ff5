import type { ConsentEvent, FieldValue } from '@trickle/core'

/**
 * The contract between the delivery worker and a destination (webhook, HubSpot, your own).
 * The worker builds the event from the current profile, within what the person allowed for
 * this destination, and calls `deliver` once per attempt; the adapter only talks to the
 * receiver and says how it went.
 */

/** The types of events that reach destinations. */
export type DeliveryEventType = 'submission.created' | 'consent.changed' | 'profile.erased'

export interface DeliveryEvent {
  /** Stable across retries and the same for every destination of one event (`webhook-id`). */
  id: string
  type: DeliveryEventType
  /** When the change happened (ISO 8601). */
  timestamp: string
  data: DeliveryData
}

export interface DeliveryData {
  /** The pseudonymous visitor id (the cookie's). */
  visitorId: string
  formId?: string
  /** Field id → value: only fields whose purpose this destination serves and may use now. */
  fields: Record<string, FieldValue>
  /**
   * The consent decisions this event is about (those of the submission, or the change), for
   * purposes this destination serves, oldest first; with the exact text shown.
   */
  consents: DeliveredConsent[]
  /** For `profile.erased`: the field ids the receiver must erase. */
  erasedFieldIds?: string[]
}

export interface DeliveredConsent {
  purposeId: string
  decision: ConsentEvent['decision']
  version: number
  /** SHA-256 of the exact text shown. */
  textHash?: string
  /** When it was decided (ISO 8601). */
  at: string
  locale?: string
  formId?: string
  /** The exact text shown, from the server's copy of every consent text. */
  text?: string
}

export interface DeliveryContext {
  /** The page the form was sent from (no query string). */
  pageUri?: string
  pageName?: string
  /** HubSpot's visitor cookie; present only while `linkVisitorIdWith` is usable. */
  hutk?: string
}

/**
 * `ok: true` on success. Otherwise `retry` says whether another attempt may succeed, and
 * `disable` switches the destination off until an admin enables it (a webhook's 410).
 * `error` is logged and listed by the admin API: never put personal values in it.
 */
export type DeliveryOutcome =
  { ok: true } | { ok: false; error: string; status?: number; retry: boolean; disable?: boolean }

export interface DestinationAdapter {
  deliver(
    event: DeliveryEvent,
    context: DeliveryContext,
    signal: AbortSignal,
  ): Promise<DeliveryOutcome>
  /** Releases what the adapter holds (kept-alive connections) when the worker stops. */
  close?(): void
}

/** Where a destination is and its secret (from `TRICKLE_DESTINATION_<ID>_URL` / `_SECRET`). */
export type DestinationEndpoint = { url: string | undefined; secret: string }
