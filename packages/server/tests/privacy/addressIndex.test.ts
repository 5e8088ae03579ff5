import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import { createTrickleServer } from '../../src/createTrickleServer'
import { addressHash } from '../../src/privacy/addressHash'
import type { Person } from '../../src/privacy/findPeople'
import { createSigner } from '../../src/signer'
import { adminToken, firstVisit, testSecret } from '../support/fixtures'
import { describeDatabases, query, useServer } from '../support/testServer'
import { desk, visitorOf } from './support'

const hashOf = (address: string) => addressHash(createSigner(testSecret), address)

describeDatabases('privacy desk: the address index', (kind) => {
  const t = useServer(kind)
  const admin = desk(t)
  const found = async (email: string) =>
    (
      (await (await admin('GET', `/people?email=${encodeURIComponent(email)}`)).json()) as {
        profiles: Person[]
      }
    ).profiles

  it('follows a changed address in the submit transaction: the old hash goes, the new one comes', async () => {
    const tab = t.browser()
    expect((await tab.post('/v1/submissions', firstVisit('old.address@example.com'))).status).toBe(
      201,
    )
    const visitorId = visitorOf(tab.cookie)
    const rowsOf = () =>
      query<{ address_hash: string; field_id: string }>(
        t.database,
        sql`select address_hash, field_id from address_index where visitor_id = ${visitorId}`,
      )
    expect(await rowsOf()).toEqual([
      { address_hash: hashOf('old.address@example.com'), field_id: 'email' },
    ])
    const second = await tab.post('/v1/submissions', {
      formId: 'whitepaper',
      idempotencyKey: crypto.randomUUID(),
      locale: 'en',
      values: {
        email: 'New.Address@example.com',
        jobRole: 'specialist',
        industry: 'it',
        companySize: '1-49',
      },
      consents: {},
    })
    expect(second.status).toBe(201)
    expect(await rowsOf()).toEqual([
      { address_hash: hashOf('new.address@example.com'), field_id: 'email' },
    ])
    expect(await found('old.address@example.com')).toEqual([])
    expect((await found('new.address@example.com')).map((p) => p.visitorId)).toEqual([visitorId])
    // The index holds hashes only.
    const all = await query<Record<string, unknown>>(t.database, sql`select * from address_index`)
    expect(JSON.stringify(all)).not.toContain('address@example.com')
  })

  it('indexes profiles stored before the index existed when the server starts', async () => {
    const now = new Date()
    await query(
      t.database,
      sql`insert into visitors (id, created_at, visits) values ('legacy-1', ${now}, 1), ('legacy-2', ${now}, 1), ('legacy-3', ${now}, 1)`,
    )
    await query(
      t.database,
      sql`insert into field_values (visitor_id, field_id, value, declined, collected_at, form_id) values
        ('legacy-1', 'email', ${JSON.stringify(' Legacy@Example.com')}::jsonb, false, ${now}, 'whitepaper'),
        ('legacy-2', 'email', ${JSON.stringify('legacy@example.com')}::jsonb, false, ${now}, 'checklist'),
        ('legacy-2', 'company', ${JSON.stringify('Legacy Ltd')}::jsonb, false, ${now}, 'checklist'),
        ('legacy-3', 'email', ${JSON.stringify('')}::jsonb, false, ${now}, 'checklist')`,
    )
    expect(await found('legacy@example.com')).toEqual([])
    const started = createTrickleServer({
      config: t.config,
      database: t.database,
      secret: testSecret,
      adminToken,
      rateLimit: false,
      log: () => {},
    })
    const response = await started.app.request(
      'http://trickle.test/v1/admin/people?email=legacy%40example.com',
      {
        headers: { authorization: `Bearer ${adminToken}` },
      },
    )
    const people = ((await response.json()) as { profiles: Person[] }).profiles
    expect(people.map((p) => p.visitorId)).toEqual(['legacy-1', 'legacy-2'])
    const indexed = await query<{ visitor_id: string }>(
      t.database,
      sql`select visitor_id from address_index where visitor_id like 'legacy-%' order by visitor_id`,
    )
    expect(indexed.map((row) => row.visitor_id)).toEqual(['legacy-1', 'legacy-2'])
  })

  // The planner's choice needs PostgreSQL's statistics (PGlite runs the same SQL).
  if (kind.name !== 'PostgreSQL') return
  it('looks an address up with an index scan, not a scan of the table', async () => {
    await query(
      t.database,
      sql`insert into visitors (id, created_at, visits) select 'bulk-' || i, now(), 1 from generate_series(1, 5000) i`,
    )
    await query(
      t.database,
      sql`insert into address_index (address_hash, visitor_id, field_id) select md5(i::text), 'bulk-' || i, 'email' from generate_series(1, 5000) i`,
    )
    await query(t.database, sql`analyze address_index`)
    const plan = await query<{ 'QUERY PLAN': string }>(
      t.database,
      sql`explain select distinct visitor_id from address_index where address_hash = ${hashOf('x@example.com')}`,
    )
    const text = plan.map((row) => row['QUERY PLAN']).join('\n')
    expect(text).toMatch(/Index (Only )?Scan/)
    expect(text).not.toMatch(/Seq Scan/)
  })
})
