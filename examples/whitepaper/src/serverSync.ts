import type { Trickle, TrickleEvent } from '@trickle/core'
import { forgetOnServer, ServerError, withdrawOnServer } from './serverApi'

/**
 * Keeps the server's proof in step with what the visitor does in the browser. Withdrawing a
 * consent (in the consent manager) changes the local profile at once; here the same withdrawal
 * is recorded on the server. A withdrawal the server did not take stays listed until a retry
 * succeeds, so the visitor is never told "withdrawn" while the server still holds the consent.
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
}

export function createServerSync(
  send: (purposeId: string) => Promise<void> = withdrawOnServer,
  forget: () => Promise<void> = forgetOnServer,
): ServerSync {
  let failed: readonly string[] = []
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

  return {
    onEvent(event) {
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
  }
}
