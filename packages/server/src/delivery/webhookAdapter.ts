import { createHmac } from 'node:crypto'
import { Webhook } from 'standardwebhooks'
import type { DestinationAdapter, DestinationEndpoint } from './destinationAdapter'

export interface WebhookAdapterOptions extends DestinationEndpoint {
  /** Default: the global `fetch`. */
  fetch?: typeof fetch | undefined
}

/**
 * A destination that receives signed POSTs as the Standard Webhooks specification describes:
 * headers `webhook-id` (the event id, stable across retries, for de-duplication),
 * `webhook-timestamp` and `webhook-signature` (`v1,<base64 HMAC-SHA256 of id.timestamp.body>`
 * with the `whsec_...` secret); body `{ type, timestamp, data }`. A 2xx answer is delivered,
 * 410 (Gone) switches the destination off until an admin enables it, anything else is retried.
 */
export function webhookAdapter(options: WebhookAdapterOptions): DestinationAdapter {
  const { url } = options
  if (url === undefined || !/^https?:\/\//.test(url) || !URL.canParse(url)) {
    throw new Error('A webhook destination needs an http(s) URL.')
  }
  // The package checks the secret; signing uses node:crypto's HMAC (the package's own is a
  // pure-JS SHA-256, several times slower per body), in the same format its `verify` checks.
  new Webhook(options.secret)
  const key = Buffer.from(options.secret.replace(/^whsec_/, ''), 'base64')
  const sign = (id: string, seconds: number, body: string) =>
    `v1,${createHmac('sha256', key).update(`${id}.${seconds}.${body}`).digest('base64')}`
  const send = options.fetch ?? fetch
  return {
    async deliver(event, _context, signal) {
      const body = JSON.stringify({
        type: event.type,
        timestamp: event.timestamp,
        data: event.data,
      })
      const seconds = Math.floor(Date.now() / 1000)
      let response: Response
      try {
        response = await send(url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'Trickle-Webhooks',
            'webhook-id': event.id,
            'webhook-timestamp': String(seconds),
            'webhook-signature': sign(event.id, seconds, body),
          },
          body,
          redirect: 'error',
          signal,
        })
      } catch (error) {
        // A network error or the timeout; its message names no personal value.
        const reason = signal.aborted ? 'timed out' : describe(error)
        return { ok: false, error: `request failed: ${reason}`, retry: true }
      }
      // The receiver's answer is not read: it could echo personal values into the logs.
      await response.body?.cancel().catch(() => undefined)
      if (response.ok) return { ok: true }
      const status = response.status
      if (status === 410) {
        return {
          ok: false,
          status,
          error: 'the receiver answered 410 Gone: destination disabled',
          retry: false,
          disable: true,
        }
      }
      return { ok: false, status, error: `the receiver answered ${status}`, retry: true }
    },
  }
}

function describe(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined
  if (typeof cause?.code === 'string') return cause.code
  return error instanceof Error ? error.name : 'unknown error'
}
