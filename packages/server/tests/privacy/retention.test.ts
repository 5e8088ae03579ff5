import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import type { ErasureReceipt } from '../../src/privacy/erasureReceipt'
import type { RetentionRun } from '../../src/privacy/retention'
import {
  describeDatabases,
  query,
  rowCounts,
  useServer,
  type TestServer,
} from '../support/testServer'
import { acceptingReceiver, configWithWebhook, desk, settled, visitorOf } from './support'

const day = 24 * 60 * 60 * 1000

/** personalisation (first and last name, company, ...) is kept 30 days, sales 60. */
const retainingConfig = () =>
  configWithWebhook((json) => {
    const purposes = json['purposes'] as { id: string; retainDays?: number }[]
    for (const purpose of purposes) {
      if (purpose.id === 'personalisation') purpose.retainDays = 30
      if (purpose.id === 'sales') purpose.retainDays = 60
    }
    // The CRM receives the personalisation fields too, so it must hear of their erasure.
    json['destinations'] = [
      { id: 'crm', type: 'webhook', purposes: ['delivery', 'sales', 'personalisation'] },
    ]
  })

async function submitFirstVisit(t: TestServer, email: string): Promise<string> {
  const tab = t.browser()
  const response = await tab.post('/v1/submissions', {
    formId: 'whitepaper',
    idempotencyKey: crypto.randomUUID(),
    locale: 'en',
    values: { email, firstName: 'Rita', lastName: 'Tension', company: 'Keep Ltd' },
    consents: { newsletter: false, sales: true },
  })
  expect(response.status).toBe(201)
  return visitorOf(tab.cookie)
}

describeDatabases('privacy desk: retention', (kind) => {
  const receiver = acceptingReceiver()
  const t = useServer(kind, {
    config: retainingConfig(),
    destinations: {
      crm: { url: 'http://127.0.0.1:9/hook', secret: 'whsec_dGVzdA==', adapter: receiver.adapter },
    },
    delivery: { pollIntervalMs: 20 },
  })
  const admin = desk(t)

  it('lists in a dry run what is past retention without changing anything, then erases those values', async () => {
    const visitorId = await submitFirstVisit(t, 'rita@example.com')
    await settled(t, [visitorId])
    const early = (await (await admin('POST', '/retention?apply=false')).json()) as RetentionRun
    expect(early.due).toEqual([])

    t.advance(31 * day)
    const before = await rowCounts(t.database)
    const dry = await admin('POST', '/retention?apply=false')
    expect(dry.status).toBe(200)
    const planned = (await dry.json()) as RetentionRun
    expect(planned).toMatchObject({
      dryRun: true,
      due: [
        {
          purposeId: 'personalisation',
          retainDays: 30,
          fieldIds: ['firstName', 'lastName', 'company'],
          profiles: 1,
        },
      ],
      receipts: [],
    })
    expect(await rowCounts(t.database)).toEqual(before)

    const applied = (await (await admin('POST', '/retention?apply=true')).json()) as RetentionRun
    expect(applied.dryRun).toBe(false)
    expect(applied.due).toEqual(planned.due)
    expect(applied.receipts).toHaveLength(1)
    expect(applied.receipts[0]).toMatchObject({
      kind: 'retention',
      requestedBy: 'admin',
      profiles: 1,
      counts: { field_values: 3, consent_events: 0, submissions: 0, address_index: 0 },
    })
    // Not the whole profile: the e-mail serves the contract, without retention.
    const left = await query<{ field_id: string }>(
      t.database,
      sql`select field_id from field_values where visitor_id = ${visitorId} order by field_id`,
    )
    expect(left.map((row) => row.field_id)).toEqual(['email'])
    const erased = await query<{ payload: { erasedFieldIds: string[] } }>(
      t.database,
      sql`select payload from deliveries where visitor_id = ${visitorId} and type = 'profile.erased'`,
    )
    expect(erased.map((row) => row.payload.erasedFieldIds)).toEqual([
      ['company', 'firstName', 'lastName'],
    ])
    const { receipts } = (await (await admin('GET', '/erasures?limit=1')).json()) as {
      receipts: ErasureReceipt[]
    }
    expect(receipts[0]).toEqual(applied.receipts[0])
    const audit = await query<{ action: string; detail: { dryRun: boolean } }>(
      t.database,
      sql`select action, detail from audit_events where action = 'retention' order by seq`,
    )
    expect(audit.map((row) => row.detail.dryRun)).toEqual([true, true, false])
    // Nothing is due any more; sales (60 days) is not yet past.
    const again = (await (await admin('POST', '/retention?apply=true')).json()) as RetentionRun
    expect(again.receipts).toEqual([])
  })
})

