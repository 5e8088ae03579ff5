import { expect, it } from 'vitest'
import { createTrickleServer } from '../../src/createTrickleServer'
import { openDatabase } from '../../src/openDatabase'
import { adminToken, firstVisit, testSecret, whitepaperConfig } from '../support/fixtures'
import { describeDatabases, useServer } from '../support/testServer'

// The desk as the real server serves it: next to the API, with the server's secure headers and
// the desk's own policy, and its printable pages reaching the real admin routes.
describeDatabases('privacy desk on the server', (kind) => {
  const t = useServer(kind)
  const desk = 'http://trickle.test/admin/privacy'

  it('is served at /admin/privacy with its own policy and the secure headers of the server', async () => {
    const response = await t.server.app.request(desk)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    const script = await t.server.app.request(`${desk}/desk.js?lang=de`)
    expect(script.status).toBe(200)
    expect(await script.text()).toContain('Datenschutz-Desk')
  })

  it('opens the printable proof of the real API for the right token only', async () => {
    const visitor = t.browser()
    const submitted = await visitor.post('/v1/submissions', {
      ...firstVisit('Desk.Print@Example.com'),
      consents: { newsletter: false, sales: true },
    })
    expect(submitted.status).toBe(201)
    const open = (token: string) =>
      t.server.app.request(`${desk}/open`, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          origin: 'http://trickle.test',
        },
        body: new URLSearchParams({
          token,
          view: 'proof',
          email: 'desk.print@example.com',
          purpose: 'sales',
          locale: 'en',
        }).toString(),
      })
    const page = await open(adminToken)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    const sales = t.config.purposes.find((p) => p.id === 'sales')
    const salesText = typeof sales?.text === 'object' ? sales.text['en'] : sales?.text
    expect(salesText).toBeTruthy()
    expect(await page.text()).toContain(salesText)
    const refused = await open('not-the-token')
    expect(refused.status).toBe(401)
  })
})

it('without an admin token the desk page says how to switch it on', async () => {
  const database = await openDatabase({})
  const server = createTrickleServer({
    config: whitepaperConfig(),
    database,
    secret: testSecret,
    rateLimit: false,
    log: () => undefined,
  })
  try {
    const response = await server.app.request('http://trickle.test/admin/privacy')
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('TRICKLE_ADMIN_TOKEN')
  } finally {
    await server.close()
  }
})
