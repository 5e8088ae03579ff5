import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { tooLarge } from './readJsonBody'
import { assertStorableText } from './storableText'

/**
 * Checks what every route reads from a request before the route runs:
 * - path segments and query parameters hold no text a database cannot store (`422
 *   invalid-text` naming the path as sent, or `?name`);
 * - a body is read only up to `bodyLimit` bytes: a declared Content-Length above it is refused
 *   at once, and a body sent without one (chunked) is read until it passes the limit, then
 *   refused (`413 body-too-large`); the rest is never read.
 */
export function requestGuard(options: { bodyLimit: number }): MiddlewareHandler {
  const limit = bodyLimit({
    maxSize: options.bodyLimit,
    onError: () => {
      throw tooLarge(options.bodyLimit)
    },
  })
  return async (c, next) => {
    // Path parameters (ids of purposes, forms, deliveries) as the routes will decode them; a
    // segment that does not decode stays as it was sent, which is storable.
    const path = new URL(c.req.url).pathname
    for (const segment of path.split('/')) {
      let decoded: string
      try {
        decoded = decodeURIComponent(segment)
      } catch {
        continue
      }
      assertStorableText(decoded, path.slice(0, 200))
    }
    const query = c.req.queries()
    for (const [name, values] of Object.entries(query)) {
      // A bad name is reported at the query string itself.
      assertStorableText(name, '?')
      for (const value of values) assertStorableText(value, `?${name.slice(0, 80)}`)
    }
    return limit(c, next)
  }
}
