import type { ConsentEvent } from './types'

export interface MergedConsentEvents {
  /** The merged ledger (a new array). */
  events: ConsentEvent[]
  /** The incoming events that were not in the local ledger yet, in their incoming order. */
  added: ConsentEvent[]
}

/** Two events are the same record when purpose, decision, version and instant agree. */
function sameRecordKey(event: ConsentEvent): string {
  const time = Date.parse(event.at)
  return JSON.stringify([
    event.purposeId,
    event.decision,
    event.version,
    Number.isNaN(time) ? event.at : time,
  ])
}

/**
 * Sort keys by instant; an unreadable `at` takes the key of the event before it, so such an
 * event keeps its place behind its predecessor instead of breaking the order of the rest.
 */
function instants(events: readonly ConsentEvent[]): number[] {
  let previous = Number.NEGATIVE_INFINITY
  return events.map((event) => {
    const time = Date.parse(event.at)
    if (!Number.isNaN(time)) previous = time
    return previous
  })
}

/**
 * Merges consent events recorded elsewhere (the server's ledger, another device) into a local
 * ledger. Pure; neither input is changed.
 *
 * - An incoming event equal to a local one in `purposeId`, `decision`, `version` and `at` (the
 *   same instant, whatever the ISO spelling) is not added again. Equal events are matched one
 *   to one, so merging the same input twice adds nothing the second time.
 * - No local event is ever dropped (a withdrawal that has not reached the server stays).
 * - When something is added, the ledger is ordered by `at`; events with the same instant keep
 *   their relative order, local ones first. When nothing is added, the local ledger is
 *   returned as it was (in a new array, not reordered).
 */
export function mergeConsentEvents(
  local: readonly ConsentEvent[],
  incoming: readonly ConsentEvent[],
): MergedConsentEvents {
  const unmatched = new Map<string, number>()
  for (const event of local) {
    const key = sameRecordKey(event)
    unmatched.set(key, (unmatched.get(key) ?? 0) + 1)
  }
  const added: ConsentEvent[] = []
  for (const event of incoming) {
    const key = sameRecordKey(event)
    const count = unmatched.get(key) ?? 0
    if (count > 0) unmatched.set(key, count - 1)
    else added.push({ ...event })
  }
  if (added.length === 0) return { events: [...local], added }

  const all = [...local, ...added]
  const times = [...instants(local), ...instants(added)]
  const order = all.map((_, index) => index)
  // Array.prototype.sort is stable: equal instants keep local-before-incoming order.
  order.sort((a, b) => {
    const first = times[a] ?? 0
    const second = times[b] ?? 0
    return first < second ? -1 : first > second ? 1 : 0
  })
  return { events: order.map((index) => all[index] as ConsentEvent), added }
}
