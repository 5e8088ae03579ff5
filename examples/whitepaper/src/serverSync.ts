import type { Trickle, TrickleEvent } from '@trickle/core'
import { fetchExport, forgetOnServer, ServerError, withdrawOnServer } from './serverApi'

/** The store actions that taking over the server's view of the visitor needs. */
export type SyncTarget = Pick<Trickle, 'getState' | 'syncProfile'>

/**
 * Keeps the server's proof in step with what the visitor does in the browser. Withdrawing a
 * consent (in the consent manager) changes the local profile at once; here the same withdrawal
 * is recorded on the server. A withdrawal the server did not take stays listed until a retry
 * succeeds, so the visitor is never told "withdrawn" while the server still holds the consent.
 * The other way round, what the server recorded (the click on the double opt-in link, answers
 * and decisions on another device, or before this browser's storage was cleared) is taken over
 * into the browser, without field values: the server's record is the proof, the browser's copy
 * a cache.
 */
export interface ServerSync {
  /** Pass to `createTrickle({ onEvent })`. */
  onEvent: (event: TrickleEvent) => void
  /**
   * Follows the store: when the visitor starts over ("Not you?", erasure, another tab), the
   * server forgets this browser too, so it never answers with the previous person's data.
   */
  follow: (trickle: Pick<Trickle, 'subscribe'>) => () => void
  /** Purpose ids whose withdrawal has not reached the server. */
  getFailed: () => readonly string[]
  subscribe: (listener: () => void) => () => void
  retry: () => Promise<void>
  /** Resolves when every withdrawal sent so far was answered. */
  settled: () => Promise<void>
  /**
   * Takes over the `profile` of a `GET /v1/me/export` answer through `trickle.syncProfile`:
   * its consent events and which fields are known, never field values. Events that arrive this
   * way are not sent back as withdrawals. Returns how many events and field records arrived.
   */
  adopt: (trickle: SyncTarget, exported: unknown) => number
  /**
   * Fetches the export once the pending withdrawals and "Not you?" were answered, and adopts
   * it unless the visitor changed meanwhile. A visitor the server does not know, or a server
   * that cannot be reached, leaves the local state as it is. Never rejects.
   */
  pull: (trickle: SyncTarget) => Promise<number>
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

export function createServerSync(
  send: (purposeId: string) => Promise<void> = withdrawOnServer,
  forget: () => Promise<void> = forgetOnServer,
  load: () => Promise<unknown> = fetchExport,
): ServerSync {
  let failed: readonly string[] = []
  /** True while server events are merged: their consent-changed events are not echoed. */
  let adopting = false
  let inFlight = Promise.resolve()
  const listeners = new Set<() => void>()
  const setFailed = (next: readonly string[]) => {
    failed = next
    for (const listener of listeners) listener()
  }

  const withdraw = (purposeId: string): Promise<void> => {
    const done = send(purposeId).then(
      () => setFailed(failed.filter((id) => id !== purposeId)),
      (error: unknown) => {
        // 404 unknown-visitor: the server never stored anything for this browser.
        if (error instanceof ServerError && error.status === 404) return
        if (!failed.includes(purposeId)) setFailed([...failed, purposeId])
      },
    )
    inFlight = inFlight.then(() => done)
    return done
  }

  const adopt = (trickle: SyncTarget, exported: unknown): number => {
    const profile = isRecord(exported) ? exported['profile'] : undefined
    // An answer without a profile and its consent list is not an export (e.g. a proxy's error page).
    if (!isRecord(profile) || !Array.isArray(profile['consents'])) return 0
    adopting = true
    try {
      const { added, fields } = trickle.syncProfile(profile)
      return added + fields.length
    } finally {
      adopting = false
    }
  }

  return {
    onEvent(event) {
      if (adopting) return
      if (event.type === 'consent-changed' && event.decision === 'withdrawn') {
        void withdraw(event.purposeId)
      }
    },
    follow(trickle) {
      return trickle.subscribe((state, previous) => {
        const { profile } = state
        const fresh = Object.keys(profile.fields).length === 0 && profile.consents.length === 0
        if (fresh && profile.visitorId !== previous.profile.visitorId) {
          const done = forget().catch((error: unknown) => {
            console.error('Trickle server: could not forget this browser.', error)
          })
          inFlight = inFlight.then(() => done)
        }
      })
    },
    getFailed: () => failed,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    async retry() {
      await Promise.all(failed.map(withdraw))
    },
    settled: () => inFlight,
    adopt,
    async pull(trickle) {
      try {
        await inFlight
        const visitorId = trickle.getState().profile.visitorId
        const exported = await load()
        // "Not you?" while loading: the answer belongs to the previous visitor.
        if (trickle.getState().profile.visitorId !== visitorId) return 0
        return adopt(trickle, exported)
      } catch {
        // 404 unknown visitor, offline, a server error: the local state stays.
        return 0
      }
    },
  }
}
