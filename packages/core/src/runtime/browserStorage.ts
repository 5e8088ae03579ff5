import type { TrickleStorage } from '../types'

/** The key the runtime stores its envelope under unless told otherwise. */
export const defaultStorageKey = 'trickle:v1'

/** The part of the Web Storage API that is used (`localStorage`, `sessionStorage`, a fake). */
export type WebStorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>

export interface BrowserStorageOptions {
  /** The key of the envelope. Default `trickle:v1`. */
  key?: string
  /**
   * The storage to use, or a function returning it (called on every access, so a storage
   * that appears later is picked up). Default: `window.localStorage`.
   */
  storage?: WebStorageLike | (() => WebStorageLike | null | undefined)
  /**
   * The window whose `storage` events tell about writes of other tabs. Default: the global
   * `window`. Pass another one when the storage belongs to it (e.g. an iframe's window).
   */
  window?: StorageEventSource
}

/** Where `storage` events arrive: a `Window`. */
export type StorageEventSource = Pick<Window, 'addEventListener' | 'removeEventListener'>

/** A `TrickleStorage` that also names the key `createTrickle` should use. */
export interface BrowserStorage extends TrickleStorage {
  readonly key: string
}

/**
 * Keeps the visitor's envelope in `localStorage` (or the given Web Storage).
 *
 * Lazy: nothing touches `window` or `localStorage` until a method is called, so this module
 * and `browserStorage()` itself are safe during server-side rendering (without `window` reads
 * return null and writes do nothing). Errors of the storage itself (a throwing `localStorage`
 * getter in Safari private mode or a sandboxed iframe, a full quota) are passed on to the
 * caller: `createTrickle` turns them into a `storage-recovered` event and keeps working in
 * memory. `subscribe` follows writes of other tabs through the window's `storage` event.
 */
export function browserStorage(options: BrowserStorageOptions = {}): BrowserStorage {
  const option = options.storage

  const resolve = (): WebStorageLike | null => {
    if (typeof option === 'function') return option() ?? null
    return option ?? (typeof window === 'undefined' ? null : window.localStorage)
  }

  return {
    key: options.key ?? defaultStorageKey,
    getItem: (name) => resolve()?.getItem(name) ?? null,
    setItem: (name, value) => resolve()?.setItem(name, value),
    removeItem: (name) => resolve()?.removeItem(name),
    subscribe(name, listener) {
      const source = options.window ?? (typeof window === 'undefined' ? undefined : window)
      if (typeof source?.addEventListener !== 'function') return () => {}
      const onStorage = (event: StorageEvent): void => {
        // A null key means the whole storage was cleared.
        if (event.key !== null && event.key !== name) return
        let area: WebStorageLike | null
        try {
          area = resolve()
        } catch {
          return
        }
        if (event.storageArea === null || area === null || event.storageArea === area) listener()
      }
      source.addEventListener('storage', onStorage)
      return () => source.removeEventListener('storage', onStorage)
    },
  }
}
