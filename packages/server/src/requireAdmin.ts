import { createHash, timingSafeEqual } from 'node:crypto'
import { ApiError } from './apiError'
import type { AppContext, ServerContext } from './serverContext'

/** The name of the token given as `adminToken` (the audit log's actor for it). */
export const defaultAdminName = 'admin'

/** Token names as the audit log shows them. */
const adminNamePattern = /^[A-Za-z][A-Za-z0-9_.-]{0,63}$/

/**
 * The admin tokens by name: `adminToken` is named `admin`, `adminTokens` adds named ones (so the
 * audit log says who acted). Throws for a bad name, an empty token or one token under two names.
 */
export function adminTokensOf(options: {
  adminToken?: string | undefined
  adminTokens?: Record<string, string> | undefined
}): ReadonlyMap<string, string> {
  const tokens = new Map<string, string>()
  const add = (name: string, token: string) => {
    if (!adminNamePattern.test(name)) {
      throw new Error(
        `adminTokens: "${name.slice(0, 64)}" is not a token name; use a letter, then letters, digits, ".", "_" or "-" (e.g. "dpo").`,
      )
    }
    if (tokens.has(name)) throw new Error(`adminTokens: the name "${name}" is given twice.`)
    if ([...tokens.values()].includes(token)) {
      throw new Error(
        `adminTokens: "${name}" has the same token as another name; give each its own.`,
      )
    }
    tokens.set(name, token)
  }
  if (options.adminToken) add(defaultAdminName, options.adminToken)
  for (const [name, token] of Object.entries(options.adminTokens ?? {})) {
    if (typeof token !== 'string' || token.trim() === '') {
      throw new Error(`adminTokens: the token of "${name.slice(0, 64)}" is empty.`)
    }
    add(name, token)
  }
  return tokens
}

/**
 * Reads `TRICKLE_ADMIN_TOKENS` (`dpo:token1,ops:token2`): names and tokens, separated by the
 * first ":". Throws with the position of an entry that has no name or no token.
 */
export function parseAdminTokens(value: string | undefined): Record<string, string> {
  const tokens: Record<string, string> = Object.create(null) as Record<string, string>
  const entries = (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  entries.forEach((entry, index) => {
    const colon = entry.indexOf(':')
    const name = colon < 0 ? '' : entry.slice(0, colon).trim()
    const token = colon < 0 ? '' : entry.slice(colon + 1).trim()
    if (!name || !token) {
      throw new Error(
        `TRICKLE_ADMIN_TOKENS: entry ${index + 1} is not "name:token"; write e.g. TRICKLE_ADMIN_TOKENS="dpo:<token>,ops:<token>".`,
      )
    }
    tokens[name] = token
  })
  return tokens
}

/**
 * The gate of every admin route (`/v1/report`, `/v1/admin/…`): `Authorization: Bearer <admin
 * token>`. Without a configured token the admin routes do not exist (404 that says how to switch
 * them on); a missing or wrong token is a 401. Returns the name of the token that matched (the
 * actor of the audit log). Every token is compared, each in the same time whatever was sent.
 */
export function requireAdmin(ctx: Pick<ServerContext, 'adminTokens'>, c: AppContext): string {
  const { adminTokens } = ctx
  if (adminTokens.size === 0) {
    throw new ApiError(
      404,
      'admin-disabled',
      'The admin routes (report, deliveries, privacy desk) are disabled: start the server with an admin token (TRICKLE_ADMIN_TOKEN or TRICKLE_ADMIN_TOKENS).',
    )
  }
  const given = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1]?.trim() ?? ''
  // Compare digests: equal length, constant time, whatever was sent.
  const digest = (value: string) => createHash('sha256').update(value).digest()
  const sent = digest(given)
  let actor: string | undefined
  for (const [name, token] of adminTokens) {
    if (timingSafeEqual(sent, digest(token)) && given) actor ??= name
  }
  if (actor === undefined) {
    throw new ApiError(
      401,
      'unauthorized',
      'Send an admin token as "Authorization: Bearer <token>".',
    )
  }
  return actor
}
