import { exportProfile, type Config, type ProfileExport } from '@trickle/core'
import type { TrickleDb } from '../openDatabase'
import { loadProfiles } from '../profileStore'
import { consentTextsByHash } from './findPeople'

/** `GET /v1/admin/people/export`: one document across every profile of the address. */
export interface PeopleExport {
  exportedAt: string
  addressHash: string
  /** Each as `GET /v1/me/export` answers for that profile. */
  profiles: ProfileExport[]
}

/**
 * Fills in the consent texts an export could not take from the config (an older version, a
 * changed text): the server kept every text shown, by hash.
 */
export async function fillStoredTexts(
  db: TrickleDb,
  exports: readonly ProfileExport[],
): Promise<void> {
  const missing = exports.flatMap((exported) =>
    exported.consentHistory.flatMap((event) =>
      event.text === undefined && event.textHash !== undefined ? [event.textHash] : [],
    ),
  )
  if (missing.length === 0) return
  const texts = await consentTextsByHash(db, missing)
  for (const exported of exports) {
    for (const event of exported.consentHistory) {
      const text = event.textHash === undefined ? undefined : texts.get(event.textHash)
      if (event.text === undefined && text !== undefined) event.text = text
    }
  }
}

/** Art. 15 and 20 for a person: the export of every profile, with the exact consent texts. */
export async function exportPeople(
  db: TrickleDb,
  config: Config,
  visitorIds: readonly string[],
  options: { now: Date; locale: string; addressHash: string; log: (line: string) => void },
): Promise<PeopleExport> {
  const { profiles } = await loadProfiles(db, config, visitorIds, options)
  // In the order asked for (the index answers by visitor id), whatever order the rows came in.
  const exports = [...new Set(visitorIds)].flatMap((id) => {
    const profile = profiles.get(id)
    return profile === undefined
      ? []
      : [exportProfile(config, profile, { now: options.now, locale: options.locale })]
  })
  await fillStoredTexts(db, exports)
  return {
    exportedAt: options.now.toISOString(),
    addressHash: options.addressHash,
    profiles: exports,
  }
}
