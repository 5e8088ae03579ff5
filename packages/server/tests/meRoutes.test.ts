import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { createTrickleServer } from '../src/createTrickleServer'
import { browser } from './support/browser'
import { adminToken, firstVisit, parsed, testSecret } from './support/fixtures'
import { describeDatabases, query, rowCounts, useServer } from './support/testServer'

const visitorOf = (cookie: string | undefined) => cookie?.split('.')[0] ?? ''

interface Exported {
  format: string
  fields: { id: string; value?: unknown; purposes: { id: string }[] }[]
  consentHistory: { purposeId: string; decision: string; text?: string; textHash?: string }[]
}

describeDatabases('export and erasure', (kind) => {
  const t = useServer(kind)

  it('exports values, purposes and the consent history with the texts agreed to', async () => {
    const tab = t.browser()
    const body = {
      ...firstVisit('export@example.com'),
      consents: { newsletter: true, sales: false },
    }
    expect((await tab.post('/v1/submissions', body)).status).toBe(201)
    const response = await tab.get('/v1/me/export')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-disposition')).toContain('attachment')
    expect(response.headers.get('cache-control')).toBe('no-store')
    const exported = (await response.json()) as Exported
    expect(exported.format).toBe('trickle-profile-export')
    expect(Object.fromEntries(exported.fields.map((f) => [f.id, f.value]))).toEqual(body.values)
    expect(exported.fields.find((f) => f.id === 'email')?.purposes.map((p) => p.id)).toEqual([
      'delivery',
    ])
    expect(exported.consentHistory.map((e) => [e.purposeId, e.decision])).toEqual([
      ['newsletter', 'granted'],
      ['sales', 'denied'],
    ])
    expect(exported.consentHistory[0]!.text).toMatch(
      /^Yes, I want to receive the monthly newsletter/,
    )
  })

  it('still proves a consent with the old text after the marketer changed it', async () => {
    const tab = t.browser()
    expect(
      (
        await tab.post('/v1/submissions', {
          ...firstVisit('old-text@example.com'),
          consents: { newsletter: true, sales: false },
        })
      ).status,
    ).toBe(201)
    const changed = structuredClone(t.config) as unknown as {
      purposes: { id: string; version: number; requireVersion?: number; text?: unknown }[]
    }
    const newsletter = changed.purposes.find((p) => p.id === 'newsletter')!
    newsletter.version = 3
    newsletter.requireVersion = 3
    newsletter.text = { de: 'Neuer Text.', en: 'A new text.' }
    const later = createTrickleServer({
      config: parsed(changed),
      database: t.database,
      secret: testSecret,
      rateLimit: false,
      log: () => {},
    })
    const sameBrowser = browser(later.app)
    sameBrowser.cookie = tab.cookie
    const exported = (await (await sameBrowser.get('/v1/me/export')).json()) as Exported
    const grant = exported.consentHistory.find((e) => e.purposeId === 'newsletter')!
    expect(grant.text).toMatch(/^Yes, I want to receive the monthly newsletter/)
  })

  it('erases the person, keeps anonymous counts, and records the erasure without personal data', async () => {
    const tab = t.browser()
    expect(
      (
        await tab.post('/v1/submissions', {
          ...firstVisit('erase@example.com'),
          consents: { newsletter: true, sales: false },
        })
      ).status,
    ).toBe(201)
    const visitorId = visitorOf(tab.cookie)
    const before = await rowCounts(t.database)

    const response = await tab.delete('/v1/me')
    expect(response.status).toBe(200)
    expect(((await response.json()) as { erased: unknown }).erased).toEqual({
      fields: 4,
      consentEvents: 2,
      submissions: 1,
    })
    expect(response.headers.get('set-cookie')).toMatch(/trickle_vid=;.*Max-Age=0/i)
    expect(tab.cookie).toBeUndefined()

    const after = await rowCounts(t.database)
    expect(after['field_values']).toBe(before['field_values']! - 4)
    expect(after['consent_events']).toBe(before['consent_events']! - 2)
    expect(after['visitors']).toBe(before['visitors']! - 1)
    expect(after['submissions']).toBe(before['submissions'])
    expect(after['erasures']).toBe(before['erasures']! + 1)
    const left = await query<{ n: number }>(
      t.database,
      sql`
      select (select count(*) from field_values where visitor_id = ${visitorId})
           + (select count(*) from consent_events where visitor_id = ${visitorId})
           + (select count(*) from submissions where visitor_id = ${visitorId})
           + (select count(*) from downloads where visitor_id = ${visitorId}) as n`,
    )
    expect(Number(left[0]!.n)).toBe(0)
    const erasures = await query<Record<string, unknown>>(t.database, sql`select * from erasures`)
    expect(Object.keys(erasures[0]!).sort()).toEqual([
      'address_hash',
      'at',
      'consent_events',
      'counts',
      'fields',
      'id',
      'kind',
      'profiles',
      'reason',
      'requested_by',
      'submissions',
    ])
    expect(erasures[0]).toMatchObject({ kind: 'visitor', address_hash: null, profiles: 1 })
    expect(JSON.stringify(erasures)).not.toContain(visitorId)
    expect(JSON.stringify(erasures)).not.toContain('erase@example.com')

    const report = await t.server.app.request('http://trickle.test/v1/report', {
      headers: { authorization: `Bearer ${adminToken}` },
    })
    expect(JSON.stringify(await report.json())).not.toContain('erase@example.com')
    const exported = (await (await tab.get('/v1/me/export')).json()) as Exported
    expect(exported.fields).toEqual([])
  })

  it('forgets the visitor on "Not you?" without erasing anything', async () => {
    const tab = t.browser()
    expect((await tab.post('/v1/submissions', firstVisit('shared@example.com'))).status).toBe(201)
    const cookie = tab.cookie
    const before = await rowCounts(t.database)
    const response = await tab.post('/v1/me/forget', {})
    expect(response.status).toBe(200)
    expect(tab.cookie).toBeUndefined()
    expect(await rowCounts(t.database)).toEqual(before)
    // The next person on this device is a stranger; the first visitor's data is still there.
    expect(((await (await tab.get('/v1/me/export')).json()) as Exported).fields).toEqual([])
    tab.cookie = cookie
    expect(((await (await tab.get('/v1/me/export')).json()) as Exported).fields).toHaveLength(4)
    expect((await tab.post('/v1/me/forget', { everything: true })).status).toBe(422)
  })

  it('answers an erasure request of an unknown browser without writing anything', async () => {
    const before = await rowCounts(t.database)
    const response = await t.browser().delete('/v1/me')
    expect(response.status).toBe(200)
    expect(await rowCounts(t.database)).toEqual(before)
  })
})
