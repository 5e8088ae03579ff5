import type { ConsentEvent } from '../types'

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
 * Events with their sort key, the instant; an unreadable `at` takes the key of the event before
 * it, so such an event keeps its place behind its predecessor instead of breaking the order.
 */
function timed(events: readonly ConsentEvent[]): { event: ConsentEvent; time: number }[] {
  let previous = -Infinity
  return events.map((event) => {
    const time = Date.parse(event.at)
    if (!Number.isNaN(time)) previous = time
    return { event, time: previous }
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

  // The sort is stable: equal instants keep local-before-incoming order (so do two leading
  // unreadable ones, whose difference NaN counts as equal).
  const events = [...timed(local), ...timed(added)]
    .sort((a, b) => a.time - b.time)
    .map(({ event }) => event)
  return { events, added }
}
