import type { Trickle, TrickleState } from '@trickle/core'
import { useSyncExternalStore } from 'react'

/**
 * A value selected from the store's state, re-rendering when it changes. `select` must return
 * a primitive or an object the store keeps (a plan, a form's state), never a fresh one.
 */
export function useStoreValue<T>(trickle: Trickle, select: (state: TrickleState) => T): T {
  const get = () => select(trickle.getState())
  return useSyncExternalStore(trickle.subscribe, get, get)
}

/** The visitor has a profile (answered before): show "Not you? Start over". */
export const hasProfile = (state: TrickleState): boolean =>
  Object.keys(state.profile.fields).length > 0
