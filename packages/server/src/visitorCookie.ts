import { randomUUID } from 'node:crypto'
import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { Signer } from './signer'

/** The first-party cookie that recognises a returning visitor. */
export const visitorCookieName = 'trickle_vid'

/** 400 days: the longest lifetime browsers accept for a cookie set by the server. */
const maxAgeSeconds = 400 * 24 * 60 * 60

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

export interface Visitor {
  id: string
  /** True when the request carried no valid cookie: a fresh anonymous visitor. */
  isNew: boolean
}

/**
 * The visitor of a request: the id from an intact signed cookie, else a new random id.
 * A forged or altered cookie is never trusted; it simply yields a new anonymous visitor.
 */
export function readVisitor(c: Context, signer: Signer): Visitor {
  const id = signer.verify('visitor', getCookie(c, visitorCookieName))
  if (id !== null && uuidPattern.test(id)) return { id, isNew: false }
  return { id: randomUUID(), isNew: true }
}

/** Sets (or refreshes) the signed cookie: HttpOnly, SameSite=Lax, Secure when served over HTTPS. */
export function rememberVisitor(c: Context, signer: Signer, id: string, secure: boolean): void {
  setCookie(c, visitorCookieName, signer.sign('visitor', id), {
    httpOnly: true,
    sameSite: 'Lax',
    secure,
    path: '/',
    maxAge: maxAgeSeconds,
  })
}

export function forgetVisitor(c: Context, secure: boolean): void {
  deleteCookie(c, visitorCookieName, { path: '/', secure, httpOnly: true, sameSite: 'Lax' })
}
