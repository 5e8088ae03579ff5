import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type { ServerProcess } from '../support/child'
import type { Receiver } from './webhookReceiver'

/** The whitepaper config with one webhook destination `crm` (delivery, sales), as a file. */
export function writeWebhookConfig(dir: string): string {
  const json = JSON.parse(
    readFileSync(
      new URL('../../../core/tests/fixtures/b2b-whitepaper.json', import.meta.url),
      'utf8',
    ),
  ) as Record<string, unknown>
  const path = join(dir, 'trickle.config.json')
  writeFileSync(
    path,
    JSON.stringify({
      ...json,
      destinations: [
        { id: 'crm', type: 'webhook', purposes: ['delivery', 'sales'], events: ['submission'] },
      ],
    }),
  )
  return path
}

/** The e-mail of the n-th submission of a load: how a received event is matched to it. */
export const loadEmail = (tag: string, n: number) => `${tag}-${n}@load.example`

/**
 * A bounded load of first-visit submissions from fresh visitors, `workers` at a time, spread
 * over `servers` in turn. Returns the e-mails of the acknowledged (201) submissions. `stopAfter`
 * is called after each acknowledgement; when it returns true the load stops sending (requests
 * in flight finish or fail). Failures of a server that was killed are counted, not thrown.
 */
export async function submitLoad(options: {
  tag: string
  count: number
  workers: number
  servers: () => readonly ServerProcess[]
  onAcknowledged?: (acknowledged: number) => void
}): Promise<{ acknowledged: string[]; failed: number }> {
  const acknowledged: string[] = []
  let next = 0
  let failed = 0
  const worker = async () => {
    while (next < options.count) {
      const n = next++
      const servers = options.servers()
      const server = servers[n % servers.length]!
      try {
        const response = await fetch(`${server.url}/v1/submissions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            formId: 'whitepaper',
            idempotencyKey: crypto.randomUUID(),
            locale: 'en',
            values: {
              email: loadEmail(options.tag, n),
              firstName: 'Load',
              lastName: `Test ${n}`,
              company: `Company ${n}`,
            },
            consents: { newsletter: false, sales: n % 2 === 0 },
          }),
        })
        if (response.status !== 201) {
          throw new Error(`status ${response.status}: ${await response.text()}`)
        }
        acknowledged.push(loadEmail(options.tag, n))
        options.onAcknowledged?.(acknowledged.length)
      } catch {
        failed++
      }
    }
  }
  await Promise.all(Array.from({ length: options.workers }, () => worker()))
  return { acknowledged, failed }
}

/**
 * What the receiver got for a load: per acknowledged e-mail the ids of the `submission.created`
 * events that carried it (answered 2xx), and how many 2xx answers each event id had.
 */
export function receivedFor(receiver: Receiver, tag: string) {
  const idsByEmail = new Map<string, Set<string>>()
  const deliveriesById = new Map<string, number>()
  for (const request of receiver.acknowledged()) {
    const email = request.event.data.fields.email
    if (request.event.type !== 'submission.created' || typeof email !== 'string') continue
    if (!email.startsWith(`${tag}-`)) continue
    idsByEmail.set(email, (idsByEmail.get(email) ?? new Set()).add(request.id))
    deliveriesById.set(request.id, (deliveriesById.get(request.id) ?? 0) + 1)
  }
  const duplicates = [...deliveriesById.values()].reduce((sum, n) => sum + n - 1, 0)
  return { idsByEmail, deliveriesById, duplicates }
}
