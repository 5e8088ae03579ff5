import { Hono } from 'hono'
import { describe, expect, test } from 'vitest'
import { deskMessages } from '../../src/privacyDesk/deskMessages'
import { deskPageRoute } from '../../src/privacyDesk/deskPageRoute'
import type { AppEnv } from '../../src/serverContext'

const token = 'desk-test-token-0123456789abcdef'

/** The desk on a small app that answers the two printable routes as the API contract says. */
function deskApp({ enabled = true } = {}) {
  const app = new Hono<AppEnv>()
  const seen: string[] = []
  deskPageRoute(app, { adminTokens: new Map(enabled ? [['admin', token]] : []) })
  for (const path of ['/v1/admin/people/export', '/v1/admin/people/proof']) {
    app.get(path, (c) => {
      seen.push(c.req.url)
      if (c.req.header('authorization') !== `Bearer ${token}`) {
        return c.json({ error: { code: 'unauthorized', message: 'Send the admin token.' } }, 401)
      }
      c.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
      return c.html(
        `<!doctype html><p>${path} for ${c.req.query('email') ?? ''} (${c.req.query('locale') ?? ''})</p>`,
      )
    })
  }
  return { app, seen }
}

const get = (app: Hono<AppEnv>, path: string, headers: Record<string, string> = {}) =>
  app.request(`http://desk.test${path}`, { headers })

describe('GET /admin/privacy', () => {
  test('serves the desk with a policy that allows only its own script and style', async () => {
    const { app } = deskApp()
    const response = await get(app, '/admin/privacy')
    expect(response.status).toBe(200)
    const policy = response.headers.get('content-security-policy') ?? ''
    expect(policy).toContain("script-src 'self'")
    expect(policy).toContain("style-src 'self'")
    expect(policy).not.toContain('unsafe-inline')
    expect(response.headers.get('cache-control')).toBe('no-store')
    const page = await response.text()
    // No inline script: the only script is the desk's own file.
    expect([...page.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual([
      '<script type="module" src="/admin/privacy/desk.js?lang=en">',
    ])
    expect(page).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i)
    expect(page).toContain('<html lang="en">')
    expect(page).toMatch(/<input\s[^>]*id="token"[^>]*type="password"/)
  })

  test('?lang=de or a German browser gets the German desk; ?lang wins over the browser', async () => {
    const { app } = deskApp()
    const byQuery = await (await get(app, '/admin/privacy?lang=de')).text()
    expect(byQuery).toContain('<html lang="de">')
    expect(byQuery).toContain(deskMessages.de.title)
    const byBrowser = await (
      await get(app, '/admin/privacy', { 'accept-language': 'de-DE,de;q=0.9,en;q=0.5' })
    ).text()
    expect(byBrowser).toContain('<html lang="de">')
    const english = await (
      await get(app, '/admin/privacy?lang=en', { 'accept-language': 'de-DE' })
    ).text()
    expect(english).toContain('<html lang="en">')
  })

  test('without an admin token it says how to switch the admin routes on', async () => {
    const { app } = deskApp({ enabled: false })
    const response = await get(app, '/admin/privacy')
    expect(response.status).toBe(404)
    const page = await response.text()
    expect(page).toContain(deskMessages.en.disabledTitle)
    expect(page).toContain('TRICKLE_ADMIN_TOKEN')
    expect(page).not.toContain('<script')
  })
})

describe('the desk script and stylesheet', () => {
  test('the script parses and carries the texts of the page language', async () => {
    const { app } = deskApp()
    for (const language of ['en', 'de'] as const) {
      const response = await get(app, `/admin/privacy/desk.js?lang=${language}`)
      expect(response.headers.get('content-type')).toMatch(/^text\/javascript/)
      const code = await response.text()
      expect(() => new Function(code)).not.toThrow()
      expect(code).toContain(JSON.stringify(deskMessages[language].tokenWrong))
    }
  })

  test('the stylesheet is served as CSS', async () => {
    const response = await get(deskApp().app, '/admin/privacy/desk.css')
    expect(response.headers.get('content-type')).toMatch(/^text\/css/)
    expect(await response.text()).toContain(':focus-visible')
  })

  test('every text exists in English and German', () => {
    expect(Object.keys(deskMessages.de).sort()).toEqual(Object.keys(deskMessages.en).sort())
    for (const [key, text] of Object.entries(deskMessages.de)) {
      expect(text, key).not.toBe('')
    }
  })
})

describe('POST /admin/privacy/open', () => {
  const form = (values: Record<string, string>) => ({
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://desk.test' },
    body: new URLSearchParams(values).toString(),
  })

  test('opens the printable proof with the token and address from the body, in the language', async () => {
    const { app, seen } = deskApp()
    const response = await app.request(
      'http://desk.test/admin/privacy/open',
      form({
        token,
        view: 'proof',
        email: 'klaus@example.com',
        purpose: 'newsletter',
        locale: 'de',
      }),
    )
    expect(response.status).toBe(200)
    expect(await response.text()).toContain('/v1/admin/people/proof for klaus@example.com (de)')
    // The API's own page, with the API's own policy, never cached.
    expect(response.headers.get('content-security-policy')).toContain("style-src 'unsafe-inline'")
    expect(response.headers.get('cache-control')).toBe('no-store')
    const asked = new URL(seen.at(-1) ?? '')
    expect(Object.fromEntries(asked.searchParams)).toEqual({
      email: 'klaus@example.com',
      purpose: 'newsletter',
      format: 'html',
      locale: 'de',
    })
  })

  test('a wrong token, an unknown view or a foreign origin is refused with a reason', async () => {
    const { app } = deskApp()
    const wrong = await app.request(
      'http://desk.test/admin/privacy/open',
      form({ token: 'nope', view: 'export', email: 'klaus@example.com' }),
    )
    expect(wrong.status).toBe(401)
    expect(await wrong.text()).toContain('Send the admin token.')
    const view = await app.request(
      'http://desk.test/admin/privacy/open',
      form({ token, view: 'sql', email: 'klaus@example.com' }),
    )
    expect(view.status).toBe(422)
    const foreign = await app.request('http://desk.test/admin/privacy/open', {
      ...form({ token, view: 'export', email: 'klaus@example.com' }),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      },
    })
    expect(foreign.status).toBe(403)
    // A page with no-referrer sends the opaque origin "null": refused, not a crash.
    const opaque = await app.request('http://desk.test/admin/privacy/open', {
      ...form({ token, view: 'export', email: 'klaus@example.com' }),
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'null' },
    })
    expect(opaque.status).toBe(403)
  })
})
