import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  HttpTransportError,
  createTrickle,
  httpTransport,
  memoryStorage,
  sha256,
  type Submission,
  type VisitPlan,
} from '@trickle/core'
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { origin } from './support/browser'
import { firstVisit, parsed } from './support/fixtures'
import { describeDatabases, query, rowCounts, useServer } from './support/testServer'

const visitorOf = (cookie: string | undefined) => cookie?.split('.')[0] ?? ''
const fieldIds = (plan: VisitPlan) => plan.fields.map((field) => field.id)

describeDatabases('plan and submissions', (kind) => {
  const t = useServer(kind)

  it('plans a first visit without setting a cookie, then stores the answers and recognises the visitor', async () => {
    const tab = t.browser()
    const first = await tab.get('/v1/plan?form=whitepaper')
    expect(first.status).toBe(200)
    expect(first.headers.get('set-cookie')).toBeNull()
    const { plan } = (await first.json()) as { plan: VisitPlan }
    expect(fieldIds(plan)).toEqual(['email', 'firstName', 'lastName', 'company'])
    expect(plan.consents.map((c) => c.purposeId)).toEqual(['newsletter', 'sales'])

    const body = firstVisit('ada@example.com')
    const response = await tab.post('/v1/submissions', body)
    expect(response.status).toBe(201)
    const setCookie = response.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/^trickle_vid=/)
    expect(setCookie).toMatch(/HttpOnly/i)
    expect(setCookie).toMatch(/SameSite=Lax/i)
    expect(setCookie).not.toMatch(/Secure/i)
    const result = (await response.json()) as { visit: number; plan: VisitPlan; replayed: boolean }
    expect(result.visit).toBe(1)
    expect(result.replayed).toBe(false)
    expect(fieldIds(result.plan)).not.toContain('firstName')
    expect(fieldIds(result.plan)).toContain('jobRole')

    const visitorId = visitorOf(tab.cookie)
    const values = await query<{ field_id: string; value: unknown }>(
      t.database,
      sql`select field_id, value from field_values where visitor_id = ${visitorId} order by field_id`,
    )
    expect(Object.fromEntries(values.map((row) => [row.field_id, row.value]))).toEqual(body.values)

    // The next visit is planned from the server's copy: known fields are not asked again.
    const again = await tab.get('/v1/plan?form=whitepaper')
    const text = await again.text()
    const next = (JSON.parse(text) as { plan: VisitPlan }).plan
    expect(fieldIds(next)).toEqual(['email', 'jobRole', 'industry', 'companySize'])
    // No stored value ever travels back in a plan (no prefill leaks on shared devices).
    for (const value of Object.values(body.values)) expect(text).not.toContain(value)
  })

  it('keeps the proof of every consent decision: event, version, locale and the exact text by hash', async () => {
    const tab = t.browser()
    const body = {
      ...firstVisit('grace@example.com'),
      locale: 'de',
      consents: { newsletter: true, sales: false },
    }
    expect((await tab.post('/v1/submissions', body)).status).toBe(201)
    const events = await query<{
      purpose_id: string
      decision: string
      version: number
      locale: string
      text_hash: string
      form_id: string
      source: string
    }>(
      t.database,
      sql`select purpose_id, decision, version, locale, text_hash, form_id, source from consent_events
          where visitor_id = ${visitorOf(tab.cookie)} order by seq`,
    )
    expect(
      events.map((e) => [e.purpose_id, e.decision, e.version, e.locale, e.form_id, e.source]),
    ).toEqual([
      ['newsletter', 'granted', 2, 'de', 'whitepaper', 'form'],
      ['sales', 'denied', 1, 'de', 'whitepaper', 'form'],
    ])
    const purpose = t.config.purposes.find((p) => p.id === 'newsletter')!
    const germanText = (purpose.text as Record<string, string>)['de']!
    expect(events[0]!.text_hash).toBe(sha256(germanText))
    const texts = await query<{
      text: string
      locale: string
      version: number
      purpose_id: string
    }>(
      t.database,
      sql`select text, locale, version, purpose_id from consent_texts where hash = ${events[0]!.text_hash}`,
    )
    expect(texts).toEqual([
      { text: germanText, locale: 'de', version: 2, purpose_id: 'newsletter' },
    ])
  })

  describe('with one database connection', () => {
    // Table statistics are counted per connection and published when it flushes them: with one
    // connection (PGlite always; PostgreSQL through a pool of one) the test's own query flushes
    // the counts of the server's statements too.
    const single = useServer(kind, {}, { poolSize: 1 })

    it('writes a first visit without reading anything back, and each consent text once', async () => {
      const reads = async () => {
        await single.database.db.execute(sql`select pg_stat_force_next_flush()`)
        const rows = await query<{ relname: string; reads: number }>(
          single.database,
          sql`select relname, (seq_scan + coalesce(idx_scan, 0))::int as reads from pg_stat_user_tables
              where relname in ('field_values', 'consent_events', 'consent_texts', 'submissions')`,
        )
        return Object.fromEntries(rows.map((row) => [row.relname, Number(row.reads)]))
      }
      expect(
        (await single.browser().post('/v1/submissions', firstVisit('once@example.com'))).status,
      ).toBe(201)
      const before = await reads()
      for (const email of ['twice@example.com', 'thrice@example.com']) {
        expect((await single.browser().post('/v1/submissions', firstVisit(email))).status).toBe(201)
      }
      // No profile to load, no earlier submission to look up, no answer to overwrite, no text
      // to store again: only the foreign keys look up the new visitor row.
      expect(await reads()).toEqual(before)
      // The counts do move: planning for a returning visitor reads the stored profile.
      const tab = single.browser()
      expect((await tab.post('/v1/submissions', firstVisit('back@example.com'))).status).toBe(201)
      const beforeReturn = await reads()
      const plan = await tab.get('/v1/plan?form=whitepaper')
      expect(plan.status).toBe(200)
      expect(await reads()).not.toEqual(beforeReturn)
    })
  })

  it('counts a retried submission once (idempotency key)', async () => {
    const tab = t.browser()
    const body = firstVisit('retry@example.com')
    const first = await tab.post('/v1/submissions', body)
    expect(first.status).toBe(201)
    const before = await rowCounts(t.database)
    const retry = await tab.post('/v1/submissions', body)
    expect(retry.status).toBe(200)
    const [a, b] = [await first.json(), await retry.json()] as {
      submissionId: string
      replayed: boolean
    }[]
    expect(b!.submissionId).toBe(a!.submissionId)
    expect(b!.replayed).toBe(true)
    expect(await rowCounts(t.database)).toEqual(before)
  })

  it('refuses answers to fields the server does not ask, with its own plan (409), and stores nothing', async () => {
    const tab = t.browser()
    const before = await rowCounts(t.database)
    const body = firstVisit('eve@example.com')
    // jobRole is beyond this visit's three new fields: a browser cache cannot widen the plan.
    const response = await tab.post('/v1/submissions', {
      ...body,
      values: { ...body.values, jobRole: 'c-level' },
    })
    expect(response.status).toBe(409)
    const error = (await response.json()) as {
      error: string
      issues: { path: string }[]
      plan: VisitPlan
    }
    expect(error.error).toBe('plan-changed')
    expect(error.issues.map((i) => i.path)).toEqual(['/values/jobRole'])
    expect(fieldIds(error.plan)).toEqual(['email', 'firstName', 'lastName', 'company'])
    expect(tab.cookie).toBeUndefined()
    expect(await rowCounts(t.database)).toEqual(before)
  })

  it('answers a losing tab with 409 and the new plan, not a 422 naming a field it never showed', async () => {
    const tab = t.browser()
    const first = firstVisit('tabs@example.com')
    const signedUp = await tab.post('/v1/submissions', {
      ...first,
      consents: { newsletter: false, sales: true },
    })
    expect(signedUp.status).toBe(201)
    // Both tabs show this plan; tab A answers first and its job role opens the budget question.
    const shown = (
      (await (await tab.get('/v1/plan?form=whitepaper')).json()) as { plan: VisitPlan }
    ).plan
    expect(fieldIds(shown)).toEqual(['email', 'jobRole', 'industry', 'companySize'])
    const answers = (jobRole: string) => ({
      formId: 'whitepaper',
      idempotencyKey: crypto.randomUUID(),
      locale: 'en',
      values: { email: 'tabs@example.com', jobRole, industry: 'it', companySize: '50-249' },
      consents: {},
    })
    expect((await tab.post('/v1/submissions', answers('head'))).status).toBe(201)
    const before = await rowCounts(t.database)
    const late = await tab.post('/v1/submissions', answers('c-level'))
    const text = await late.text()
    expect(late.status, text).toBe(409)
    const error = JSON.parse(text) as { error: string; issues: { path: string }[]; plan: VisitPlan }
    expect(error.error).toBe('plan-changed')
    const now = ((await (await tab.get('/v1/plan?form=whitepaper')).json()) as { plan: VisitPlan })
      .plan
    expect(fieldIds(error.plan)).toEqual(fieldIds(now))
    expect(fieldIds(error.plan)).toContain('budget')
    // Every issue names an answer the tab sent, never a field it did not show.
    for (const issue of error.issues) {
      expect(fieldIds(shown).map((id) => `/values/${id}`)).toContain(issue.path)
    }
    expect(await rowCounts(t.database)).toEqual(before)
  })

  it('re-validates every answer on the server (422 with the path) and stores nothing', async () => {
    const tab = t.browser()
    const before = await rowCounts(t.database)
    const body = firstVisit('not-an-address')
    const response = await tab.post('/v1/submissions', body)
    expect(response.status).toBe(422)
    const error = (await response.json()) as {
      error: string
      message: string
      issues: { path: string }[]
    }
    expect(error.error).toBe('invalid-submission')
    expect(error.issues.map((i) => i.path)).toContain('/values/email')
    expect(error.message).toContain('/values/email')
    expect(await rowCounts(t.database)).toEqual(before)
  })

  it('rejects an unknown form or locale at its path', async () => {
    const tab = t.browser()
    const unknownForm = await tab.post('/v1/submissions', { ...firstVisit(), formId: 'webinar' })
    expect(unknownForm.status).toBe(422)
    expect(((await unknownForm.json()) as { issues: { path: string }[] }).issues[0]!.path).toBe(
      '/formId',
    )
    const unknownLocale = await tab.post('/v1/submissions', { ...firstVisit(), locale: 'fr' })
    expect(unknownLocale.status).toBe(422)
    expect(((await unknownLocale.json()) as { issues: { path: string }[] }).issues[0]!.path).toBe(
      '/locale',
    )
    const noForm = await tab.get('/v1/plan')
    expect(noForm.status).toBe(400)
    expect(((await noForm.json()) as { message: string }).message).toContain(
      'whitepaper, checklist',
    )
    expect((await tab.get('/v1/plan?form=webinar')).status).toBe(404)
  })

  it('recovers a profile with corrupt rows instead of failing', async () => {
    const tab = t.browser()
    expect((await tab.post('/v1/submissions', firstVisit('corrupt@example.com'))).status).toBe(201)
    const visitorId = visitorOf(tab.cookie)
    // A value of the wrong type, a reserved id, a field that left the config, an unknown purpose.
    await t.database.db.execute(
      sql`update field_values set value = '42'::jsonb where visitor_id = ${visitorId} and field_id = 'firstName'`,
    )
    await t.database.db
      .execute(sql`insert into field_values (visitor_id, field_id, value, collected_at, form_id)
      values (${visitorId}, '__proto__', '{"polluted": true}'::jsonb, now(), 'whitepaper'),
             (${visitorId}, 'shoeSize', '"44"'::jsonb, now(), 'whitepaper')`)
    await t.database.db
      .execute(sql`insert into consent_events (visitor_id, purpose_id, decision, version, at)
      values (${visitorId}, 'telepathy', 'granted', 1, now())`)
    t.logs.length = 0

    const plan = await tab.get('/v1/plan?form=whitepaper')
    expect(plan.status).toBe(200)
    // firstName's stored value is unusable, so it is asked again; nothing leaked into prototypes.
    expect(fieldIds(((await plan.json()) as { plan: VisitPlan }).plan)).toContain('firstName')
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
    expect(t.logs.join('\n')).toMatch(/unusable entr/)
    expect(t.logs.join('\n')).not.toContain('Ada')
    const exported = await tab.get('/v1/me/export')
    expect(exported.status).toBe(200)
  })
})

