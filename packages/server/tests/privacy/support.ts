import type { Config } from '@trickle/core'
import { eq } from 'drizzle-orm'
import { expect } from 'vitest'
import type { DeliveryEvent } from '../../src/delivery/destinationAdapter'
import { deliveries } from '../../src/schema'
import { adminToken, parsed, whitepaperConfig } from '../support/fixtures'
import type { TestServer } from '../support/testServer'

/** The whitepaper config with a webhook destination that takes every event. */
export function configWithWebhook(edit?: (json: Record<string, unknown>) => void): Config {
  const json = structuredClone(whitepaperConfig()) as unknown as Record<string, unknown>
  json['destinations'] = [
    { id: 'crm', type: 'webhook', purposes: ['delivery', 'sales', 'newsletter'] },
  ]
  edit?.(json)
  return parsed(json)
}

/** A receiver that accepts everything and keeps what it got. */
export function acceptingReceiver() {
  const received: DeliveryEvent[] = []
  return {
    received,
    adapter: {
      deliver: async (event: DeliveryEvent) => {
        received.push(event)
        return { ok: true as const }
      },
    },
  }
}

/** The desk's API with a token (default: the test admin token). */
export function desk(t: TestServer, token = adminToken) {
  return (method: string, path: string) =>
    t.server.app.request(`http://trickle.test/v1/admin${path}`, {
      method,
      headers: { authorization: `Bearer ${token}` },
    })
}

/** Waits (bounded) until no delivery of the visitors is pending: the worker delivered them. */
export async function settled(t: TestServer, visitorIds: readonly string[]): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    let pending = 0
    for (const visitorId of visitorIds) {
      const rows = await t.database.db
        .select({ status: deliveries.status })
        .from(deliveries)
        .where(eq(deliveries.visitorId, visitorId))
      pending += rows.filter((row) => row.status === 'pending').length
    }
    if (pending === 0) return
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  expect.fail('the deliveries did not settle within 30 s')
}

export const visitorOf = (cookie: string | undefined) => cookie?.split('.')[0] ?? ''
