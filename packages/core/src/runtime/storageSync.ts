import { defaultStorageKey } from './browserStorage'
import { persistProfile, storedFields } from './persistProfile'
import {
  maxStoredChars,
  nothingStored,
  readEnvelope,
  tooLarge,
  type ReadEnvelopeResult,
} from './readEnvelope'
import type { Config, PersistPolicy, Profile, TrickleStorage } from '../types'

export interface StorageSyncOptions {
  config: Config
  storage: TrickleStorage
  persist: PersistPolicy
  now: () => Date
  /** Called with readable reasons when stored data was dropped or could not be written. */
  onDropped: (dropped: string[]) => void
}

/** Reads, writes and follows the storage envelope for one store. Never throws. */
export interface StorageSync {
  /** Reads the envelope (nothing with persist 'none'); writes back a cleaned copy if needed. */
  hydrate(): ReadEnvelopeResult
  /** Writes what the persist policy keeps; skips writes that would not change anything. */
  save(profile: Profile, unlocked: Readonly<Record<string, string>>): void
  /** Removes the envelope ("Not you?"). */
  clear(): void
  /** Follows writes of other tabs or stores; returns an unsubscribe. */
  follow(listener: (result: ReadEnvelopeResult) => void): () => void
}

/** The name of a thrown error (`QuotaExceededError`, `SecurityError`...), never its message. */
function errorName(error: unknown): string {
  const name = (error as { name?: unknown } | null | undefined)?.name
  return typeof name === 'string' && name !== '' ? name : 'an error'
}

export function createStorageSync(options: StorageSyncOptions): StorageSync {
  const { config, storage, persist, now, onDropped } = options
  // A storage that names its own key (browserStorage) is written under it.
  // (`localStorage` itself has a `key` method, not a name.)
  const named = (storage as { key?: unknown }).key
  const key = typeof named === 'string' && named !== '' ? named : defaultStorageKey
  /** The text this store last read or wrote: echoes of its own writes are ignored. */
  let lastRaw: string | null = null
  /** Set once the storage threw on read: it is unusable (private mode, sandboxed iframe). */
  let unavailable = false
  let lastReported = ''

  const report = (...dropped: string[]): void => {
    const text = dropped.join('\n')
    if (dropped.length === 0 || text === lastReported) return
    lastReported = text
    onDropped(dropped)
  }

  /** The stored text, or the reason it cannot be read. */
  const read = (): { raw: string | null; problem?: string } => {
    try {
      return { raw: storage.getItem(key) }
    } catch (error) {
      unavailable = true
      const problem = `storage is not available (${errorName(error)}); nothing is kept after this page`
      return { raw: null, problem }
    }
  }

  /** Reads the envelope in `raw` and reports what was dropped. */
  const load = (raw: string | null): ReadEnvelopeResult => {
    lastRaw = raw
    const result = readEnvelope(config, raw, { now: now() })
    report(...result.dropped)
    return result
  }

  /** Writes `raw`, or returns why it could not be written. */
  const write = (raw: string): string | null => {
    if (raw.length > maxStoredChars) return `the data is ${tooLarge}`
    // Set first: a storage that notifies synchronously must see this as our own write.
    const before = lastRaw
    lastRaw = raw
    try {
      storage.setItem(key, raw)
      return null
    } catch (error) {
      lastRaw = before
      const name = errorName(error)
      // QuotaExceededError, or NS_ERROR_DOM_QUOTA_REACHED in older Firefox.
      return /quota/i.test(name) ? 'the storage quota is exceeded' : `the storage failed (${name})`
    }
  }

  const save = (profile: Profile, unlocked: Readonly<Record<string, string>>): void => {
    const envelope = persistProfile(config, profile, { persist, unlocked })
    if (envelope === null || unavailable) return
    const raw = JSON.stringify(envelope)
    const why = raw === lastRaw ? null : write(raw)
    if (why === null) return
    // Which fields are known is worth keeping without the values.
    const lean = { ...envelope, fields: storedFields(config, envelope.fields, new Set()) }
    report(
      write(JSON.stringify(lean)) === null
        ? `field values were not stored because ${why}; only which fields are known was kept`
        : `nothing was stored because ${why}; the profile is kept for this page only`,
    )
  }

  const clear = (): void => {
    lastRaw = null
    if (unavailable) return
    try {
      storage.removeItem(key)
    } catch (error) {
      report(`stored data could not be removed (${errorName(error)})`)
    }
  }

  const hydrate = (): ReadEnvelopeResult => {
    const { raw, problem } = read()
    if (persist === 'none') {
      // Kiosk mode: nobody is recognised, and a leftover envelope of another mode goes.
      if (raw !== null) clear()
      return nothingStored()
    }
    if (problem !== undefined) {
      report(problem)
      return nothingStored(problem)
    }
    const result = load(raw)
    // Rewrite an envelope that had dropped parts or that the policy keeps less of; remove one
    // that was unusable as a whole.
    if (result.profile !== null) save(result.profile, result.unlocked)
    else if (raw !== null) clear()
    return result
  }

  const follow = (listener: (result: ReadEnvelopeResult) => void): (() => void) => {
    if (persist === 'none' || !storage.subscribe) return () => {}
    return storage.subscribe(key, () => {
      const { raw, problem } = read()
      // A read that fails now keeps what this page has; only real changes are followed.
      if (problem !== undefined) report(problem)
      else if (raw !== lastRaw) listener(load(raw))
    })
  }

  return { hydrate, save, clear, follow }
}
