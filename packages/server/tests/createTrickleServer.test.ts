import { afterAll, describe, expect, it } from 'vitest'
import { createTrickleServer } from '../src/createTrickleServer'
import { openDatabase } from '../src/openDatabase'
import { origin } from './support/browser'
import { firstVisit, testSecret, whitepaperConfig } from './support/fixtures'
import { describeDatabases, rowCounts, useServer } from './support/testServer'

const site = 'https://www.example.com'

describeDatabases('hardening', (kind) => {
  const t = useServer(kind, { allowedOrigins: [site], publicUrl: 'https://forms.example.com/api' })
  afterAll(() => {
    // Whatever happened in this suite, no personal value reached the log.
    expect(t.logs.join('\n')).not.toMatch(/example\.com|Lovelace|Ada/)
  })

  const submit = (
    headers: Record<string, string>,
    body: unknown = firstVisit('cors@example.com'),
  ) =>
    t.server.app.request(`${origin}/v1/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })

  it('lets allowed sites call it with credentials (CORS) and nobody else', async () => {
    const preflight = (from: string) =>
      t.server.app.request(`${origin}/v1/submissions`, {
        method: 'OPTIONS',
        headers: {
          origin: from,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      })
    const allowed = await preflight(site)
    expect(allowed.status).toBe(204)
    expect(allowed.headers.get('access-control-allow-origin')).toBe(site)
    expect(allowed.headers.get('access-control-allow-credentials')).toBe('true')
    const other = await preflight('https://evil.example')
    expect(other.headers.get('access-control-allow-origin')).toBeNull()

    const fromSite = await submit({ origin: site })
    expect(fromSite.status).toBe(201)
    expect(fromSite.headers.get('access-control-allow-origin')).toBe(site)
  })

  it('refuses writes from foreign origins (CSRF) before touching the database', async () => {
    const before = await rowCounts(t.database)
    for (const from of ['https://evil.example', 'null', 'http://www.example.com']) {
      const response = await submit({ origin: from })
      expect(response.status).toBe(403)
      expect(((await response.json()) as { message: string }).message).toContain('allowedOrigins')
    }
    expect(await rowCounts(t.database)).toEqual(before)
    // The server's own origin and clients without an Origin header (curl, servers) are fine.
    expect((await submit({ origin })).status).toBe(201)
    // So is its public address behind a proxy, where its double opt-in page posts from.
    expect((await submit({ origin: 'https://forms.example.com' })).status).toBe(201)
    expect((await submit({})).status).toBe(201)
  })

  it('answers with security headers, no caching, and JSON errors for unknown paths', async () => {
    const response = await t.server.app.request(`${origin}/v1/plan?form=whitepaper`)
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('cache-control')).toBe('no-store')
    const missing = await t.server.app.request(`${origin}/v1/nothing-here`)
    expect(missing.status).toBe(404)
    expect(((await missing.json()) as { error: string }).error).toBe('not-found')
    expect(await (await t.server.app.request(`${origin}/healthz`)).json()).toEqual({
      ok: true,
      database: kind.name === 'PGlite' ? 'pglite' : 'postgres',
    })
  })

  it('limits the body size and insists on JSON', async () => {
    const big = { ...firstVisit(), values: { email: 'x'.repeat(70 * 1024) } }
    expect((await submit({}, big)).status).toBe(413)
    const text = await t.server.app.request(`${origin}/v1/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify(firstVisit()),
    })
    expect(text.status).toBe(415)
    expect(((await text.json()) as { message: string }).message).toContain('application/json')
  })
})

describeDatabases('rate limiting', (kind) => {
  const t = useServer(kind, { rateLimit: { perVisitor: 3, perIp: 1000, windowMs: 60_000 } })

  it('slows down one visitor with 429 and Retry-After, then lets it in again', async () => {
    const tab = t.browser()
    expect((await tab.post('/v1/submissions', firstVisit('rate@example.com'))).status).toBe(201)
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) statuses.push((await tab.get('/v1/plan?form=whitepaper')).status)
    // The submission came before the cookie, so it counted for the IP only.
    expect(statuses).toEqual([200, 200, 200, 429])
    const limited = await tab.get('/v1/plan?form=whitepaper')
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(1)
    expect(((await limited.json()) as { error: string }).error).toBe('rate-limited')
    // Another visitor is not affected.
    expect((await t.browser().get('/v1/plan?form=whitepaper')).status).toBe(200)
    t.advance(60_000)
    expect((await tab.get('/v1/plan?form=whitepaper')).status).toBe(200)
  })
})

describe('unexpected failures', () => {
  it('become a 500 with a generic message, and the log names the error type but no value', async () => {
    const logs: string[] = []
    const database = await openDatabase({ dataDir: 'memory://' })
    const { app } = createTrickleServer({
      config: whitepaperConfig(),
      database,
      secret: testSecret,
      log: (line) => logs.push(line),
    })
    await database.close()
    const response = await app.request(`${origin}/v1/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(firstVisit('crash@example.com')),
    })
    expect(response.status).toBe(500)
    expect(((await response.json()) as { message: string }).message).toMatch(/logged/)
    expect(logs).toHaveLength(1)
    expect(logs[0]).toMatch(/^\[trickle\] 500 on POST \/v1\/submissions: \w+/)
    expect(logs[0]).not.toContain('crash@example.com')
  })

  it('refuses an origin that is not an origin, saying how to write it', () => {
    expect(() =>
      createTrickleServer({
        config: whitepaperConfig(),
        database: { kind: 'pglite', db: {} as never, close: async () => {} },
        secret: testSecret,
        allowedOrigins: ['https://www.example.com/'],
      }),
    ).toThrow(/scheme and host only/)
  })

  it('refuses a publicUrl that is not an address', () => {
    expect(() =>
      createTrickleServer({
        config: whitepaperConfig(),
        database: { kind: 'pglite', db: {} as never, close: async () => {} },
        secret: testSecret,
        publicUrl: 'forms.example.com',
      }),
    ).toThrow(/publicUrl: "forms.example.com" is not an address/)
  })
})
