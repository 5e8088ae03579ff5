import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { createTrickleServer } from '../src/createTrickleServer'
import { origin } from './support/browser'
import { firstVisit, testSecret } from './support/fixtures'
import { describeDatabases, query, useServer } from './support/testServer'

const visitorOf = (cookie: string | undefined) => cookie?.split('.')[0] ?? ''
const day = 24 * 60 * 60 * 1000

describeDatabases('double opt-in', (kind) => {
  const t = useServer(kind)

  const subscribe = async (email: string, locale = 'en') => {
    const tab = t.browser()
    const sent = t.mailer.sent.length
    const response = await tab.post('/v1/submissions', {
      ...firstVisit(email),
      locale,
      consents: { newsletter: true, sales: false },
    })
    expect(response.status).toBe(201)
    expect(((await response.json()) as { pending: string[] }).pending).toEqual(['newsletter'])
    expect(t.mailer.sent).toHaveLength(sent + 1)
    const mail = t.mailer.sent.at(-1)!
    return { tab, mail, link: mail.confirmUrl.slice(origin.length) }
  }
  const stateOf = async (tab: ReturnType<typeof t.browser>) => {
    const exported = (await (await tab.get('/v1/me/export')).json()) as {
      consentStates: { purposeId: string; state: string }[]
    }
    return exported.consentStates.find((s) => s.purposeId === 'newsletter')?.state
  }

  const confirmedRows = async (tab: ReturnType<typeof t.browser>) =>
    query<{ decision: string; source: string }>(
      t.database,
      sql`select decision, source from consent_events where visitor_id = ${visitorOf(tab.cookie)} and purpose_id = 'newsletter' order by seq`,
    )
  /** What a person's browser does on the page: sends its form (the hidden token) to its action. */
  const press = async (page: string) => {
    const action = /<form method="post" action="([^"]*)">/.exec(page)?.[1]
    const token = /<input type="hidden" name="token" value="([^"]*)"\s*\/?>/.exec(page)?.[1]
    expect(action, 'the page has a form').toBeDefined()
    expect(token, 'the form carries the token').toBeDefined()
    return postToken(token!, new URL(action!, `${origin}/v1/doi/confirm`).pathname)
  }
  const postToken = (token: string, path = '/v1/doi/confirm') =>
    t.browser().request(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin },
      body: new URLSearchParams({ token }).toString(),
    })
  const tokenOf = (link: string) => new URL(link, origin).searchParams.get('token') ?? ''

  it('mails a link to a confirmation page; only its button records the confirmation', async () => {
    const { tab, mail, link } = await subscribe('doi@example.com', 'de')
    expect(mail).toMatchObject({
      to: 'doi@example.com',
      locale: 'de',
      purposeId: 'newsletter',
      purposeLabel: 'Newsletter',
    })
    expect(mail.consentText).toMatch(/^Ja, ich möchte den monatlichen Newsletter/)
    expect(mail.confirmUrl.startsWith(`${origin}/v1/doi/confirm?token=`)).toBe(true)
    expect(await stateOf(tab)).toBe('pending')

    const opened = await t.browser().get(link)
    expect(opened.status).toBe(200)
    expect(opened.headers.get('content-type')).toContain('text/html')
    // The button's POST must carry the page's origin, and no other site may frame the button.
    expect(opened.headers.get('referrer-policy')).toBe('same-origin')
    expect(opened.headers.get('content-security-policy')).toContain("form-action 'self'")
    expect(opened.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    const page = await opened.text()
    expect(page).toContain('<html lang="de">')
    expect(page).toContain('<h1>Einwilligung bestätigen</h1>')
    expect(page).toContain('Ja, ich möchte den monatlichen Newsletter')
    expect(page).toMatch(/<button type="submit">\s*Einwilligung bestätigen\s*<\/button>/)
    expect(page).not.toContain('<script')
    expect(await stateOf(tab)).toBe('pending')
    expect(await confirmedRows(tab)).toEqual([{ decision: 'granted', source: 'form' }])

    const confirmed = await press(page)
    expect(confirmed.status).toBe(200)
    expect(await confirmed.text()).toContain('Ihre Einwilligung ist bestätigt')
    expect(await stateOf(tab)).toBe('granted')
    const recorded = [
      { decision: 'granted', source: 'form' },
      { decision: 'confirmed', source: 'double-opt-in' },
    ]
    expect(await confirmedRows(tab)).toEqual(recorded)

    const replayed = await press(page)
    expect(replayed.status).toBe(200)
    expect(await replayed.text()).toContain('Bereits bestätigt')
    const reopened = await t.browser().get(link)
    expect(reopened.status).toBe(200)
    const reopenedPage = await reopened.text()
    expect(reopenedPage).toContain('Bereits bestätigt')
    expect(reopenedPage).not.toContain('<form')
    expect(await confirmedRows(tab)).toEqual(recorded)
  })

  it('confirms nothing when the link is only fetched (mail scanners, link previews)', async () => {
    const { tab, link } = await subscribe('doi-scanned@example.com')
    for (const headers of [{}, { 'accept-language': 'de' }, { accept: '*/*' }]) {
      expect((await t.browser().get(link, headers)).status).toBe(200)
    }
    expect((await t.browser().request(link, { method: 'HEAD' })).status).toBe(200)
    expect(await stateOf(tab)).toBe('pending')
    expect(await confirmedRows(tab)).toEqual([{ decision: 'granted', source: 'form' }])

    // A double click sends the form twice at once: one confirmation is recorded.
    const [a, b] = await Promise.all([postToken(tokenOf(link)), postToken(tokenOf(link))])
    expect([a!.status, b!.status]).toEqual([200, 200])
    expect(await stateOf(tab)).toBe('granted')
    expect(await confirmedRows(tab)).toEqual([
      { decision: 'granted', source: 'form' },
      { decision: 'confirmed', source: 'double-opt-in' },
    ])
  })

  it('refuses a damaged, an expired, or an outdated link, on the page and on the button', async () => {
    const { tab, link } = await subscribe('doi-bad@example.com')
    const damaged = link.replace(/.{3}$/, 'AAA')
    expect((await t.browser().get(damaged)).status).toBe(400)
    const damagedPost = await postToken(tokenOf(damaged))
    expect(damagedPost.status).toBe(400)
    expect(await damagedPost.text()).toContain('damaged')
    expect((await t.browser().get('/v1/doi/confirm')).status).toBe(400)
    const empty = await t.browser().request('/v1/doi/confirm', {
      method: 'POST',
      headers: { origin },
    })
    expect(empty.status).toBe(400)

    t.advance(8 * day)
    try {
      const expired = await t.browser().get(link)
      expect(expired.status).toBe(410)
      expect(await expired.text()).toContain('expired')
      const expiredPost = await postToken(tokenOf(link))
      expect(expiredPost.status).toBe(410)
      expect(await expiredPost.text()).toContain('expired')
    } finally {
      t.advance(-8 * day)
    }
    expect(await stateOf(tab)).toBe('pending')

    expect((await tab.post('/v1/consents/newsletter/withdraw')).status).toBe(200)
    expect((await t.browser().get(link)).status).toBe(410)
    const withdrawn = await postToken(tokenOf(link))
    expect(withdrawn.status).toBe(410)
    expect(await withdrawn.text()).toContain('withdrawn')
    expect(await stateOf(tab)).toBe('withdrawn')
  })

  it('does not confirm for a visitor who was erased meanwhile', async () => {
    const { tab, link } = await subscribe('doi-erased@example.com')
    expect((await tab.delete('/v1/me')).status).toBe(200)
    expect((await t.browser().get(link)).status).toBe(410)
    expect((await postToken(tokenOf(link))).status).toBe(410)
    const rows = await query<{ n: number }>(
      t.database,
      sql`select count(*)::int as n from visitors where id = ${visitorOf(link)}`,
    )
    expect(Number(rows[0]!.n)).toBe(0)
  })

  it("answers in the consent's language, else in the browser's (German or English)", async () => {
    const { link } = await subscribe('doi-language@example.com', 'en')
    const english = await (await t.browser().get(link, { 'accept-language': 'de' })).text()
    expect(english).toContain('<html lang="en">')
    expect(english).toContain('<h1>Confirm your consent</h1>')

    const broken = '/v1/doi/confirm?token=broken'
    const pageIn = async (acceptLanguage?: string) =>
      (
        await t.browser().get(broken, acceptLanguage ? { 'accept-language': acceptLanguage } : {})
      ).text()
    expect(await pageIn('de-DE,de;q=0.9,en;q=0.8')).toContain('<h1>Link ungültig</h1>')
    expect(await pageIn('fr-CH, en;q=0.3, de;q=0.7')).toContain('<html lang="de">')
    expect(await pageIn('fr, en;q=0.5')).toContain('<h1>Link not valid</h1>')
    expect(await pageIn('de;q=0, en')).toContain('<html lang="en">')
    expect(await pageIn()).toContain('<html lang="en">')
  })

  it('keeps the submission when the mailer fails, and logs no address', async () => {
    const logs: string[] = []
    const failing = createTrickleServer({
      config: t.config,
      database: t.database,
      secret: testSecret,
      rateLimit: false,
      log: (line) => logs.push(line),
      mailer: {
        sendConfirmation: async () => {
          throw new Error('SMTP 550 mailbox doi-fail@example.com unavailable')
        },
      },
    })
    const response = await failing.app.request(`${origin}/v1/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        ...firstVisit('doi-fail@example.com'),
        consents: { newsletter: true, sales: false },
      }),
    })
    expect(response.status).toBe(201)
    expect(logs.join('\n')).toMatch(/confirmation mail for "newsletter" failed/)
    expect(logs.join('\n')).not.toContain('doi-fail@example.com')
  })
})
