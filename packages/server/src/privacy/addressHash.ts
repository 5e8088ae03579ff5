import type { Config, Profile } from '@trickle/core'
import type { Signer } from '../signer'

/**
 * The spelling that names one mailbox for us: Unicode NFC, no outer spaces, lower case (the
 * local part too: in practice no two mailboxes differ only in case).
 */
export function normaliseAddress(address: string): string {
  return address.normalize('NFC').trim().toLowerCase()
}

/**
 * The keyed hash of an address (HMAC-SHA256 with a key derived from the server secret): the
 * double opt-in ledger, the address index and erasure receipts hold it instead of the address,
 * and a guessed address cannot be checked against the database alone.
 */
export function addressHash(signer: Pick<Signer, 'digest'>, address: string): string {
  return signer.digest('address', normaliseAddress(address))
}

/** The ids of the config's fields of type `email`. */
export function emailFieldIds(config: Config): string[] {
  return config.fields.filter((field) => field.type === 'email').map((field) => field.id)
}

/** The first answered field of type `email`, as stored. */
export function emailOf(config: Config, profile: Profile): string | undefined {
  for (const field of config.fields) {
    if (field.type !== 'email' || !Object.hasOwn(profile.fields, field.id)) continue
    const value = profile.fields[field.id]?.value
    if (typeof value === 'string' && value !== '') return value
  }
  return undefined
}

/** Longest address accepted by the desk (RFC 5321 allows 254 characters in a path). */
const maxAddressLength = 254

/**
 * Why `input` is not an address the desk can look up, or null when it is one. Deliberately
 * loose (one `@`, something on both sides, a dot in the domain, no spaces inside): the desk must
 * find whatever a form accepted, and the message never repeats the input.
 */
export function addressProblem(input: string | undefined): string | null {
  if (input === undefined || input.trim() === '') {
    return 'Give the e-mail address to look up: ?email=name@example.com.'
  }
  const address = normaliseAddress(input)
  if (address.length > maxAddressLength) {
    return `An e-mail address has at most ${maxAddressLength} characters.`
  }
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address)) {
    return 'This is not an e-mail address: it needs one "@", a name before it, a domain with a dot after it, and no spaces inside.'
  }
  return null
}

/** The keyed hash of the profile's address (its first e-mail field), or null without one. */
export function profileAddressHash(
  ctx: { config: Config; signer: Pick<Signer, 'digest'> },
  profile: Profile,
): string | null {
  const address = emailOf(ctx.config, profile)
  return address === undefined ? null : addressHash(ctx.signer, address)
}
