import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, expect, it } from 'vitest'
import { firstVisit, parsed } from './support/fixtures'
import { describeDatabases, query, useServer } from './support/testServer'

const visitorOf = (cookie: string | undefined) => cookie?.split('.')[0] ?? ''

/** A form that asks the same on every visit, so a submission fits any state of the profile. */
const config = parsed({
  version: 1,
  purposes: [{ id: 'delivery', basis: 'contract', label: 'Sending you the download' }],
  fields: [{ id: 'email', type: 'email', label: 'E-mail', purposes: ['delivery'] }],
  forms: [{ id: 'download', always: ['email'], sequence: [] }],
})
const submission = (email: string) => ({
  formId: 'download',
  idempotencyKey: crypto.randomUUID(),
  values: { email },
})

describeDatabases('erasure racing a submission', (kind) => {
  // Enough connections that the erasure and the submission really run at the same time.
  const t = useServer(kind, { config }, { poolSize: 10 })
  const pairs = 100

  it(`lets the erasure win over a submission sent at the same moment (${pairs} pairs): 201 then erased, or 410 profile-erased, never a 5xx`, async () => {
    const outcomes = new Map<string, number>()
    const erased: string[] = []
    for (let pair = 0; pair < pairs; pair++) {
      const tab = t.browser()
      const email = `race${pair}@example.com`
      expect((await tab.post('/v1/submissions', submission(email))).status).toBe(201)
      erased.push(visitorOf(tab.cookie))
      // A second tab of the same browser: same cookie, its own request.
      const other = t.browser()
      other.cookie = tab.cookie
      // One of the two starts 0 to 4 ms later, so the pairs meet at every step of each other.
      const later = <T>(delayed: boolean, send: () => Promise<T>) =>
        delayed ? new Promise((resolve) => setTimeout(resolve, pair % 5)).then(send) : send()
      const [erasure, sent] = await Promise.all([
        later(pair % 2 === 0, () => tab.delete('/v1/me')),
        later(pair % 2 === 1, () => other.post('/v1/submissions', submission(email))),
      ])
      const text = await sent.text()
      expect(erasure.status, await erasure.text()).toBe(200)
      expect([201, 410], text).toContain(sent.status)
      if (sent.status === 410) {
        expect((JSON.parse(text) as { error: string }).error).toBe('profile-erased')
        // The browser forgets the erased visitor: sending again starts a new profile.
        expect(other.cookie).toBeUndefined()
      }
      outcomes.set(String(sent.status), (outcomes.get(String(sent.status)) ?? 0) + 1)
    }
    expect(t.logs.filter((line) => line.includes(' 500 '))).toEqual([])
    // Nothing of an erased visitor is left, whichever came first.
    const ids = sql.join(
      erased.map((id) => sql`${id}`),
      sql`, `,
    )
    for (const table of ['visitors', 'field_values', 'consent_events']) {
      const column = table === 'visitors' ? 'id' : 'visitor_id'
      const [row] = await query<{ n: number }>(
        t.database,
        sql`select count(*)::int as n from ${sql.raw(table)} where ${sql.raw(column)} in (${ids})`,
      )
      expect(Number(row?.n), table).toBe(0)
    }
    const [linked] = await query<{ n: number }>(
      t.database,
      sql`select count(*)::int as n from submissions where visitor_id in (${ids})`,
    )
    expect(Number(linked?.n)).toBe(0)
    // One erasure per pair; a submission that won was counted and then unlinked.
    const [counts] = await query<{ erasures: number; submissions: number }>(
      t.database,
      sql`select (select count(*)::int from erasures) as erasures,
        (select count(*)::int from submissions where visitor_id is null) as submissions`,
    )
    expect(Number(counts?.erasures)).toBe(pairs)
    expect(Number(counts?.submissions)).toBe(pairs + (outcomes.get('201') ?? 0))
    if (process.env.TRICKLE_TEST_VERBOSE) console.log(kind.name, Object.fromEntries(outcomes))
  }, 120_000)

  it('refuses a submission that arrives with the cookie of a visitor erased before (410), and starts anew without it', async () => {
    const tab = t.browser()
    expect((await tab.post('/v1/submissions', submission('late@example.com'))).status).toBe(201)
    const id = visitorOf(tab.cookie)
    const other = t.browser()
    other.cookie = tab.cookie
    expect((await tab.delete('/v1/me')).status).toBe(200)
    const late = await other.post('/v1/submissions', submission('late@example.com'))
    expect(late.status).toBe(410)
    expect((await late.json()) as { error: string }).toMatchObject({ error: 'profile-erased' })
    expect(other.cookie).toBeUndefined()
    const [left] = await query<{ n: number }>(
      t.database,
      sql`select count(*)::int as n from visitors where id = ${id}`,
    )
    expect(Number(left?.n)).toBe(0)
    // Sent again (now without the cookie), it is a new visitor with a new id.
    expect((await other.post('/v1/submissions', submission('late@example.com'))).status).toBe(201)
    expect(visitorOf(other.cookie)).not.toBe(id)
  })
})

const assetsDir = mkdtempSync(join(tmpdir(), 'trickle-erasure-'))
writeFileSync(join(assetsDir, 'whitepaper.pdf'), '%PDF-1.4 erasure\n')
afterAll(() => rmSync(assetsDir, { recursive: true, force: true }))

describeDatabases('erasure racing a download', (kind) => {
  const t = useServer(kind, { assetsDir }, { poolSize: 10 })
  const pairs = 100

  it(`delivers the file and keeps the count, never linked to the erased visitor (${pairs} pairs), never a 5xx`, async () => {
    const erased: string[] = []
    for (let pair = 0; pair < pairs; pair++) {
      const tab = t.browser()
      const signedUp = await tab.post('/v1/submissions', firstVisit(`file${pair}@example.com`))
      const { download } = (await signedUp.json()) as { download: { url: string } }
      erased.push(visitorOf(tab.cookie))
      const other = t.browser()
      other.cookie = tab.cookie
      const later = <T>(delayed: boolean, send: () => Promise<T>) =>
        delayed ? new Promise((resolve) => setTimeout(resolve, pair % 5)).then(send) : send()
      const [erasure, file] = await Promise.all([
        later(pair % 2 === 0, () => tab.delete('/v1/me')),
        later(pair % 2 === 1, () => other.get(download.url)),
      ])
      expect(erasure.status).toBe(200)
      expect(file.status, await file.text()).toBe(200)
    }
    expect(t.logs.filter((line) => line.includes(' 500 '))).toEqual([])
    const ids = sql.join(
      erased.map((id) => sql`${id}`),
      sql`, `,
    )
    const [counts] = await query<{ all: number; linked: number }>(
      t.database,
      sql`select count(*)::int as all, (count(*) filter (where visitor_id in (${ids})))::int as linked
        from downloads`,
    )
    expect(Number(counts?.all)).toBe(pairs)
    expect(Number(counts?.linked)).toBe(0)
  }, 120_000)
})