describeDatabases('two tabs of one visitor', (kind) => {
  const fieldCount = 8
  const config = parsed({
    version: 1,
    purposes: [{ id: 'delivery', basis: 'contract', label: 'Delivery' }],
    fields: [
      { id: 'email', type: 'email', label: 'E-mail', purposes: ['delivery'] },
      ...Array.from({ length: fieldCount }, (_, i) => ({
        id: `f${i}`,
        type: 'text',
        label: `Field ${i}`,
        purposes: ['delivery'],
      })),
    ],
    forms: Array.from({ length: fieldCount }, (_, i) => ({
      id: `form${i}`,
      always: ['email'],
      sequence: [`f${i}`],
      perVisit: 1,
    })),
  })
  const t = useServer(kind, { config })

  it(`loses no update when ${fieldCount} submissions of one visitor run at once`, async () => {
    const tab = t.browser()
    const start = {
      formId: 'form0',
      idempotencyKey: crypto.randomUUID(),
      values: { email: 'tabs@example.com', f0: 'zero' },
    }
    expect((await tab.post('/v1/submissions', start)).status).toBe(201)
    const responses = await Promise.all(
      Array.from({ length: fieldCount - 1 }, (_, n) => {
        const i = n + 1
        return tab.post('/v1/submissions', {
          formId: `form${i}`,
          idempotencyKey: crypto.randomUUID(),
          values: { email: 'tabs@example.com', [`f${i}`]: `value ${i}` },
        })
      }),
    )
    expect(responses.map((r) => r.status)).toEqual(Array(fieldCount - 1).fill(201))
    const visits = await Promise.all(
      responses.map(async (r) => ((await r.json()) as { visit: number }).visit),
    )
    expect([1, ...visits].sort((a, b) => a - b)).toEqual(
      Array.from({ length: fieldCount }, (_, i) => i + 1),
    )

    const exported = (await (await tab.get('/v1/me/export')).json()) as {
      fields: { id: string; value: unknown }[]
    }
    const values = Object.fromEntries(exported.fields.map((f) => [f.id, f.value]))
    expect(values).toEqual({
      email: 'tabs@example.com',
      f0: 'zero',
      ...Object.fromEntries(
        Array.from({ length: fieldCount - 1 }, (_, n) => [`f${n + 1}`, `value ${n + 1}`]),
      ),
    })
  })

  it('lets exactly one of two tabs answer the same plan; the other learns the new plan', async () => {
    const tab = t.browser()
    expect(
      (
        await tab.post('/v1/submissions', {
          formId: 'form0',
          idempotencyKey: crypto.randomUUID(),
          values: { email: 'two@example.com', f0: 'x' },
        })
      ).status,
    ).toBe(201)
    const send = (value: string) =>
      tab.post('/v1/submissions', {
        formId: 'form1',
        idempotencyKey: crypto.randomUUID(),
        values: { email: 'two@example.com', f1: value },
      })
    const [a, b] = await Promise.all([send('from tab A'), send('from tab B')])
    expect([a!.status, b!.status].sort()).toEqual([201, 409])
    const winner = a!.status === 201 ? 'from tab A' : 'from tab B'
    const exported = (await (await tab.get('/v1/me/export')).json()) as {
      fields: { id: string; value: unknown }[]
    }
    expect(exported.fields.find((f) => f.id === 'f1')?.value).toBe(winner)
  })

  it('stores a double-clicked submission (same key, at once) once', async () => {
    const tab = t.browser()
    const email = 'click@example.com'
    expect(
      (
        await tab.post('/v1/submissions', {
          formId: 'form0',
          idempotencyKey: crypto.randomUUID(),
          values: { email, f0: 'x' },
        })
      ).status,
    ).toBe(201)
    const body = {
      formId: 'form2',
      idempotencyKey: crypto.randomUUID(),
      values: { email, f2: 'y' },
    }
    const [a, b] = await Promise.all([
      tab.post('/v1/submissions', body),
      tab.post('/v1/submissions', body),
    ])
    expect([a!.status, b!.status].sort()).toEqual([200, 201])
    const rows = await query<{ n: number }>(
      t.database,
      sql`select count(*)::int as n from submissions where visitor_id = ${visitorOf(tab.cookie)} and idempotency_key = ${body.idempotencyKey}`,
    )
    expect(Number(rows[0]!.n)).toBe(1)
  })
})

