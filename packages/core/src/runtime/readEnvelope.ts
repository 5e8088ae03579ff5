import { configIndex } from '../config/configIndex'
import { isRecord } from '../jsonValue'
import { envelopeVersion } from './persistProfile'
import {
  clockSkewMs,
  kindMismatch,
  notInConfig,
  parseProfile,
  quote,
  sectionEntries,
  timestampProblem,
} from '../profile/parseProfile'
import type { Config, Profile } from '../types'

/** Stored envelopes longer than this (in UTF-16 code units, as storage quotas count) are discarded. */
export const maxStoredChars = 256 * 1024

/** Why stored text is discarded, and why text is not written: "larger than 256 kB". */
export const tooLarge = `larger than ${maxStoredChars / 1024} kB`

export interface ReadEnvelopeResult {
  /** The stored profile, or null when nothing usable was stored. */
  profile: Profile | null
  unlocked: Record<string, string>
  /** Readable reasons for what was dropped. */
  dropped: string[]
}

/** A result without a stored profile, with the reasons (if any). */
export const nothingStored = (...dropped: string[]): ReadEnvelopeResult => ({
  profile: null,
  unlocked: {},
  dropped,
})

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
  if (raw === null) return nothingStored()
  const data = envelopeOf(raw)
  if (typeof data === 'string') return nothingStored(`stored data ${data}`)
  const now = options.now ?? new Date()
  // The rest of the envelope is the profile, so an unknown property is reported by parseProfile.
  const { v: _version, unlocked: unlockedInput, ...stored } = data
  const { profile, dropped } = parseProfile(config, stored, { now })
  const latest = now.getTime() + clockSkewMs
  const forms = configIndex(config).forms
  const unlocked = Object.create(null) as Record<string, string>
  for (const [formId, at] of sectionEntries('unlocked', unlockedInput, dropped)) {
    const problem = timestampProblem(at, latest)
    if (!forms.has(formId)) dropped.push(notInConfig('unlocked form', formId))
    else if (problem !== null) dropped.push(`unlocked form ${quote(formId)}: the time ${problem}`)
    else unlocked[formId] = at as string
  }
  return { profile, unlocked, dropped }
}

/** The stored object, or what is wrong with the stored text as a whole. */
function envelopeOf(raw: string): Record<string, unknown> | string {
  if (raw.length > maxStoredChars) return `is ${tooLarge}`
  let data: unknown
  try {
    data = JSON.parse(raw)
  } catch {
    return 'is not valid JSON'
  }
  if (!isRecord(data)) return `is ${kindMismatch(data)}`
  return data['v'] === envelopeVersion ? data : `has no envelope version ${envelopeVersion} ("v")`
}
