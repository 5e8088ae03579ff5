import { sql } from 'drizzle-orm'
import { expect, it } from 'vitest'
import type { AuditEntry } from '../../src/privacy/auditLog'
import { firstVisit } from '../support/fixtures'
import { describeDatabases, query, useServer } from '../support/testServer'
import { desk } from './support'

describeDatabases('privacy desk: the audit log', (kind) => {
  const t = useServer(kind, {
    adminToken: undefined,
    adminTokens: { dpo: 'dpo-token-for-tests-0001', ops: 'ops-token-for-tests-0002' },
  })
  const dpo = desk(t, 'dpo-token-for-tests-0001')
  const ops = desk(t, 'ops-token-for-tests-0002')

  it('appends an entry for every desk action with actor, action and address hash, newest first', async () => {
    expect(
      (await t.browser().post('/v1/submissions', firstVisit('audit@example.com'))).status,
    ).toBe(201)
    const email = 'email=audit%40example.com'
    expect((await dpo('GET', `/people?${email}`)).status).toBe(200)
    expect((await dpo('GET', '/people?email=nobody%40example.com')).status).toBe(200)
    expect((await ops('GET', `/people/export?${email}`)).status).toBe(200)
    expect((await ops('GET', `/people/proof?${email}&purpose=newsletter`)).status).toBe(200)
    expect((await dpo('POST', `/people/withdraw?${email}&purpose=sales`)).status).toBe(200)
    expect((await dpo('POST', '/retention?apply=false')).status).toBe(200)
    expect((await dpo('GET', '/people?email=broken')).status).toBe(422)
    expect((await dpo('DELETE', '/people?email=unknown%40example.com')).status).toBe(200)
    expect((await dpo('DELETE', `/people?${email}`)).status).toBe(200)

    const response = await dpo('GET', '/audit?limit=20')
    expect(response.status).toBe(200)
    const { entries } = (await response.json()) as { entries: AuditEntry[] }
    expect(entries.map((e) => [e.actor, e.action])).toEqual([
      ['dpo', 'erase'],
      ['dpo', 'erase'],
      ['dpo', 'find'],
      ['dpo', 'retention'],
      ['dpo', 'withdraw'],
      ['ops', 'proof'],
      ['ops', 'export'],
      ['dpo', 'find'],
      ['dpo', 'find'],
    ])
    const hash = entries.at(-1)!.addressHash
    expect(hash).toMatch(/^[A-Za-z0-9_-]{43}$/)
    expect(entries[0]).toMatchObject({ addressHash: hash, detail: { profiles: 1 } })
    expect(entries[1]).toMatchObject({ detail: { profiles: 0 } })
    expect(entries[1]!.addressHash).not.toBe(hash)
    expect(entries[2]).toMatchObject({ addressHash: null, detail: { refused: 'invalid-email' } })
    expect(entries[3]).toMatchObject({ addressHash: null, detail: { dryRun: true } })
    expect(entries[4]).toMatchObject({ purposeId: 'sales', addressHash: hash })
    expect(entries.at(-2)).toMatchObject({ detail: { profiles: 0 } })
    expect(JSON.stringify(entries)).not.toContain('audit@example.com')

    const older = (await (await dpo('GET', `/audit?limit=2&before=${entries[6]!.seq}`)).json()) as {
      entries: AuditEntry[]
    }
    expect(older.entries.map((e) => e.seq)).toEqual([entries[7]!.seq, entries[8]!.seq])
  })

  it('is append-only: the database refuses to change or delete an entry', async () => {
    await expect(
      query(t.database, sql`update audit_events set actor = 'someone-else'`),
    ).rejects.toThrow()
    await expect(query(t.database, sql`delete from audit_events`)).rejects.toThrow()
    const rows = await query<{ n: number }>(
      t.database,
      sql`select count(*)::int as n from audit_events where actor = 'someone-else'`,
    )
    expect(Number(rows[0]!.n)).toBe(0)
  })
})
