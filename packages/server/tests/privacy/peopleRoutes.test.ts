import { sql } from 'drizzle-orm'
import { beforeAll, expect, it } from 'vitest'
import { createTrickleServer } from '../../src/createTrickleServer'
import type { ErasureReceipt } from '../../src/privacy/erasureReceipt'
import type { PeopleExport } from '../../src/privacy/exportPeople'
import type { Person } from '../../src/privacy/findPeople'
import type { Browser } from '../support/browser'
import { adminToken, parsed, testSecret } from '../support/fixtures'
import { describeDatabases, query, useServer } from '../support/testServer'
import { acceptingReceiver, configWithWebhook, desk, settled, visitorOf } from './support'

const address = 'Klaus.Mueller@Example.com'
const normalised = 'klaus.mueller@example.com'

describeDatabases('privacy desk: one person on two browsers', (kind) => {
  const receiver = acceptingReceiver()
  const t = useServer(kind, {
    config: configWithWebhook(),
    destinations: {
      crm: { url: 'http://127.0.0.1:9/hook', secret: 'whsec_dGVzdA==', adapter: receiver.adapter },
    },
    delivery: { pollIntervalMs: 20 },
  })
  const admin = desk(t)
  let laptop: Browser
  let kiosk: Browser
  let stranger: Browser
  beforeAll(() => {
    laptop = t.browser()
    kiosk = t.browser()
    stranger = t.browser()
  })

  it('finds both profiles of an address typed in another case with spaces around it', async () => {
    const first = await laptop.post('/v1/submissions', {
      formId: 'whitepaper',
      idempotencyKey: crypto.randomUUID(),
      locale: 'en',
      values: { email: address, firstName: 'Klaus', lastName: 'Müller', company: 'Example AG' },
      consents: { newsletter: true, sales: true },
    })
    expect(first.status).toBe(201)
    const second = await kiosk.post('/v1/submissions', {
      formId: 'checklist',
      idempotencyKey: crypto.randomUUID(),
      locale: 'de',
      values: { email: `  ${normalised.toUpperCase()} `, company: 'Example AG', industry: 'it' },
      consents: { newsletter: true },
    })
    expect(second.status).toBe(201)
    expect(
      (
        await stranger.post('/v1/submissions', {
          formId: 'checklist',
          idempotencyKey: crypto.randomUUID(),
          locale: 'en',
          values: { email: 'someone.else@example.com', company: 'Other', industry: 'it' },
          consents: { newsletter: false },
        })
      ).status,
    ).toBe(201)
    await settled(t, [visitorOf(laptop.cookie), visitorOf(kiosk.cookie)])

    const response = await admin(
      'GET',
      `/people?email=${encodeURIComponent(` ${normalised.toUpperCase()}  `)}`,
    )
    expect(response.status).toBe(200)
    const found = (await response.json()) as { addressHash: string; profiles: Person[] }
    expect(found.addressHash).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(found.profiles.map((p) => p.visitorId).sort()).toEqual(
      [visitorOf(laptop.cookie), visitorOf(kiosk.cookie)].sort(),
    )
    const onLaptop = found.profiles.find((p) => p.visitorId === visitorOf(laptop.cookie))!
    expect(onLaptop.fields.find((f) => f.fieldId === 'lastName')).toMatchObject({
      value: 'Müller',
      purposes: ['personalisation'],
      legalBasis: ['legitimate-interest'],
      formId: 'whitepaper',
      declined: false,
    })
    expect(onLaptop.fields.find((f) => f.fieldId === 'email')).toMatchObject({
      purposes: ['delivery'],
      legalBasis: ['contract'],
      label: expect.any(String),
      collectedAt: expect.any(String),
    })
    expect(onLaptop.consents.map((c) => [c.purposeId, c.decision])).toEqual([
      ['newsletter', 'granted'],
      ['sales', 'granted'],
    ])
    expect(onLaptop.consents[0]!.text).toMatch(/^Yes, I want to receive the monthly newsletter/)
    expect(onLaptop.consentState).toMatchObject({ newsletter: 'pending', sales: 'granted' })
    expect(onLaptop.submissions).toHaveLength(1)
    expect(onLaptop.submissions[0]).toMatchObject({ formId: 'whitepaper', visit: 1, locale: 'en' })
    const onKiosk = found.profiles.find((p) => p.visitorId === visitorOf(kiosk.cookie))!
    expect(onKiosk.submissions[0]).toMatchObject({ formId: 'checklist', locale: 'de' })
    expect(onKiosk.consents[0]!.text).toMatch(/^Ja, ich möchte den monatlichen Newsletter/)
  })

  it('names the fields in the language asked for, in the first language of the config otherwise', async () => {
    const labelOfEmail = async (query: string) => {
      const response = await admin('GET', `/people?email=${encodeURIComponent(address)}${query}`)
      expect(response.status).toBe(200)
      const { profiles } = (await response.json()) as { profiles: Person[] }
      return profiles[0]?.fields.find((f) => f.fieldId === 'email')?.label
    }
    expect(await labelOfEmail('&locale=en')).toBe('Business e-mail')
    expect(await labelOfEmail('&locale=de')).toBe('Geschäftliche E-Mail')
    expect(await labelOfEmail('')).toBe('Geschäftliche E-Mail')
  })

  it('exports both profiles with the exact consent texts, also of a version the config dropped', async () => {
    const response = await admin('GET', `/people/export?email=${encodeURIComponent(address)}`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toMatch(
      /attachment; filename="export-.{8}\.json"/,
    )
    const exported = (await response.json()) as PeopleExport
    expect(exported.profiles).toHaveLength(2)
    const texts = exported.profiles.flatMap((p) => p.consentHistory.map((e) => e.text))
    expect(texts).toContain(
      'Yes, I want to receive the monthly newsletter with expert articles by e-mail. I can withdraw this consent at any time.',
    )
    expect(texts).toContain(
      'Ja, ich möchte den monatlichen Newsletter mit Fachartikeln per E-Mail erhalten. Die Einwilligung kann ich jederzeit widerrufen.',
    )

    // The marketer moved the newsletter to version 3 with a new text: the old one comes from consent_texts.
    const changed = structuredClone(t.config) as unknown as {
      purposes: { id: string; version: number; requireVersion?: number; text?: unknown }[]
    }
    const newsletter = changed.purposes.find((p) => p.id === 'newsletter')!
    newsletter.version = 3
    newsletter.requireVersion = 3
    newsletter.text = { de: 'Neuer Text.', en: 'A new text.' }
    // A second app on the same database, without the destination (only its export is used).
    Reflect.deleteProperty(changed, 'destinations')
    const later = createTrickleServer({
      config: parsed(changed),
      database: t.database,
      secret: testSecret,
      adminToken,
      rateLimit: false,
      log: () => {},
    })
    const old = await later.app.request(
      `http://trickle.test/v1/admin/people/export?email=${encodeURIComponent(address)}`,
      { headers: { authorization: `Bearer ${adminToken}` } },
    )
    const oldTexts = ((await old.json()) as PeopleExport).profiles.flatMap((p) =>
      p.consentHistory.filter((e) => e.purposeId === 'newsletter').map((e) => e.text),
    )
    expect(oldTexts).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Yes, I want to receive the monthly newsletter/),
        expect.stringMatching(/^Ja, ich möchte den monatlichen Newsletter/),
      ]),
    )
    expect(oldTexts).toHaveLength(2)

    const page = await admin(
      'GET',
      `/people/export?email=${encodeURIComponent(address)}&format=html&locale=de`,
    )
    expect(page.status).toBe(200)
    expect(page.headers.get('content-type')).toMatch(/^text\/html/)
    expect(page.headers.get('content-security-policy')).toMatch(/default-src 'none'/)
    const html = await page.text()
    expect(html).toContain('<html lang="de">')
    expect(html).toContain('Ihre Daten')
    expect(html).toContain('Müller')
    expect(html).toContain('@media print')
    expect(html).not.toMatch(/<script|<link|src="http/)
  })

  it('erases both profiles in one go, answers a receipt without the address, and tells the destination', async () => {
    const ids = [visitorOf(laptop.cookie), visitorOf(kiosk.cookie)]
    const response = await admin(
      'DELETE',
      `/people?email=${encodeURIComponent(address)}&reason=ticket%2042`,
    )
    expect(response.status).toBe(200)
    const { receipt } = (await response.json()) as { receipt: ErasureReceipt }
    expect(receipt).toMatchObject({
      kind: 'desk',
      requestedBy: 'admin',
      reason: 'ticket 42',
      profiles: 2,
      counts: {
        field_values: 7,
        consent_events: 3,
        submissions: 2,
        downloads: 0,
        address_index: 2,
      },
    })
    expect(receipt.addressHash).toMatch(/^[A-Za-z0-9_-]{43}$/)

    const erasures = await query<Record<string, unknown>>(t.database, sql`select * from erasures`)
    const audit = await query<Record<string, unknown>>(t.database, sql`select * from audit_events`)
    for (const text of [
      JSON.stringify(receipt),
      JSON.stringify(erasures),
      JSON.stringify(audit),
      t.logs.join('\n'),
    ]) {
      expect(text.toLowerCase()).not.toContain(normalised)
      expect(text).not.toContain(address)
      expect(text).not.toContain('Müller')
    }
    const receipts = (await (await admin('GET', '/erasures')).json()) as {
      receipts: ErasureReceipt[]
    }
    expect(receipts.receipts[0]).toEqual(receipt)

    const erasedEvents = await query<{ visitor_id: string }>(
      t.database,
      sql`select visitor_id from deliveries where type = 'profile.erased' order by visitor_id`,
    )
    expect(erasedEvents.map((row) => row.visitor_id)).toEqual([...ids].sort())
    const left = await query<{ n: number }>(
      t.database,
      sql`select (select count(*) from visitors where id in (${ids[0]}, ${ids[1]}))
           + (select count(*) from address_index where visitor_id in (${ids[0]}, ${ids[1]})) as n`,
    )
    expect(Number(left[0]!.n)).toBe(0)

    const again = (await (
      await admin('GET', `/people?email=${encodeURIComponent(normalised)}`)
    ).json()) as {
      profiles: Person[]
    }
    expect(again.profiles).toEqual([])
    // The stranger is untouched.
    const other = (await (
      await admin('GET', '/people?email=someone.else%40example.com')
    ).json()) as {
      profiles: Person[]
    }
    expect(other.profiles).toHaveLength(1)
  })

  it('answers an erasure of an address nobody holds with an empty receipt, and audits it', async () => {
    const response = await admin('DELETE', '/people?email=nobody%40example.com')
    expect(response.status).toBe(200)
    const { receipt } = (await response.json()) as { receipt: ErasureReceipt }
    expect(receipt).toMatchObject({ kind: 'desk', profiles: 0 })
    const { entries } = (await (await admin('GET', '/audit?limit=1')).json()) as {
      entries: { action: string; actor: string; addressHash: string }[]
    }
    expect(entries[0]).toMatchObject({
      action: 'erase',
      actor: 'admin',
      addressHash: receipt.addressHash,
    })
  })

  it('keeps DELETE /v1/me working, with a receipt of kind visitor', async () => {
    const tab = t.browser()
    expect(
      (
        await tab.post('/v1/submissions', {
          formId: 'checklist',
          idempotencyKey: crypto.randomUUID(),
          locale: 'en',
          values: { email: 'self@example.com', company: 'Self', industry: 'it' },
          consents: { newsletter: false },
        })
      ).status,
    ).toBe(201)
    const response = await tab.delete('/v1/me')
    expect(((await response.json()) as { erased: unknown }).erased).toEqual({
      fields: 3,
      consentEvents: 1,
      submissions: 1,
    })
    const { receipts } = (await (await admin('GET', '/erasures?limit=1')).json()) as {
      receipts: ErasureReceipt[]
    }
    expect(receipts[0]).toMatchObject({
      kind: 'visitor',
      addressHash: null,
      requestedBy: 'visitor',
      profiles: 1,
      counts: { field_values: 3, consent_events: 1, submissions: 1, address_index: 1 },
    })
  })
})
