import { idPattern } from './configConstants'
import { envelopeVersion } from './persistProfile'
import {
  clockSkewMs,
  describe,
  isObject,
  parseProfile,
  quote,
  timestampProblem,
} from './parseProfile'
import type { Config, Profile } from './types'

/** Stored envelopes longer than this (in UTF-16 code units, as storage quotas count) are discarded. */
export const maxStoredChars = 256 * 1024

const envelopeKeys = new Set(['v', 'visitorId', 'fields', 'consents', 'unlocked'])

export interface ReadEnvelopeResult {
  /** The stored profile, or null when nothing usable was stored. */
  profile: Profile | null
  unlocked: Record<string, string>
  /** Readable reasons for what was dropped. */
  dropped: string[]
}

/**
 * Reads the raw text of the storage envelope. Never throws: invalid JSON, a wrong version or
 * shape and oversized text give `profile: null`; otherwise the valid parts are kept
 * (`parseProfile`) and everything else is listed in `dropped`.
 */
export function readEnvelope(
  config: Config,
  raw: string | null,
  options: { now?: Date } = {},
): ReadEnvelopeResult {
  const nothing = (reason?: string): ReadEnvelopeResult => ({
    profile: null,
    unlocked: {},
    dropped: reason === undefined ? [] : [reason],
  })
  if (raw === null) return nothing()
  if (raw.length > maxStoredChars) {
    const kb = Math.ceil(raw.length / 1024)
    return nothing(
      `stored data is ${kb} kB, more than the ${maxStoredChars / 1024} kB limit; it was discarded`,
    )
  }
  let data: unknown
  try {
    data = JSON.parse(raw)
  } catch {
    return nothing('stored data is not valid JSON; it was discarded')
  }
  if (!isObject(data))
    return nothing(`stored data is ${describe(data)}, not an object; it was discarded`)
  if (data['v'] !== envelopeVersion) {
    return nothing(`stored data has no envelope version ${envelopeVersion} ("v"); it was discarded`)
  }
  const dropped: string[] = []
  for (const key of Object.keys(data)) {
    if (!envelopeKeys.has(key)) dropped.push(`unknown stored property ${quote(key)}`)
  }
  const now = options.now ?? new Date()
  const parsed = parseProfile(
    config,
    { visitorId: data['visitorId'], fields: data['fields'], consents: data['consents'] },
    { now },
  )
  dropped.push(...parsed.dropped)
  const unlocked = parseUnlocked(config, data['unlocked'], now.getTime() + clockSkewMs, dropped)
  return { profile: parsed.profile, unlocked, dropped }
}

function parseUnlocked(
  config: Config,
  input: unknown,
  latest: number,
  dropped: string[],
): Record<string, string> {
  const unlocked = Object.create(null) as Record<string, string>
  if (input === undefined) return unlocked
  if (!isObject(input)) {
    dropped.push(`unlocked is ${describe(input)}, not an object; unlocked downloads were dropped`)
    return unlocked
  }
  const forms = new Set(config.forms.map((form) => form.id))
  for (const [formId, at] of Object.entries(input)) {
    if (!idPattern.test(formId) || !forms.has(formId)) {
      dropped.push(`unlocked form ${quote(formId)} is not in the config`)
      continue
    }
    const problem = timestampProblem(at, latest)
    if (problem) dropped.push(`unlocked form ${quote(formId)}: the time ${problem}`)
    else unlocked[formId] = at as string
  }
  return unlocked
}