describeDatabases('the core httpTransport', (kind) => {
  const assetsDir = mkdtempSync(join(tmpdir(), 'trickle-transport-'))
  writeFileSync(join(assetsDir, 'whitepaper.pdf'), '%PDF-1.4 transport\n')
  afterAll(() => rmSync(assetsDir, { recursive: true, force: true }))
  const t = useServer(kind, { assetsDir })

  describe('sending to this server', () => {
    const transportFor = (tab: ReturnType<typeof t.browser>) =>
      httpTransport({
        baseUrl: origin,
        fetch: (input, init) => tab.request(new URL(String(input)).pathname, init),
      })
    const request = (values: Record<string, unknown>) => ({
      formId: 'whitepaper',
      visitorId: 'ignored-by-the-server',
      idempotencyKey: crypto.randomUUID(),
      locale: 'en',
      values,
      consents: { newsletter: false, sales: false },
      submission: {} as Submission,
    })

    it('is stored, recognised by its cookie, and gets a working download link', async () => {
      const tab = t.browser()
      const send = transportFor(tab)
      const values = firstVisit('transport@example.com').values
      const result = await send(request(values), { signal: new AbortController().signal })
      expect(result?.downloadUrl).toMatch(new RegExp(`^${origin}/v1/assets/whitepaper\\?token=`))
      const file = await tab.get(
        new URL(result!.downloadUrl!).pathname + new URL(result!.downloadUrl!).search,
      )
      expect(await file.text()).toBe('%PDF-1.4 transport\n')
      const exported = (await (await tab.get('/v1/me/export')).json()) as {
        fields: { id: string; value?: unknown }[]
      }
      expect(exported.fields.find((f) => f.id === 'company')?.value).toBe(values.company)
    })

    it('tells the slower of two tabs that the plan changed, not that its answers are wrong', async () => {
      // Two tabs of one browser (one cookie), each with its own store, show the same first plan.
      const tab = t.browser()
      const [a, b] = [0, 1].map(() =>
        createTrickle({ config: t.config, transport: transportFor(tab), storage: memoryStorage() }),
      )
      const input = {
        values: firstVisit('two-tabs@example.com').values,
        consents: { newsletter: false, sales: false },
      }
      expect((await a!.submit('whitepaper', input, { locale: 'en' })).ok).toBe(true)
      const late = await b!.submit('whitepaper', input, { locale: 'en' })
      expect(!late.ok && late.error.code).toBe('plan-changed')
      // Its errors name only answers it sent, never a field of the new plan.
      const shown = [
        ...Object.keys(input.values).map((id) => `/values/${id}`),
        ...Object.keys(input.consents).map((id) => `/consents/${id}`),
      ]
      for (const error of (!late.ok && late.error.errors) || []) expect(shown).toContain(error.path)
    })

    it('rejects with the server reason and the paths of the answers to fix', async () => {
      const send = transportFor(t.browser())
      const error = await send(request({ ...firstVisit().values, email: 'nope' }), {
        signal: new AbortController().signal,
      }).catch((cause: unknown) => cause)
      expect(error).toBeInstanceOf(HttpTransportError)
      expect((error as HttpTransportError).status).toBe(422)
      expect((error as HttpTransportError).errors.map((e) => e.path)).toContain('/values/email')
    })
  })
})
