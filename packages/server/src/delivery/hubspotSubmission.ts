import {
  emptyProfile,
  purposeUsable,
  type Config,
  type ConsentEvent,
  type FieldValue,
  type HubspotDestination,
} from '@trickle/core'
import type { DeliveredConsent, DeliveryContext, DeliveryEvent } from './destinationAdapter'

/**
 * The body of HubSpot's Forms API v3 secure submit
 * (`POST /submissions/v3/integration/secure/submit/{portalId}/{formGuid}`).
 */
export interface HubspotSubmissionBody {
  fields: { objectTypeId: '0-1'; name: string; value: string }[]
  /** Milliseconds since the epoch, as a string: when the person sent the form. */
  submittedAt: string
  context?: { hutk?: string; pageUri?: string; pageName?: string }
  legalConsentOptions?: {
    consent: {
      consentToProcess: boolean
      text: string
      communications: { value: boolean; subscriptionTypeId: number; text: string }[]
    }
  }
}

/** HubSpot's object type id of contacts: every mapped property is a contact property. */
const contactObjectTypeId = '0-1'

/**
 * Builds the secure submit of a `submission.created` event. The event's fields are already
 * limited to what this destination may receive now; of those, only the mapped ones go, as
 * HubSpot contact properties, in the config's field order.
 *
 * Consent (HubSpot's `legalConsentOptions.consent`), with the texts the person was shown:
 * - `communications`: one entry per mapped subscription purpose decided in this event; `value`
 *   is true only while that consent is usable (granted, confirmed where double opt-in applies,
 *   current version, not expired). A purpose not decided in this event is left out, so HubSpot
 *   keeps what it knows.
 * - `consentToProcess`: whether a consent purpose of the destination that is not a
 *   subscription (the consent the processing rests on, e.g. "sales") decided in this event is
 *   usable; `text` is the text shown for it (several: one paragraph each).
 * When the event decides no consent (every field rests on contract or legitimate interest),
 * `legalConsentOptions` is left out: nothing is claimed as consent that the person never gave.
 * HubSpot's `legitimateInterest` option is never sent: it records a subscription under
 * legitimate interest, and a subscription in Trickle is always a consent purpose.
 */
export function hubspotSubmission(
  config: Config,
  destination: HubspotDestination,
  event: DeliveryEvent,
  context: DeliveryContext,
  now: Date,
): HubspotSubmissionBody {
  const fields: HubspotSubmissionBody['fields'] = []
  for (const field of config.fields) {
    const name = destination.fields[field.id]
    const value = event.data.fields[field.id]
    if (name === undefined || value === undefined) continue
    fields.push({ objectTypeId: contactObjectTypeId, name, value: propertyValue(value) })
  }

  const hubspotContext: NonNullable<HubspotSubmissionBody['context']> = {
    // Linking the cookie to a person needs its own consent: the worker passes it only while
    // `linkVisitorIdWith` is usable, and a destination without that purpose never links.
    ...(context.hutk && destination.linkVisitorIdWith !== undefined ? { hutk: context.hutk } : {}),
    ...(context.pageUri ? { pageUri: context.pageUri } : {}),
    ...(context.pageName ? { pageName: context.pageName } : {}),
  }

  const body: HubspotSubmissionBody = {
    fields,
    submittedAt: String(Date.parse(event.timestamp)),
    ...(Object.keys(hubspotContext).length > 0 ? { context: hubspotContext } : {}),
  }
  const consent = legalConsent(config, destination, event.data.consents, now)
  if (consent !== undefined) body.legalConsentOptions = { consent }
  return body
}

function legalConsent(
  config: Config,
  destination: HubspotDestination,
  consents: readonly DeliveredConsent[],
  now: Date,
) {
  const decisions = latestDecisions(consents)
  const subscriptions = destination.subscriptions ?? {}
  const communications = Object.entries(subscriptions).flatMap(([purposeId, typeId]) => {
    const decision = decisions.get(purposeId)
    if (decision === undefined) return []
    return [
      {
        value: consentUsable(config, consents, purposeId, now),
        subscriptionTypeId: typeId,
        text: decision.text ?? '',
      },
    ]
  })
  const processing = [...decisions.values()].filter(
    (decision) =>
      !Object.hasOwn(subscriptions, decision.purposeId) &&
      destination.purposes.includes(decision.purposeId) &&
      config.purposes.some((p) => p.id === decision.purposeId && p.basis === 'consent'),
  )
  if (communications.length === 0 && processing.length === 0) return undefined
  return {
    consentToProcess: processing.some((decision) =>
      consentUsable(config, consents, decision.purposeId, now),
    ),
    text: [
      ...new Set(processing.flatMap((decision) => (decision.text ? [decision.text] : []))),
    ].join('\n\n'),
    communications,
  }
}

/** The last decision per purpose among the event's consents (oldest first). */
export function latestDecisions(
  consents: readonly DeliveredConsent[],
): Map<string, DeliveredConsent> {
  const latest = new Map<string, DeliveredConsent>()
  for (const consent of consents) latest.set(consent.purposeId, consent)
  return latest
}

/**
 * Whether the purpose's consent is usable at `now`, judged by the event's consents (the same
 * rule as everywhere: `purposeUsable`). A confirmation delivered on its own (a `consent.changed`
 * event carries only the change) confirms the grant of its version.
 */
export function consentUsable(
  config: Config,
  consents: readonly DeliveredConsent[],
  purposeId: string,
  now: Date,
): boolean {
  const events: ConsentEvent[] = consents.map((consent) => ({
    purposeId: consent.purposeId,
    decision: consent.decision,
    version: consent.version,
    at: consent.at,
  }))
  const own = events.filter((event) => event.purposeId === purposeId)
  const first = own[0]
  if (first?.decision === 'confirmed') events.unshift({ ...first, decision: 'granted' })
  return purposeUsable(config, { ...emptyProfile('delivery'), consents: events }, purposeId, now)
}

/** A value as HubSpot takes it: text; several options separated by `;` (checkbox properties). */
function propertyValue(value: FieldValue): string {
  if (Array.isArray(value)) return value.join(';')
  return String(value)
}
