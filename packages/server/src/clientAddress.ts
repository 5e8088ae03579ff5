import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'

/**
 * The client's IP address for rate limiting: the socket's address, or with `trustProxy` the
 * last `X-Forwarded-For` entry, the one the proxy in front of the server wrote. Earlier entries
 * come from whoever sent the request (a proxy that appends, such as a Next.js rewrite, keeps
 * them), so a client can put anything there; the last one it cannot choose. `unknown` when there
 * is no socket (e.g. `app.request` in tests).
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header('x-forwarded-for')?.split(',').at(-1)?.trim()
    if (forwarded) return forwarded.slice(0, 64)
  }
  try {
    return getConnInfo(c).remote.address ?? 'unknown'
  } catch {
    return 'unknown'
  }
}
