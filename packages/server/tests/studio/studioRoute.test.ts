import { Hono } from 'hono'
import { describe, expect, test } from 'vitest'
import type { AppEnv } from '../../src/serverContext'
import { studioRoute } from '../../src/studio/studioRoute'

function studioApp({ enabled = true } = {}) {
  const app = new Hono<AppEnv>()
  studioRoute(app, { adminTokens: new Map(enabled ? [['admin', 'studio-token-0123456789']] : []) })
  return app
}

const get = (app: Hono<AppEnv>, path: string, headers: Record<string, string> = {}) =>
  app.request(`http://studio.test${path}`, { headers })

describe('GET /admin/studio', () => {
  test('serves the studio in server mode under a policy with its own script and a nonce', async () => {
    const response = await get(studioApp(), '/admin/studio', { 'accept-language': 'de-DE' })
    expect(response.status).toBe(200)
    const policy = response.headers.get('content-security-policy') ?? ''
    expect(policy).toContain("script-src 'self'")
    expect(policy).toMatch(/style-src 'self' 'nonce-[A-Za-z0-9+/=]+'/)
    expect(policy).not.toContain('unsafe-inline')
    expect(response.headers.get('cache-control')).toBe('no-store')
    const page = await response.text()
    expect(page).toContain('"mode":"server"')
    expect(page).toContain('"locale":"de"')
    expect(page).toContain('src="/admin/studio/studio.js"')
    // The page holds no token and no config: it asks for the token, then reads the admin API.
    expect(page).not.toContain('studio-token')
  })

  test('without an admin token it says how to switch the studio on', async () => {
    const response = await get(studioApp({ enabled: false }), '/admin/studio?lang=en')
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('TRICKLE_ADMIN_TOKEN')
  })

  test('serves the prebuilt script and stylesheet', async () => {
    const app = studioApp()
    const script = await get(app, '/admin/studio/studio.js')
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toContain('text/javascript')
    expect((await script.text()).length).toBeGreaterThan(100_000)
    const style = await get(app, '/admin/studio/studio.css')
    expect(style.headers.get('content-type')).toContain('text/css')
  }, 180_000)
})
