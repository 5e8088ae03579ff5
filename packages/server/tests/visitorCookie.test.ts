import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { createTrickleServer } from '../src/createTrickleServer'
import { browser } from './support/browser'
import { firstVisit } from './support/fixtures'
import { describeDatabases, query, rowCounts, useServer } from './support/testServer'

interface Exported {
  visitorId: string
  fields: { id: string; value?: unknown }[]
  consentHistory: unknown[]
}

describeDatabases('visitor recognition', (kind) => {
  const t = useServer(kind)

  const signedUp = async (email: string) => {
    const tab = t.browser()
    const body = { ...firstVisit(email), consents: { newsletter: true, sales: true } }
    expect((await tab.post('/v1/submissions', body)).status).toBe(201)
    expect(tab.cookie).toBeDefined()
    return tab
  }
  const exportOf = async (tab: ReturnType<typeof t.browser>) =>
    (await (await tab.get('/v1/me/export')).json()) as Exported

  it('rejects an altered cookie and treats the browser as a fresh anonymous visitor', async () => {
    const ada = await signedUp('ada@example.com')
    const [id, signature] = ada.cookie!.split('.')
    const mallory = t.browser()
    // Another visitor's id with a made-up signature, and the real signature on a changed id.
    for (const forged of [
      `${id}.${'A'.repeat(43)}`,
      `${id!.slice(0, -1)}${id!.endsWith('0') ? '1' : '0'}.${signature}`,
      id!,
      `${id}.`,
    ]) {
      mallory.cookie = forged
      const exported = await exportOf(mallory)
      expect(exported.fields).toEqual([])
      expect(exported.visitorId).not.toBe(id)
    }
    // A forged cookie on a submission starts a new visitor with a new cookie; Ada is untouched.
    mallory.cookie = `${id}.${'A'.repeat(43)}`
    expect((await mallory.post('/v1/submissions', firstVisit('mallory@example.com'))).status).toBe(
      201,
    )
    expect(mallory.cookie!.split('.')[0]).not.toBe(id)
    const ada2 = await exportOf(ada)
    expect(ada2.fields.find((f) => f.id === 'email')?.value).toBe('ada@example.com')
  })

  it('never lets one visitor read or change another visitor’s data', async () => {
    const ada = await signedUp('ada.isolation@example.com')
    const bob = await signedUp('bob.isolation@example.com')
    const before = await exportOf(ada)

    const bobExport = JSON.stringify(await exportOf(bob))
    expect(bobExport).not.toContain('ada.isolation@example.com')
    expect((await bob.post('/v1/consents/newsletter/withdraw')).status).toBe(200)
    expect((await bob.delete('/v1/me')).status).toBe(200)

    const after = await exportOf(ada)
    expect(after.fields).toEqual(before.fields)
    expect(after.consentHistory).toEqual(before.consentHistory)
  })

  it('does not accept a cookie signed with another secret', async () => {
    const ada = await signedUp('ada.secret@example.com')
    const other = createTrickleServer({
      config: t.config,
      database: t.database,
      secret: 'another-secret-another-secret-another-secret',
      rateLimit: false,
      log: () => {},
    })
    const stranger = browser(other.app)
    stranger.cookie = ada.cookie
    const exported = (await (await stranger.get('/v1/me/export')).json()) as Exported
    expect(exported.fields).toEqual([])
  })

  it('marks the cookie Secure over HTTPS, and behind a proxy only when told to trust it', async () => {
    const body = () => JSON.stringify(firstVisit('secure@example.com'))
    const headers = { 'content-type': 'application/json' }
    const https = await t.server.app.request('https://trickle.test/v1/submissions', {
      method: 'POST',
      headers,
      body: body(),
    })
    expect(https.headers.get('set-cookie')).toMatch(/;\s*Secure/i)

    const proxied = { ...headers, 'x-forwarded-proto': 'https' }
    const untrusted = await t.server.app.request('http://trickle.test/v1/submissions', {
      method: 'POST',
      headers: proxied,
      body: body(),
    })
    expect(untrusted.headers.get('set-cookie')).not.toMatch(/Secure/i)

    const behindProxy = createTrickleServer({
      config: t.config,
      database: t.database,
      secret: 'x'.repeat(40),
      rateLimit: false,
      trustProxy: true,
      log: () => {},
    })
    const trusted = await behindProxy.app.request('http://trickle.test/v1/submissions', {
      method: 'POST',
      headers: proxied,
      body: body(),
    })
    expect(trusted.status).toBe(201)
    expect(trusted.headers.get('set-cookie')).toMatch(/;\s*Secure/i)
  })

  it('writes no visitor row for a visitor who only looks at a plan', async () => {
    const before = await rowCounts(t.database)
    const tab = t.browser()
    expect((await tab.get('/v1/plan?form=whitepaper')).status).toBe(200)
    expect((await tab.get('/v1/me/export')).status).toBe(200)
    expect(await rowCounts(t.database)).toEqual(before)
    const visitors = await query<{ n: number }>(
      t.database,
      sql`select count(*)::int as n from visitors`,
    )
    expect(Number(visitors[0]!.n)).toBe(before['visitors'])
  })
})
