import type { FormSession, FormSessionSnapshot } from '@trickle/core'
import { useSyncExternalStore } from 'react'

/** The session's snapshot; re-renders only when the core returns a new one. */
export function useFormSnapshot(session: FormSession): FormSessionSnapshot {
  return useSyncExternalStore(session.subscribe, session.getSnapshot, session.getSnapshot)
}
