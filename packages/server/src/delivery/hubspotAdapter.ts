import type { Config, HubspotDestination } from '@trickle/core'
import type {
  DeliveryEvent,
  DeliveryOutcome,
  DestinationAdapter,
  DestinationEndpoint,
} from './destinationAdapter'
import { consentUsable, hubspotSubmission, latestDecisions } from './hubspotSubmission'

export interface HubspotAdapterOptions extends DestinationEndpoint {
  config: Config
  destination: HubspotDestination
  /** Default: the global `fetch`. */
  fetch?: typeof fetch | undefined
  /** The clock consents are judged by (default: the system clock). */
  now?: (() => Date) | undefined
}

/**
 * HubSpot's own hosts. The Forms API (secure submit) lives on api.hsforms.com, the
 * Communication Preferences API on api.hubapi.com. A configured base URL
 * (`TRICKLE_DESTINATION_<ID>_URL`) replaces both: a proxy, or a fake HubSpot in tests, serves
 * both paths under one origin.
 */
export const hubspotHosts = {
  forms: 'https://api.hsforms.com',
  api: 'https://api.hubapi.com',
} as const

type Call = { ok: true } | { ok: false; status: number; categories: string[]; message: string }

/**
 * A HubSpot destination, authenticated with a private-app token (the destination's secret):
 * - `submission.created` → Forms API v3 secure submit to the form GUID mapped for the event's
 *   form, with the mapped fields, the page, the `hubspotutk` cookie only while the linking
 *   consent is usable, and the consents with the texts shown (see `hubspotSubmission`); then
 *   a denial of a mapped subscription decided in the submission unsubscribes the contact, as
 *   below (the submission's decisions travel in its event, not in a `consent.changed`);
 * - `consent.changed` → a withdrawal or denial of a mapped subscription unsubscribes the
 *   contact through the Communication Preferences API; a confirmed double opt-in subscribes it
 *   (a plain grant travels with its submission). The contact is found by the field mapped to
 *   HubSpot's `email` property, only when that value may go to this destination;
 * - `profile.erased` → HubSpot keeps the contact: Trickle holds no address to find it by after
 *   an erasure, so the delivery ends with a non-retrying outcome that names the HubSpot
 *   properties to erase by hand (or is done at once when none of them was ever mapped).
 * Outcomes: 2xx delivered; 429 and 5xx retried; 401 (and 403 missing scopes) switch the
 * destination off until an admin enables it; other 4xx are not retried. Errors carry HubSpot's
 * status and error category, never its message (it can echo the address) nor a value.
 */
