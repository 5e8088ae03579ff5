import { createHmac } from 'node:crypto'
import { Webhook } from 'standardwebhooks'
import type { DestinationAdapter, DestinationEndpoint } from './destinationAdapter'
import { createPostJson, type PostJson, type PostResult } from './postJson'

export interface WebhookAdapterOptions extends DestinationEndpoint {
  /** Sends through this `fetch` instead of the sending thread's kept-alive connections. */
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
  const post = options.fetch ? postWithFetch(options.fetch) : createPostJson()
  const target = new URL(url)
  return {
    async deliver(event, _context, signal) {
      const body = JSON.stringify({
        type: event.type,
        timestamp: event.timestamp,
        data: event.data,
      })
      const seconds = Math.floor(Date.now() / 1000)
      const answer = await post(
        target,
        {
          'content-type': 'application/json',
          'user-agent': 'Trickle-Webhooks',
          'webhook-id': event.id,
          'webhook-timestamp': String(seconds),
          'webhook-signature': sign(event.id, seconds, body),
        },
        body,
        signal,
      )
      if ('error' in answer) {
        // A network error or the timeout; its message names no personal value.
        const reason = signal.aborted ? 'timed out' : answer.error
        return { ok: false, error: `request failed: ${reason}`, retry: true }
      }
      const { status } = answer
      if (status >= 200 && status < 300) return { ok: true }
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
    close() {
      post.close()
    },
  }
}

/** The same POST through a given `fetch` (tests, a proxy-aware fetch): redirects are errors. */
function postWithFetch(send: typeof fetch): PostJson {
  const post = async (
    url: URL,
    headers: Record<string, string>,
    body: string,
    signal: AbortSignal,
  ): Promise<PostResult> => {
    try {
      const response = await send(url, { method: 'POST', headers, body, redirect: 'error', signal })
      // The receiver's answer is not read: it could echo personal values into the logs.
      await response.body?.cancel().catch(() => undefined)
      return { status: response.status }
    } catch (error) {
      return { error: describe(error) }
    }
  }
  return Object.assign(post, { close() {} })
}

function describe(error: unknown): string {
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined
  if (typeof cause?.code === 'string') return cause.code
  return error instanceof Error ? error.name : 'unknown error'
}
