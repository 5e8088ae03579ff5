import { readFileSync } from 'node:fs'
import type { Config } from '@trickle/core'
import { parsed } from '../support/fixtures'
import type { ReceivedRequest } from './webhookReceiver'

/** The B2B whitepaper config with two webhooks: a CRM (delivery, sales) and a newsletter tool. */
export function configWithWebhooks(): Config {
  const json = JSON.parse(
    readFileSync(
      new URL('../../../core/tests/fixtures/b2b-whitepaper.json', import.meta.url),
      'utf8',
    ),
  ) as Record<string, unknown>
  return parsed({
    ...json,
    destinations: [
      { id: 'crm', type: 'webhook', purposes: ['delivery', 'sales'] },
      { id: 'news', type: 'webhook', purposes: ['newsletter', 'personalisation'] },
    ],
  })
}

/** Requests by event id (`Map.groupBy` is not in Node 20). */
export function groupById(requests: readonly ReceivedRequest[]): Map<string, ReceivedRequest[]> {
  const groups = new Map<string, ReceivedRequest[]>()
  for (const request of requests)
    groups.set(request.id, [...(groups.get(request.id) ?? []), request])
  return groups
}