export function hubspotAdapter(options: HubspotAdapterOptions): DestinationAdapter {
  const { config, destination, url } = options
  if (options.secret === '') throw new Error('A HubSpot destination needs a private-app token.')
  if (url !== undefined && (!/^https?:\/\//.test(url) || !URL.canParse(url))) {
    throw new Error('A HubSpot destination URL must be an http(s) URL.')
  }
  const base = url?.replace(/\/+$/, '')
  const formsBase = base ?? hubspotHosts.forms
  const apiBase = base ?? hubspotHosts.api
  const send = options.fetch ?? fetch
  const now = options.now ?? (() => new Date())

  async function post(target: string, body: unknown, signal: AbortSignal): Promise<Call> {
    let response: Response
    try {
      response = await send(target, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${options.secret}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify(body),
        redirect: 'error',
        signal,
      })
    } catch (error) {
      throw new HubspotUnreachable(signal.aborted ? 'timed out' : describe(error))
    }
    if (response.ok) {
      await response.body?.cancel().catch(() => undefined)
      return { ok: true }
    }
    const answer = await readError(response)
    return { ok: false, status: response.status, ...answer }
  }

  function failed(call: Extract<Call, { ok: false }>, what: string): DeliveryOutcome {
    const { status, categories } = call
    const error = `HubSpot answered ${status} to the ${what}${categories.length > 0 ? ` (${categories.join(', ')})` : ''}`
    if (status === 401 || (status === 403 && categories.includes('MISSING_SCOPES'))) {
      return {
        ok: false,
        status,
        error: `${error}: check the private-app token`,
        retry: false,
        disable: true,
      }
    }
    return { ok: false, status, error, retry: status === 429 || status >= 500 }
  }

  async function submit(
    event: DeliveryEvent,
    context: Parameters<DestinationAdapter['deliver']>[1],
    signal: AbortSignal,
  ) {
    const formId = event.data.formId
    const guid = formId === undefined ? undefined : destination.forms[formId]
    if (guid === undefined) {
      return notRetried(
        `no HubSpot form GUID is mapped for form ${JSON.stringify(formId ?? '')}: add it to the destination's forms to send its submissions`,
      )
    }
    const body = hubspotSubmission(config, destination, event, context, now())
    if (body.fields.length === 0) {
      return notRetried('none of the fields this destination may receive is mapped to HubSpot')
    }
    const target = `${formsBase}/submissions/v3/integration/secure/submit/${encodeURIComponent(destination.portalId)}/${encodeURIComponent(guid)}`
    const call = await post(target, body, signal)
    if (!call.ok) return failed(call, 'form submission')
    // The form's consent options only ever subscribe: a denial decided in the submission (it
    // travels in this event, not in a consent.changed) unsubscribes like a withdrawal.
    return consentChanged(event, signal)
  }

  async function consentChanged(event: DeliveryEvent, signal: AbortSignal) {
    const { consents } = event.data
    const decisions = latestDecisions(consents)
    const changes: {
      subscriptionTypeId: number
      subscribe: boolean
      at: string
      version: number
    }[] = []
    for (const [purposeId, subscriptionTypeId] of Object.entries(destination.subscriptions ?? {})) {
      const decision = decisions.get(purposeId)
      if (decision === undefined) continue
      const { at, version } = decision
      if (decision.decision === 'withdrawn' || decision.decision === 'denied') {
        changes.push({ subscriptionTypeId, subscribe: false, at, version })
      } else if (
        consentUsable(config, consents, purposeId, now()) &&
        (decision.decision === 'confirmed' || !destination.events.includes('submission'))
      ) {
        changes.push({ subscriptionTypeId, subscribe: true, at, version })
      }
    }
    if (changes.length === 0) return ok
    const emailField = Object.keys(destination.fields).find(
      (fieldId) => destination.fields[fieldId]?.toLowerCase() === 'email',
    )
    const emailAddress = emailField === undefined ? undefined : event.data.fields[emailField]
    if (typeof emailAddress !== 'string') {
      return notRetried(
        emailField === undefined
          ? 'no field is mapped to the HubSpot property "email": change the subscription in HubSpot by hand'
          : `the e-mail address (field "${emailField}") may not go to this destination now: change the subscription in HubSpot by hand`,
      )
    }
    for (const change of changes) {
      const what = change.subscribe ? 'subscribe' : 'unsubscribe'
      const call = await post(
        `${apiBase}/communication-preferences/v3/${what}`,
        {
          emailAddress,
          subscriptionId: String(change.subscriptionTypeId),
          legalBasis: 'CONSENT_WITH_NOTICE',
          legalBasisExplanation: change.subscribe
            ? `Consent (version ${change.version}) confirmed by the contact on ${change.at}, recorded by Trickle.`
            : `Consent (version ${change.version}) refused or withdrawn by the contact on ${change.at}, recorded by Trickle.`,
        },
        signal,
      )
      // At least once: a repeated change finds it done, and HubSpot says so with a 400.
      const done =
        call.ok || (call.status === 400 && new RegExp(`already ${what}d`, 'i').test(call.message))
      if (!done) return failed(call, what)
    }
    return ok
  }

  function erased(event: DeliveryEvent): DeliveryOutcome {
    const properties = [
      ...new Set(
        (event.data.erasedFieldIds ?? []).flatMap((fieldId) => {
          const name = destination.fields[fieldId]
          return name === undefined ? [] : [name]
        }),
      ),
    ]
    if (properties.length === 0) return ok
    return notRetried(
      `erase in HubSpot by hand: the properties ${properties.join(', ')} of this contact (Trickle keeps no address to find it by after an erasure)`,
    )
  }

  return {
    async deliver(event, context, signal) {
      try {
        if (event.type === 'submission.created') return await submit(event, context, signal)
        if (event.type === 'consent.changed') return await consentChanged(event, signal)
        return erased(event)
      } catch (error) {
        if (error instanceof HubspotUnreachable) {
          return { ok: false, error: `request failed: ${error.message}`, retry: true }
        }
        throw error
      }
    },
  }
}

const ok: DeliveryOutcome = { ok: true }

function notRetried(error: string): DeliveryOutcome {
  return { ok: false, error, retry: false }
}

class HubspotUnreachable extends Error {}

/** Largest error body read; HubSpot's are a few hundred bytes. */
const maxErrorBody = 64 * 1024

/**
 * HubSpot's error categories (`category`, `errors[].errorType`): fixed upper-case names, safe
 * to log. The message is kept only to recognise "already unsubscribed"; it is never logged.
 */
async function readError(response: Response): Promise<{ categories: string[]; message: string }> {
  let json: unknown
  try {
    const text = await response.text()
    json = text.length > maxErrorBody ? undefined : JSON.parse(text)
  } catch {
    json = undefined
  }
  const record = isRecord(json) ? json : {}
  const names = [
    record.category,
    ...(Array.isArray(record.errors)
      ? record.errors.map((e) => (isRecord(e) ? e.errorType : undefined))
      : []),
  ]
  const categories = [
    ...new Set(
      names.filter((n): n is string => typeof n === 'string' && /^[A-Z][A-Z0-9_]{0,63}$/.test(n)),
    ),
  ]
  return { categories, message: typeof record.message === 'string' ? record.message : '' }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function describe(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined
  if (typeof cause?.code === 'string') return cause.code
  return error instanceof Error ? error.name : 'unknown error'
}
