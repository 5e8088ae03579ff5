import { randomUuid } from '../runtime/randomUuid'
import type { Profile } from '../types'

/**
 * A visitor about whom nothing is known yet: no field values, no consent events.
 * Without a `visitorId` a random UUID is used (also on plain http pages, where browsers lack
 * `crypto.randomUUID`); the server replaces it with the id of its signed cookie.
 */
export function emptyProfile(visitorId: string = randomUuid()): Profile {
  // Checked at run time too: JavaScript callers may pass anything.
  if (typeof visitorId !== 'string' || visitorId === '') {
    throw new TypeError(
      `emptyProfile: visitorId must be a non-empty string, got ${JSON.stringify(visitorId)}. Leave it out to get a random id.`,
    )
  }
  return { visitorId, fields: {}, consents: [] }
}
