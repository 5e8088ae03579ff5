import { createHmac, timingSafeEqual } from 'node:crypto'

/** What a signature is for. Each use gets its own key, so a token of one kind never passes as another. */
export type SignaturePurpose = 'visitor' | 'download' | 'doi' | 'address'

export type OpenedToken =
  { ok: true; payload: Record<string, unknown> } | { ok: false; reason: 'invalid' | 'expired' }

export interface Signer {
  /** `value` followed by `.` and its HMAC-SHA256 (base64url). */
  sign(purpose: SignaturePurpose, value: string): string
  /** The value when the signature is intact, else null. */
  verify(purpose: SignaturePurpose, signed: unknown): string | null
  /** A signed, expiring token carrying a small JSON payload (readable, not secret). */
  seal(purpose: SignaturePurpose, payload: Record<string, unknown>, expiresAt: Date): string
  /** The payload of an intact token that has not expired at `now`. */
  open(purpose: SignaturePurpose, token: unknown, now: Date): OpenedToken
  /** The keyed hash (HMAC-SHA256, base64url) of `value`: the same value gives the same hash. */
  digest(purpose: SignaturePurpose, value: string): string
}

/** Shortest accepted secret. 32 random characters hold enough entropy for HMAC-SHA256. */
export const minSecretLength = 32

const maxTokenLength = 2048

export function createSigner(secret: string): Signer {
  if (secret.length < minSecretLength) {
    throw new Error(
      `The secret must be at least ${minSecretLength} characters long (it has ${secret.length}). ` +
        'Generate one with `openssl rand -base64 48` and pass it as TRICKLE_SECRET.',
    )
  }
  const keys = new Map<SignaturePurpose, Buffer>()
  const keyFor = (purpose: SignaturePurpose): Buffer => {
    let key = keys.get(purpose)
    if (!key) {
      key = createHmac('sha256', secret).update(`trickle:${purpose}`).digest()
      keys.set(purpose, key)
    }
    return key
  }
  const mac = (purpose: SignaturePurpose, value: string): Buffer =>
    createHmac('sha256', keyFor(purpose)).update(value).digest()

  const sign = (purpose: SignaturePurpose, value: string): string =>
    `${value}.${mac(purpose, value).toString('base64url')}`

  const verify = (purpose: SignaturePurpose, signed: unknown): string | null => {
    if (typeof signed !== 'string' || signed.length > maxTokenLength) return null
    const dot = signed.lastIndexOf('.')
    if (dot <= 0) return null
    const value = signed.slice(0, dot)
    // Compared as text: only the one canonical encoding of the MAC is accepted.
    const given = Buffer.from(signed.slice(dot + 1))
    const expected = Buffer.from(mac(purpose, value).toString('base64url'))
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null
    return value
  }

  return {
    sign,
    verify,
    digest: (purpose, value) => mac(purpose, value).toString('base64url'),
    seal(purpose, payload, expiresAt) {
      const body = Buffer.from(JSON.stringify({ ...payload, exp: expiresAt.getTime() }))
      return sign(purpose, body.toString('base64url'))
    },
    open(purpose, token, now) {
      const body = verify(purpose, token)
      if (body === null) return { ok: false, reason: 'invalid' }
      let payload: unknown
      try {
        payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'))
      } catch {
        return { ok: false, reason: 'invalid' }
      }
      if (typeof payload !== 'object' || payload === null || Array.isArray(payload)) {
        return { ok: false, reason: 'invalid' }
      }
      const record = payload as Record<string, unknown>
      const exp = record['exp']
      if (typeof exp !== 'number') return { ok: false, reason: 'invalid' }
      if (exp <= now.getTime()) return { ok: false, reason: 'expired' }
      return { ok: true, payload: record }
    },
  }
}
