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

  it('mails a link for a pending consent and records the confirmation when it is opened', async () => {
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

    const confirmed = await t.browser().get(link)
    expect(confirmed.status).toBe(200)
    expect(confirmed.headers.get('content-type')).toContain('text/html')
    expect(await confirmed.text()).toContain('Ihre Einwilligung ist bestätigt')
    expect(await stateOf(tab)).toBe('granted')
    const events = await query<{ decision: string; source: string }>(
      t.database,
      sql`select decision, source from consent_events where visitor_id = ${visitorOf(tab.cookie)} and purpose_id = 'newsletter' order by seq`,
    )
    expect(events).toEqual([
      { decision: 'granted', source: 'form' },
      { decision: 'confirmed', source: 'double-opt-in' },
    ])

    const again = await t.browser().get(link)
    expect(again.status).toBe(200)
    expect(await again.text()).toContain('Bereits bestätigt')
  })

  it('refuses a damaged, an expired, or an outdated link', async () => {
    const { tab, link } = await subscribe('doi-bad@example.com')
    const damaged = await t.browser().get(link.replace(/.{3}$/, 'AAA'))
    expect(damaged.status).toBe(400)
    expect((await t.browser().get('/v1/doi/confirm')).status).toBe(400)

    t.advance(8 * day)
    try {
      const expired = await t.browser().get(link)
      expect(expired.status).toBe(410)
      expect(await expired.text()).toContain('expired')
    } finally {
      t.advance(-8 * day)
    }

    expect((await tab.post('/v1/consents/newsletter/withdraw')).status).toBe(200)
    const withdrawn = await t.browser().get(link)
    expect(withdrawn.status).toBe(410)
    expect(await stateOf(tab)).toBe('withdrawn')
  })

  it('does not confirm for a visitor who was erased meanwhile', async () => {
    const { tab, link } = await subscribe('doi-erased@example.com')
    expect((await tab.delete('/v1/me')).status).toBe(200)
    const response = await t.browser().get(link)
    expect(response.status).toBe(410)
    const rows = await query<{ n: number }>(
      t.database,
      sql`select count(*)::int as n from visitors where id = ${visitorOf(link)}`,
    )
    expect(Number(rows[0]!.n)).toBe(0)
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
