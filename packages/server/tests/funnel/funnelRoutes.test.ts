import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import type { FunnelReport, Insights } from '../../src/index'
import { adminToken } from '../support/fixtures'
import { describeDatabases, query, useServer, type TestServer } from '../support/testServer'

const site = 'http://trickle.test'

/** Sends a batch the way navigator.sendBeacon does (a text body). */
function beacon(t: TestServer, body: unknown, headers: Record<string, string> = {}) {
  return t.server.app.request(`${site}/v1/funnel`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

function admin(t: TestServer, path: string, token: string | null = adminToken) {
  return t.server.app.request(`${site}/v1/admin${path}`, {
    headers: token === null ? {} : { authorization: `Bearer ${token}` },
  })
}

type Type = 'shown' | 'started' | 'submitted' | 'left' | 'field-shown' | 'field-answered'
const event = (type: Type, fieldId?: string, extra: Record<string, unknown> = {}) => ({
  type,
  formId: 'whitepaper',
  visit: 1,
  locale: 'en',
  ...(fieldId === undefined ? {} : { fieldId }),
  ...extra,
})
const asked = ['email', 'firstName', 'lastName', 'company']

/** One visitor's session: shown, then answers `answered` fields; submits or leaves at the last. */
function session(
  answered: number,
  outcome: 'submitted' | 'left',
  extra: Record<string, unknown> = {},
) {
  const fields = asked.slice(0, answered)
  return [
    event('shown', undefined, extra),
    ...asked.map((id) => event('field-shown', id, extra)),
    ...(answered > 0 ? [event('started', undefined, extra)] : []),
    ...fields.map((id) => event('field-answered', id, extra)),
    outcome === 'submitted'
      ? event('submitted', undefined, extra)
      : event('left', fields.at(-1), extra),
  ]
}

describeDatabases('the funnel', (kind) => {
  const t = useServer(kind)
  const today = () => t.now().toISOString().slice(0, 10)

  it('counts batches as anonymous aggregates and reports them per field, visit, locale and day', async () => {
    const batches = [
      session(4, 'submitted'),
      session(4, 'submitted', { locale: 'de' }),
      session(2, 'left'),
      session(2, 'left', { visit: 2 }),
      session(1, 'left'),
      session(0, 'left').slice(0, -1), // shown, never started
    ]
    for (const batch of batches) expect((await beacon(t, { events: batch })).status).toBe(204)
    // Stored: counts by key, nothing else.
    const stored = await query<Record<string, unknown>>(
      t.database,
      sql`select * from funnel_counts`,
    )
    expect(Object.keys(stored[0] ?? {}).sort()).toEqual(
      ['count', 'day', 'field_id', 'form_id', 'locale', 'metric', 'visit'].sort(),
    )
    const response = await admin(t, `/funnel?from=${today()}&to=${today()}&form=whitepaper`)
    expect(response.status).toBe(200)
    const report = (await response.json()) as FunnelReport
    expect(report.forms.map((f) => f.formId)).toEqual(['whitepaper'])
    const [form] = report.forms
    expect(form?.totals).toEqual({ shown: 6, started: 5, submitted: 2, left: 3 })
    expect(form?.fields.slice(0, 4)).toEqual([
      { fieldId: 'email', shown: 6, answered: 5, lastTouched: 1, dropOff: 0.2 },
      { fieldId: 'firstName', shown: 6, answered: 4, lastTouched: 2, dropOff: 0.4 },
      { fieldId: 'lastName', shown: 6, answered: 2, lastTouched: 0, dropOff: 0 },
      { fieldId: 'company', shown: 6, answered: 2, lastTouched: 0, dropOff: 0 },
    ])
    expect(form?.fields.map((f) => f.fieldId)).toEqual([
      'email',
      'firstName',
      'lastName',
      'company',
      'jobRole',
      'industry',
      'companySize',
      'budget',
      'phone',
    ])
    expect(form?.visits.map((v) => [v.visit, v.started, v.left])).toEqual([
      [1, 4, 2],
      [2, 1, 1],
    ])
    expect(form?.visits[1]?.fields[1]).toMatchObject({
      fieldId: 'firstName',
      lastTouched: 1,
      dropOff: 1,
    })
    expect(form?.locales).toEqual([
      { locale: 'de', shown: 1, started: 1, submitted: 1, left: 0 },
      { locale: 'en', shown: 5, started: 4, submitted: 1, left: 3 },
    ])
    expect(form?.days).toEqual([{ day: today(), ...form?.totals }])

    // The CSV holds the same numbers.
    const csvResponse = await admin(t, `/funnel.csv?from=${today()}&to=${today()}`)
    expect(csvResponse.headers.get('content-type')).toContain('text/csv')
    expect(csvResponse.headers.get('content-disposition')).toContain('attachment')
    const [header, ...lines] = (await csvResponse.text()).trim().split('\r\n')
    expect(header).toBe('day,form,visit,locale,metric,field,count')
    const sum = (metric: string, field = '') =>
      lines
        .map((line) => line.split(','))
        .filter((cells) => cells[4] === metric && cells[5] === field)
        .reduce((total, cells) => total + Number(cells[6]), 0)
    expect(sum('started')).toBe(form?.totals.started)
    expect(sum('left', 'firstName')).toBe(2)
    expect(sum('field-answered', 'email')).toBe(5)
    expect(lines.every((line) => line.startsWith(`${today()},whitepaper,`))).toBe(true)
  })

  it('adds up batches of the same key (one upsert per batch)', async () => {
    const before = await countOf(t, 'checklist')
    const batch = { events: [event('shown', undefined, { formId: 'checklist' })] }
    await Promise.all([beacon(t, batch), beacon(t, batch), beacon(t, batch)])
    expect((await countOf(t, 'checklist')) - before).toBe(3)
  })

  it('counts visit numbers above 20 as 20 and accepts application/json', async () => {
    const response = await t.server.app.request(`${site}/v1/funnel`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        events: [event('shown', undefined, { formId: 'checklist', visit: 57 })],
      }),
    })
    expect(response.status).toBe(204)
    const rows = await query<{ visit: number }>(
      t.database,
      sql`select visit from funnel_counts where form_id = 'checklist' and visit > 1`,
    )
    expect(rows.map((r) => Number(r.visit))).toEqual([20])
  })

  it('refuses unknown forms, fields, locales and types with the reason, and any visitor id or value', async () => {
    const cases: [unknown, string, string][] = [
      [
        { events: [event('shown', undefined, { formId: 'nope' })] },
        '/events/0/formId',
        'unknown-form',
      ],
      [{ events: [event('field-shown', 'budgetx')] }, '/events/0/fieldId', 'unknown-field'],
      [{ events: [event('field-shown', 'topics')] }, '/events/0/fieldId', 'unknown-field'],
      [
        { events: [event('shown', undefined, { locale: 'fr' })] },
        '/events/0/locale',
        'unknown-locale',
      ],
      [
        { events: [event('shown'), { ...event('shown'), type: 'clicked' }] },
        '/events/1/type',
        'unknown-type',
      ],
      [{ events: [event('shown', undefined, { visit: 0 })] }, '/events/0/visit', 'invalid-visit'],
      [{ events: [event('field-answered')] }, '/events/0/fieldId', 'missing-field'],
      [
        { events: [event('shown', undefined, { visitorId: 'x' })] },
        '/events/0/visitorId',
        'unknown-property',
      ],
      [
        { events: [event('field-answered', 'email', { value: 'a@b.c' })] },
        '/events/0/value',
        'unknown-property',
      ],
    ]
    const before = await query<{ n: number }>(
      t.database,
      sql`select coalesce(sum(count), 0)::int as n from funnel_counts`,
    )
    for (const [body, path, code] of cases) {
      const response = await beacon(t, body)
      expect(response.status, JSON.stringify(body)).toBe(400)
      const answer = (await response.json()) as {
        error: string
        issues: { path: string; code: string }[]
      }
      expect(answer.error).toBe('invalid-funnel')
      expect(answer.issues[0]).toMatchObject({ path, code })
    }
    for (const body of [
      '',
      'not json',
      '[]',
      '{"events": []}',
      JSON.stringify({ events: Array(101).fill(event('shown')) }),
    ]) {
      expect((await beacon(t, body)).status, body.slice(0, 40)).toBe(400)
    }
    expect((await beacon(t, { events: [] }, { 'content-type': 'image/png' })).status).toBe(415)
    const after = await query<{ n: number }>(
      t.database,
      sql`select coalesce(sum(count), 0)::int as n from funnel_counts`,
    )
    expect(after).toEqual(before) // a refused batch counts nothing, not even its valid events
  })

  it('refuses a body over 16 KiB with 413', async () => {
    const big = JSON.stringify({ events: [event('shown')], pad: 'x'.repeat(17 * 1024) })
    const response = await beacon(t, big)
    expect(response.status).toBe(413)
    expect(((await response.json()) as { error: string }).error).toBe('body-too-large')
  })

  it('refuses bad date ranges and unknown forms in the report', async () => {
    for (const query of [
      'from=2026-02-30',
      'from=yesterday',
      'from=2026-03-02&to=2026-03-01',
      'from=2024-01-01&to=2026-01-01',
      'form=nope',
    ]) {
      const response = await admin(t, `/funnel?${query}`)
      expect(response.status, query).toBe(400)
      expect(((await response.json()) as { message: string }).message.length).toBeGreaterThan(10)
    }
    expect((await admin(t, '/funnel.csv?from=x')).status).toBe(400)
    expect((await admin(t, '/insights?to=2026-13-01')).status).toBe(400)
  })

  it('needs the admin token for the report, the CSV, the insights and the config', async () => {
    for (const path of ['/funnel', '/funnel.csv', '/insights', '/config']) {
      expect((await admin(t, path, null)).status, path).toBe(401)
      expect((await admin(t, path, 'wrong')).status, path).toBe(401)
      expect((await admin(t, path)).status, path).toBe(200)
    }
    const { config } = (await (await admin(t, '/config')).json()) as {
      config: { forms: { id: string }[] }
    }
    expect(config.forms.map((form) => form.id)).toEqual(t.config.forms.map((form) => form.id))
  })

  it('gives insights whose suggestions are permutations of each sequence', async () => {
    const insights = (await (await admin(t, '/insights')).json()) as Insights
    expect(insights.fields.map((f) => f.fieldId)).toEqual(t.config.fields.map((f) => f.id))
    expect(insights.fields.find((f) => f.fieldId === 'firstName')).toMatchObject({
      shown: 6,
      lastTouched: 2,
    })
    for (const form of t.config.forms) {
      const suggestion = insights.suggestions.find((s) => s.formId === form.id)
      expect(suggestion?.current).toEqual(form.sequence)
      expect([...(suggestion?.suggested ?? [])].sort()).toEqual([...form.sequence].sort())
    }
  })

  it('reports the double opt-in rate from the consent ledger', async () => {
    const tab = t.browser()
    const submit = await tab.post('/v1/submissions', {
      formId: 'whitepaper',
      idempotencyKey: crypto.randomUUID(),
      locale: 'en',
      values: { email: 'doi@f.example', firstName: 'D', lastName: 'O', company: 'I' },
      consents: { newsletter: true, sales: false },
    })
    expect(submit.status).toBe(201)
    const report = (await (await admin(t, '/funnel')).json()) as FunnelReport
    expect(report.doubleOptIn).toMatchObject({ requested: 1, confirmed: 0, rate: 0 })
    expect(report.doubleOptIn.days.at(-1)).toEqual({ day: today(), requested: 1, confirmed: 0 })
    expect(report.doubleOptIn.days).toHaveLength(30)
  })
})

async function countOf(t: TestServer, formId: string): Promise<number> {
  const rows = await query<{ n: number }>(
    t.database,
    sql`select coalesce(sum(count), 0)::int as n from funnel_counts where form_id = ${formId} and metric = 'shown' and visit = 1`,
  )
  return Number(rows[0]?.n ?? 0)
}

describe('the funnel rate limit', () => {
  describeDatabases('per client address', (kind) => {
    const t = useServer(kind, { rateLimit: {} })
    it('answers 429 with Retry-After past 120 batches a minute from one address', async () => {
      const statuses: number[] = []
      for (let i = 0; i < 121; i++) statuses.push((await beacon(t, '')).status)
      expect(statuses.slice(0, 120).every((status) => status === 400)).toBe(true)
      const refused = await beacon(t, '')
      expect(refused.status).toBe(429)
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0)
    }, 60_000)
  })
})
