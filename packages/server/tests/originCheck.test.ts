import { describe, expect, it } from 'vitest'
import { databaseKinds } from './support/databases'
import { firstVisit } from './support/fixtures'
import { useServer } from './support/testServer'

// The origin check is the same on every database: PGlite is enough here.
const pglite = databaseKinds()[0]!

/** A POST that changes data, sent to `url` with the given headers. */
function post(t: ReturnType<typeof useServer>, url: string, headers: Record<string, string>) {
  return t.server.app.request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(firstVisit('origin@example.org')),
  })
}

describe('origin check behind a trusted proxy (trustProxy)', () => {
  const t = useServer(pglite, { trustProxy: true })

  it('never lets X-Forwarded-Host make a foreign Origin pass', async () => {
    // A proxy that keeps the client's X-Forwarded-Host (a Next.js rewrite does) or adds to it.
    for (const forwardedHost of ['evil.example', 'evil.example, trickle.test']) {
      const response = await post(t, 'http://trickle.test/v1/submissions', {
        origin: 'https://evil.example',
        'x-forwarded-host': forwardedHost,
        'x-forwarded-proto': 'https',
      })
      expect(response.status).toBe(403)
      expect(await response.json()).toMatchObject({ error: 'origin-not-allowed' })
    }
  })

  it('takes the scheme from X-Forwarded-Proto and the host from Host', async () => {
    // TLS ends at the proxy, which keeps the Host header: the site's own origin passes.
    const own = await post(t, 'http://www.example.org/v1/submissions', {
      origin: 'https://www.example.org',
      'x-forwarded-proto': 'https',
    })
    expect(own.status).toBe(201)
    // The host of a forwarded header is ignored even when it is the site's own.
    const rewritten = await post(t, 'http://127.0.0.1:8787/v1/submissions', {
      origin: 'https://www.example.org',
      'x-forwarded-host': 'www.example.org',
      'x-forwarded-proto': 'https',
    })
    expect(rewritten.status).toBe(403)
    const body = (await rewritten.json()) as { message: string }
    expect(body.message).toContain('"https://www.example.org"')
    expect(body.message).toContain('TRICKLE_ALLOWED_ORIGINS')
  })
})

describe('origin check with the site listed in allowedOrigins', () => {
  const t = useServer(pglite, { trustProxy: true, allowedOrigins: ['http://localhost:3000'] })

  it('accepts the listed site through a proxy that rewrites Host, and nobody else', async () => {
    // What a Next.js rewrite sends: the browser's Origin, Host of the upstream.
    const headers = { 'x-forwarded-host': 'localhost:3000', 'x-forwarded-proto': 'http' }
    const site = await post(t, 'http://127.0.0.1:8787/v1/submissions', {
      ...headers,
      origin: 'http://localhost:3000',
    })
    expect(site.status).toBe(201)
    const other = await post(t, 'http://127.0.0.1:8787/v1/submissions', {
      ...headers,
      origin: 'http://localhost:3001',
    })
    expect(other.status).toBe(403)
  })
})

describe('origin check without a proxy', () => {
  const t = useServer(pglite)

  it('ignores forwarded headers entirely', async () => {
    const response = await post(t, 'http://trickle.test/v1/submissions', {
      origin: 'https://evil.example',
      'x-forwarded-host': 'evil.example',
      'x-forwarded-proto': 'https',
    })
    expect(response.status).toBe(403)
    // Same origin through a proxy that keeps Host (Vite's proxy with changeOrigin: false).
    const own = await post(t, 'http://localhost:5173/v1/submissions', {
      origin: 'http://localhost:5173',
    })
    expect(own.status).toBe(201)
  })
})
