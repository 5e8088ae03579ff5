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

    // The link works as long as the consent waits for it: confirmWithinDays, 30 by default.
    t.advance(31 * day)
    try {
      const expired = await t.browser().get(link)
      expect(expired.status).toBe(410)
      expect(await expired.text()).toContain('expired')
      const expiredPost = await postToken(tokenOf(link))
      expect(expiredPost.status).toBe(410)
      expect(await expiredPost.text()).toContain('expired')
    } finally {
      t.advance(-31 * day)
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

  /** A second whitepaper visit of `tab` that types `email` (the form asks for it every visit). */
  const secondVisit = (tab: ReturnType<typeof t.browser>, email: string) =>
    tab.post('/v1/submissions', {
      formId: 'whitepaper',
      idempotencyKey: crypto.randomUUID(),
      locale: 'en',
      values: { email, jobRole: 'head', industry: 'it', companySize: '50-249' },
    })
  const pageOf = async (response: Response) => ({
    status: response.status,
    text: await response.text(),
  })

  it('confirms only the address the link was mailed to (a link to attacker@ never confirms victim@)', async () => {
    const { tab, link: attackerLink } = await subscribe('attacker@evil.example')
    const sent = t.mailer.sent.length
    // A later visit types someone else's address; the attacker still holds the first link.
    const changed = await secondVisit(tab, 'victim@example.org')
    expect(changed.status).toBe(201)
    expect(((await changed.json()) as { pending: string[] }).pending).toEqual(['newsletter'])
    expect(t.mailer.sent).toHaveLength(sent + 1)
    const toVictim = t.mailer.sent.at(-1)!
    expect(toVictim.to).toBe('victim@example.org')
    expect(await stateOf(tab)).toBe('pending')

    const page = await pageOf(await t.browser().get(attackerLink))
    expect(page.status).toBe(410)
    expect(page.text).toContain('address was changed')
    expect(page.text).not.toContain('<form')
    const pressed = await pageOf(await postToken(tokenOf(attackerLink)))
    expect(pressed.status).toBe(410)
    expect(pressed.text).toContain('address was changed')
    expect(await stateOf(tab)).toBe('pending')
    expect((await confirmedRows(tab)).map((row) => row.decision)).toEqual(['granted', 'granted'])

    // The victim's own link confirms, and the ledger keeps which address and when it was mailed.
    const victimLink = toVictim.confirmUrl.slice(origin.length)
    expect((await postToken(tokenOf(victimLink))).status).toBe(200)
    expect(await stateOf(tab)).toBe('granted')
    const [proof] = await query<{ address_hash: string | null; mailed_at: unknown }>(
      t.database,
      sql`select address_hash, mailed_at from consent_events where visitor_id = ${visitorOf(tab.cookie)} and decision = 'confirmed'`,
    )
    expect(proof?.address_hash).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(proof?.address_hash).not.toContain('victim')
    expect(new Date(proof!.mailed_at as string).getTime()).toBe(
      Date.parse(toVictim.expiresAt) - 30 * day,
    )
  })

  it('asks a confirmed consent again for a new address, but not for the same address in other case', async () => {
    const { tab, link } = await subscribe('first@example.com')
    expect((await postToken(tokenOf(link))).status).toBe(200)
    expect(await stateOf(tab)).toBe('granted')

    const sent = t.mailer.sent.length
    expect((await secondVisit(tab, ' First@Example.COM ')).status).toBe(201)
    expect(t.mailer.sent).toHaveLength(sent)
    expect(await stateOf(tab)).toBe('granted')

    const moved = await tab.post('/v1/submissions', {
      formId: 'whitepaper',
      idempotencyKey: crypto.randomUUID(),
      locale: 'en',
      values: { email: 'second@example.com' },
    })
    expect(moved.status).toBe(201)
    expect(t.mailer.sent).toHaveLength(sent + 1)
    expect(t.mailer.sent.at(-1)!.to).toBe('second@example.com')
    expect(await stateOf(tab)).toBe('pending')
    // The old link, mailed before the new grant, does not confirm the new address.
    expect((await postToken(tokenOf(link))).status).toBe(410)
    expect(await stateOf(tab)).toBe('pending')
  })

  it('lets an unconfirmed consent lapse after 30 days, so the form offers it again', async () => {
    const { tab, link } = await subscribe('doi-lapsed@example.com')
    t.advance(31 * day)
    try {
      expect(await stateOf(tab)).toBe('expired')
      expect((await postToken(tokenOf(link))).status).toBe(410)
      const plan = (await (await tab.get('/v1/plan?form=whitepaper')).json()) as {
        plan: { consents: { purposeId: string; reason: string }[] }
      }
      expect(plan.plan.consents).toContainEqual(
        expect.objectContaining({ purposeId: 'newsletter', reason: 'expired' }),
      )
    } finally {
      t.advance(-31 * day)
    }
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