describeDatabases('privacy desk: the daily retention run', (kind) => {
  const t = useServer(kind, {
    config: retainingConfig(),
    destinations: {
      crm: {
        url: 'http://127.0.0.1:9/hook',
        secret: 'whsec_dGVzdA==',
        adapter: acceptingReceiver().adapter,
      },
    },
    retention: { daily: true, checkIntervalMs: 20 },
  })

  it('runs by the server clock: a value past retention goes once a day has passed', async () => {
    const visitorId = await submitFirstVisit(t, 'daily@example.com')
    const fields = async () =>
      (
        await query<{ field_id: string }>(
          t.database,
          sql`select field_id from field_values where visitor_id = ${visitorId} order by field_id`,
        )
      ).map((row) => row.field_id)
    expect(await fields()).toEqual(['company', 'email', 'firstName', 'lastName'])
    t.advance(31 * day)
    let receipts: { requested_by: string; kind: string }[] = []
    for (let attempt = 0; attempt < 600 && receipts.length === 0; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 50))
      receipts = await query(
        t.database,
        sql`select requested_by, kind from erasures where kind = 'retention'`,
      )
    }
    expect(receipts).toEqual([{ requested_by: 'retention', kind: 'retention' }])
    expect(await fields()).toEqual(['email'])
    const audit = await query<{ actor: string }>(
      t.database,
      sql`select actor from audit_events where action = 'retention' and actor = 'retention'`,
    )
    expect(audit.length).toBeGreaterThanOrEqual(2)
  })
})

describeDatabases('privacy desk: retention of a whole profile', (kind) => {
  const t = useServer(kind, {
    config: configWithWebhook((json) => {
      for (const purpose of json['purposes'] as { id: string; retainDays?: number }[]) {
        if (purpose.id === 'delivery') purpose.retainDays = 400
        if (purpose.id === 'personalisation') purpose.retainDays = 30
      }
    }),
    destinations: {
      crm: {
        url: 'http://127.0.0.1:9/hook',
        secret: 'whsec_dGVzdA==',
        adapter: acceptingReceiver().adapter,
      },
    },
  })
  const admin = desk(t)

  it('erases the whole profile when nothing would remain, and only then', async () => {
    const visitorId = await submitFirstVisit(t, 'whole@example.com')
    t.advance(31 * day)
    const partly = (await (await admin('POST', '/retention?apply=true')).json()) as RetentionRun
    expect(partly.receipts[0]).toMatchObject({ counts: { field_values: 3, consent_events: 0 } })
    t.advance(370 * day)
    const whole = (await (await admin('POST', '/retention?apply=true')).json()) as RetentionRun
    expect(whole.due).toEqual([
      { purposeId: 'delivery', retainDays: 400, fieldIds: ['email'], profiles: 1 },
    ])
    expect(whole.receipts[0]).toMatchObject({
      kind: 'retention',
      profiles: 1,
      counts: { field_values: 1, consent_events: 2, submissions: 1, address_index: 1 },
    })
    const left = await query<{ n: number }>(
      t.database,
      sql`select count(*)::int as n from visitors where id = ${visitorId}`,
    )
    expect(Number(left[0]!.n)).toBe(0)
  })
})
