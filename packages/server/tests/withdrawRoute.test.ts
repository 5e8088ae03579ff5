import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { parsed } from './support/fixtures'
import { describeDatabases, query, useServer } from './support/testServer'

const config = parsed({
  version: 1,
  purposes: [
    { id: 'delivery', basis: 'contract', label: 'Delivery' },
    { id: 'personalisation', basis: 'legitimate-interest', label: 'Content for you' },
    { id: 'sales', basis: 'consent', label: 'Sales', text: 'Sales may call me.' },
    { id: 'newsletter', basis: 'consent', label: 'Newsletter', text: 'Send me the newsletter.' },
  ],
  fields: [
    { id: 'email', type: 'email', label: 'E-mail', purposes: ['delivery'] },
    { id: 'phone', type: 'tel', label: 'Phone', purposes: ['sales'] },
    { id: 'company', type: 'text', label: 'Company', purposes: ['sales', 'personalisation'] },
  ],
  forms: [
    {
      id: 'demo',
      always: ['email'],
      sequence: ['phone', 'company'],
      offerConsents: ['sales', 'newsletter'],
    },
  ],
})

const visitorOf = (cookie: string | undefined) => cookie?.split('.')[0] ?? ''

describeDatabases('withdrawing a consent', (kind) => {
  const t = useServer(kind, { config })

  const signedUp = async () => {
    const tab = t.browser()
    const response = await tab.post('/v1/submissions', {
      formId: 'demo',
      idempotencyKey: crypto.randomUUID(),
      values: { email: 'ada@example.com', phone: '+49 30 1234567', company: 'Engines Ltd' },
      consents: { sales: true, newsletter: true },
    })
    expect(response.status).toBe(201)
    return tab
  }

  it('appends a withdrawn event and erases what served only that purpose', async () => {
    const tab = await signedUp()
    const response = await tab.post('/v1/consents/sales/withdraw', { formId: 'demo' })
    expect(response.status).toBe(200)
    const result = (await response.json()) as {
      state: string
      erased: string[]
      plan: { consents: unknown[] }
    }
    expect(result.state).toBe('withdrawn')
    expect(result.erased).toEqual(['phone'])
    // A withdrawn purpose is not offered again on every visit.
    expect(result.plan.consents).toEqual([])

    const fields = await query<{ field_id: string }>(
      t.database,
      sql`select field_id from field_values where visitor_id = ${visitorOf(tab.cookie)} order by field_id`,
    )
    // company also serves a legitimate interest, so it stays.
    expect(fields.map((f) => f.field_id)).toEqual(['company', 'email'])
    const events = await query<{ purpose_id: string; decision: string }>(
      t.database,
      sql`select purpose_id, decision from consent_events where visitor_id = ${visitorOf(tab.cookie)} order by seq`,
    )
    expect(events).toEqual([
      { purpose_id: 'sales', decision: 'granted' },
      { purpose_id: 'newsletter', decision: 'granted' },
      { purpose_id: 'sales', decision: 'withdrawn' },
    ])
  })

  it('keeps the ledger append-only: the database refuses to change an event', async () => {
    const tab = await signedUp()
    await expect(
      t.database.db.execute(
        sql`update consent_events set decision = 'denied' where visitor_id = ${visitorOf(tab.cookie)}`,
      ),
    ).rejects.toThrow()
  })

  it('explains what cannot be withdrawn', async () => {
    const tab = await signedUp()
    const contract = await tab.post('/v1/consents/delivery/withdraw')
    expect(contract.status).toBe(404)
    expect(((await contract.json()) as { message: string }).message).toContain('sales, newsletter')
    expect((await tab.post('/v1/consents/telepathy/withdraw')).status).toBe(404)
    expect((await tab.post('/v1/consents/__proto__/withdraw')).status).toBe(404)
    const stranger = await t.browser().post('/v1/consents/sales/withdraw')
    expect(stranger.status).toBe(404)
    expect(((await stranger.json()) as { error: string }).error).toBe('unknown-visitor')
    const extra = await tab.post('/v1/consents/sales/withdraw', { formId: 'demo', reason: 'spam' })
    expect(extra.status).toBe(422)
    expect(((await extra.json()) as { issues: { path: string }[] }).issues[0]!.path).toBe('/reason')
  })
})
