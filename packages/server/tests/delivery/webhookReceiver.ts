import { randomBytes } from 'node:crypto'
import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Webhook } from 'standardwebhooks'
import type { DeliveryData } from '../../src/delivery/destinationAdapter'

export interface ReceivedRequest {
  id: string
  headers: IncomingHttpHeaders
  body: string
  /** What the receiver answered. */
  status: number
  /** Whether the signature verified with the standardwebhooks package. */
  verified: boolean
  event: { type: string; timestamp: string; data: DeliveryData }
}

/** A fresh `whsec_...` secret. */
export function webhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`
}

/**
 * A webhook receiver on 127.0.0.1: `answer(n, id)` decides the status of the n-th attempt
 * (1-based) of event `id`. Keeps every request, verified with `standardwebhooks`.
 */
export async function startReceiver(
  secret: string,
  answer: (attempt: number, id: string) => number = () => 200,
) {
  const requests: ReceivedRequest[] = []
  const attempts = new Map<string, number>()
  const verifier = new Webhook(secret)
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8')
      const id = String(req.headers['webhook-id'] ?? '')
      const attempt = (attempts.get(id) ?? 0) + 1
      attempts.set(id, attempt)
      let verified: boolean
      try {
        verifier.verify(body, {
          'webhook-id': id,
          'webhook-timestamp': String(req.headers['webhook-timestamp'] ?? ''),
          'webhook-signature': String(req.headers['webhook-signature'] ?? ''),
        })
        verified = true
      } catch {
        verified = false
      }
      const status = answer(attempt, id)
      requests.push({
        id,
        headers: req.headers,
        body,
        status,
        verified,
        event: JSON.parse(body) as ReceivedRequest['event'],
      })
      res.writeHead(status, { 'content-type': 'text/plain' }).end(String(status))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    requests,
    /** Requests answered with 2xx. */
    acknowledged: () => requests.filter((r) => r.status >= 200 && r.status < 300),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      }),
  }
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>
