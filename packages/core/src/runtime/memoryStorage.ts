import type { TrickleStorage } from '../types'

/**
 * Storage that lives as long as the page: the default of `createTrickle`, and the storage for
 * tests and server-side rendering. Stores sharing one `memoryStorage()` are notified of each
 * other's writes through `subscribe`, like tabs sharing `localStorage`.
 */
export function memoryStorage(initial?: Readonly<Record<string, string>>): TrickleStorage {
  const items = new Map<string, string>(initial ? Object.entries(initial) : [])
  const listeners = new Map<string, Set<() => void>>()

  const notify = (key: string): void => {
    for (const listener of [...(listeners.get(key) ?? [])]) listener()
  }

  return {
    getItem: (key) => items.get(key) ?? null,
    setItem(key, value) {
      if (items.get(key) === value) return
      items.set(key, String(value))
      notify(key)
    },
    removeItem(key) {
      if (!items.delete(key)) return
      notify(key)
    },
    subscribe(key, listener) {
      let set = listeners.get(key)
      if (!set) listeners.set(key, (set = new Set()))
      set.add(listener)
      return () => {
        set.delete(listener)
      }
    },
  }
}
