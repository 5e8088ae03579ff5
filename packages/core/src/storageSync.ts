import { defaultStorageKey } from './browserStorage'
import { persistProfile, type StoredEnvelope } from './persistProfile'
import { maxStoredChars, readEnvelope, type ReadEnvelopeResult } from './readEnvelope'
import type { Config, PersistPolicy, Profile, TrickleStorage } from './types'

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

/** The key of a storage that names its own (browserStorage), else `trickle:v1`. */
export function storageKeyOf(storage: TrickleStorage): string {
  const key = (storage as { key?: unknown }).key
  return typeof key === 'string' && key !== '' ? key : defaultStorageKey
}

function errorName(error: unknown): string {
  if (error instanceof Error || (typeof error === 'object' && error !== null && 'name' in error)) {
    const name = (error as { name: unknown }).name
    if (typeof name === 'string' && name !== '') return name
  }
  return 'an error'
}

function isQuotaError(error: unknown): boolean {
  const name = errorName(error)
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED'
}

export function createStorageSync(options: StorageSyncOptions): StorageSync {
  const { config, storage, persist, now, onDropped } = options
  const key = storageKeyOf(storage)
  /** The text this store last read or wrote: echoes of its own writes are ignored. */
  let lastRaw: string | null = null
  /** Set once the storage threw on read: it is unusable (private mode, sandboxed iframe). */
  let unavailable = false
  let lastReported = ''

  const report = (dropped: string[]): void => {
    const text = dropped.join('\n')
    if (dropped.length === 0 || text === lastReported) return
    lastReported = text
    onDropped(dropped)
  }

  /** The stored text, or the reason it cannot be read. */
  const readRaw = (): { raw: string | null; problem?: string } => {
    try {
      const raw = storage.getItem(key)
      return { raw: raw === null || typeof raw === 'string' ? raw : String(raw) }
    } catch (error) {
      unavailable = true
      const problem = `storage is not available (${errorName(error)}); nothing is kept after this page`
      return { raw: null, problem }
    }
  }

  const parse = (raw: string | null, problem?: string): ReadEnvelopeResult =>
    problem === undefined
      ? readEnvelope(config, raw, { now: now() })
      : { profile: null, unlocked: {}, dropped: [problem] }

  const write = (raw: string): void => {
    // Set first: a storage that notifies synchronously must see this as our own write.
    const before = lastRaw
    lastRaw = raw
    try {
      storage.setItem(key, raw)
    } catch (error) {
      lastRaw = before
      throw error
    }
  }

  const save = (profile: Profile, unlocked: Readonly<Record<string, string>>): void => {
    const envelope = persistProfile(config, profile, { persist, unlocked })
    if (envelope === null || unavailable) return
    const raw = JSON.stringify(envelope)
    if (raw === lastRaw) return
    try {
      if (raw.length > maxStoredChars)
        throw Object.assign(new Error('too large'), { name: 'TooLarge' })
      write(raw)
    } catch (error) {
      const lean = JSON.stringify(withoutValues(envelope))
      const why = isQuotaError(error)
        ? 'the storage quota is exceeded'
        : error instanceof Error && error.name === 'TooLarge'
          ? `the data is larger than ${maxStoredChars / 1024} kB`
          : `the storage failed (${errorName(error)})`
      try {
        if (lean.length > maxStoredChars) throw error
        write(lean)
        report([
          `field values were not stored because ${why}; only which fields are known was kept`,
        ])
      } catch {
        report([`nothing was stored because ${why}; the profile is kept for this page only`])
      }
    }
  }

  const clear = (): void => {
    lastRaw = null
    if (unavailable) return
    try {
      storage.removeItem(key)
    } catch (error) {
      report([`stored data could not be removed (${errorName(error)})`])
    }
  }

  const hydrate = (): ReadEnvelopeResult => {
    if (persist === 'none') {
      // Kiosk mode: nobody is recognised, and a leftover envelope of another mode goes.
      if (readRaw().raw !== null) clear()
      return { profile: null, unlocked: {}, dropped: [] }
    }
    const { raw, problem } = readRaw()
    const result = parse(raw, problem)
    lastRaw = raw
    report(result.dropped)
    // Rewrite an envelope that had dropped parts or that the policy keeps less of; remove one
    // that was unusable as a whole.
    if (raw !== null && result.profile !== null) save(result.profile, result.unlocked)
    else if (raw !== null) clear()
    return result
  }

  const follow = (listener: (result: ReadEnvelopeResult) => void): (() => void) => {
    if (persist === 'none' || !storage.subscribe) return () => {}
    return storage.subscribe(key, () => {
      const { raw, problem } = readRaw()
      // A read that fails now keeps what this page has; only real changes are followed.
      if (problem !== undefined) return report([problem])
      if (raw === lastRaw) return
      lastRaw = raw
      const result = parse(raw)
      report(result.dropped)
      listener(result)
    })
  }

  return { hydrate, save, clear, follow }
}

function withoutValues(envelope: StoredEnvelope): StoredEnvelope {
  const fields: StoredEnvelope['fields'] = {}
  for (const [id, record] of Object.entries(envelope.fields)) {
    const { value: _value, ...rest } = record
    fields[id] = rest
  }
  return { ...envelope, fields }
}
