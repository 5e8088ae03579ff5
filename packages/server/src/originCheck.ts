import type { Context } from 'hono'

export interface OriginCheckOptions {
  /** Origins of the sites that embed the forms (`allowedOrigins` / TRICKLE_ALLOWED_ORIGINS). */
  allowedOrigins: ReadonlySet<string>
  /** The origin of `publicUrl`, where the double opt-in page posts from. */
  publicOrigin: string | undefined
  /** Whether the request came over HTTPS (behind a trusted proxy: `X-Forwarded-Proto`). */
  isHttps: (c: Context) => boolean
}

/**
 * Whether a request that changes data may come from `origin` (CSRF protection). Allowed are the
 * listed origins, the public address, and the request's own origin: the `Host` it was sent to
 * (a browser always writes the real one) with the scheme the visitor used.
 *
 * `X-Forwarded-Host` never counts, with or without `trustProxy`: proxies pass on a value the
 * client sent (a Next.js rewrite keeps it, nginx passes it on unless told otherwise), so it
 * would let any site in. Behind a proxy that rewrites `Host` (a Next.js rewrite, Vite with `changeOrigin: true`,
 * nginx's default), list the site's origin in `allowedOrigins`.
 */
export function originAllowed(c: Context, origin: string, options: OriginCheckOptions): boolean {
  if (options.allowedOrigins.has(origin) || origin === options.publicOrigin) return true
  const host = new URL(c.req.url).host
  return origin === `${options.isHttps(c) ? 'https' : 'http'}://${host}`
}
