import type { FunnelEvent } from './funnelTracker'

/** Sends one request body to `url`; must not throw and need not wait for an answer. */
export type FunnelSend = (url: string, body: string) => void

/** What `POST /v1/funnel` takes in one request (the server refuses more). */
export const funnelBatchLimits = { events: 100, bytes: 16 * 1024 } as const

/**
 * Splits events into request bodies (`{"events":[...]}`) that each stay within the server's
 * limits: at most 100 events and 16 KiB.
 */
export function funnelBodies(events: readonly FunnelEvent[]): string[] {
  const bodies: string[] = []
  let batch: string[] = []
  let size = 0
  const close = () => {
    if (batch.length > 0) bodies.push(`{"events":[${batch.join(',')}]}`)
    batch = []
    size = 0
  }
  for (const event of events) {
    const json = JSON.stringify(event)
    // 13 bytes of envelope plus a comma per event; ids are ASCII, so characters are bytes.
    if (
      batch.length === funnelBatchLimits.events ||
      size + json.length + 16 > funnelBatchLimits.bytes
    ) {
      close()
    }
    batch.push(json)
    size += json.length + 1
  }
  close()
  return bodies
}

/**
 * The default sender: `navigator.sendBeacon` with a text body (a CORS-simple request, so no
 * preflight, and the browser delivers it even while the page unloads), falling back to
 * `fetch` with `keepalive` (without cookies) where beacons are missing or refused. Failures
 * are swallowed: statistics never break a form.
 */
export const beaconSend: FunnelSend = (url, body) => {
  try {
    if (typeof navigator !== 'undefined' && typeof navigator.sendBeacon === 'function') {
      if (navigator.sendBeacon(url, body)) return
    }
  } catch {
    // A beacon refused (e.g. by a content security policy): try fetch.
  }
  if (typeof fetch !== 'function') return
  try {
    fetch(url, {
      method: 'POST',
      body,
      keepalive: true,
      credentials: 'omit',
      headers: { 'content-type': 'text/plain;charset=UTF-8' },
    }).catch(() => undefined)
  } catch {
    // Nothing to do: the counts of this page are lost, the form is not.
  }
}
