import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { tooLarge } from './readJsonBody'
import { assertStorableText } from './storableText'

/**
 * Checks what every route reads from a request before the route runs:
 * - query parameters hold no text a database cannot store (`422 invalid-text` naming `?name`);
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
    const query = c.req.queries()
    for (const [name, values] of Object.entries(query)) {
      // A bad name is reported at the query string itself.
      assertStorableText(name, '?')
      for (const value of values) assertStorableText(value, `?${name.slice(0, 80)}`)
    }
    return limit(c, next)
  }
}
