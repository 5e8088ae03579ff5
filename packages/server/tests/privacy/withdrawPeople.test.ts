import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import type { Person } from '../../src/privacy/findPeople'
import type { WithdrawPeopleResult } from '../../src/privacy/withdrawPeople'
import { describeDatabases, query, useServer } from '../support/testServer'
import { acceptingReceiver, configWithWebhook, desk, settled, visitorOf } from './support'

describeDatabases('privacy desk: withdraw for the person on all profiles', (kind) => {
  const receiver = acceptingReceiver()
  const t = useServer(kind, {
    config: configWithWebhook(),
    destinations: {
      crm: { url: 'http://127.0.0.1:9/hook', secret: 'whsec_dGVzdA==', adapter: receiver.adapter },
    },
    delivery: { pollIntervalMs: 20 },
  })
  const admin = desk(t)

  it('records source desk on every profile, erases what only that purpose held, and tells the destination', async () => {
    const phone = t.browser()
    const desktop = t.browser()
    // First visit, then a second one that asks for the budget and phone (sales only).
    const visit = (
      tab: typeof phone,
      email: string,
      values: Record<string, unknown>,
      consents: Record<string, boolean>,
    ) =>
      tab.post('/v1/submissions', {
        formId: 'whitepaper',
        idempotencyKey: crypto.randomUUID(),
        locale: 'en',
        values: { email, ...values },
        consents,
      })
    expect(
      (
        await visit(
          phone,
          'w@example.com',
          { firstName: 'W', lastName: 'X', company: 'C' },
          { newsletter: false, sales: true },
        )
      ).status,
    ).toBe(201)
    expect(
      (
        await visit(
          phone,
          'w@example.com',
          { jobRole: 'head', industry: 'it', companySize: '1-49' },
          {},
        )
      ).status,
    ).toBe(201)
    expect(
      (await visit(phone, 'w@example.com', { budget: '<10k', phone: '+49 30 1234567' }, {})).status,
    ).toBe(201)
    expect(
      (
        await visit(
          desktop,
          'W@Example.com',
          { firstName: 'W', lastName: 'X', company: 'C' },
          { newsletter: false, sales: false },
        )
      ).status,
    ).toBe(201)
    const ids = [visitorOf(phone.cookie), visitorOf(desktop.cookie)]
    await settled(t, ids)

    const response = await admin(
      'POST',
      '/people/withdraw?email=w%40example.com&purpose=sales&reason=letter',
    )
    expect(response.status).toBe(200)
    const result = (await response.json()) as WithdrawPeopleResult
    expect(result).toEqual({
      purposeId: 'sales',
      profiles: 2,
      withdrawn: 1,
      erasedFieldIds: ['budget', 'phone'],
    })

    const rows = await query<{ visitor_id: string; decision: string; source: string }>(
      t.database,
      sql`select visitor_id, decision, source from consent_events where purpose_id = 'sales' and decision = 'withdrawn'`,
    )
    expect(rows.map((row) => row.visitor_id).sort()).toEqual([...ids].sort())
    expect(new Set(rows.map((row) => row.source))).toEqual(new Set(['desk']))

    const found = (await (await admin('GET', '/people?email=w%40example.com')).json()) as {
      profiles: Person[]
    }
    const onPhone = found.profiles.find((p) => p.visitorId === ids[0])!
    expect(onPhone.fields.map((f) => f.fieldId)).not.toContain('budget')
    expect(onPhone.fields.map((f) => f.fieldId)).not.toContain('phone')
    expect(onPhone.fields.map((f) => f.fieldId)).toContain('jobRole')
    expect(onPhone.consentState['sales']).toBe('withdrawn')

    const outbox = await query<{
      visitor_id: string
      type: string
      payload: { erasedFieldIds?: string[] }
    }>(
      t.database,
      sql`select visitor_id, type, payload from deliveries where type in ('consent.changed', 'profile.erased') order by created_at`,
    )
    expect(
      outbox
        .filter((row) => row.type === 'consent.changed')
        .map((row) => row.visitor_id)
        .sort(),
    ).toEqual([...ids].sort())
    const erased = outbox.filter((row) => row.type === 'profile.erased')
    expect(erased.map((row) => [row.visitor_id, row.payload.erasedFieldIds])).toEqual([
      [ids[0], ['budget', 'phone']],
    ])
  })

  it('refuses to withdraw a purpose that is not consent-based, naming the consent purposes', async () => {
    const response = await admin('POST', '/people/withdraw?email=w%40example.com&purpose=delivery')
    expect(response.status).toBe(422)
    const body = (await response.json()) as { error: string; message: string }
    expect(body.error).toBe('unknown-purpose')
    expect(body.message).toContain('newsletter, sales')
  })
})
