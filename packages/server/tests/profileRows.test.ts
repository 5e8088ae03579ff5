import { asc, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { TrickleDatabase } from '../src/openDatabase'
import { readProfileRows } from '../src/profileRows'
import { consentEvents, fieldValues, visitors } from '../src/schema'
import { describeDatabases } from './support/testServer'

describeDatabases('reading several profiles in one statement', (kind) => {
  let database: TrickleDatabase
  beforeAll(async () => {
    database = await kind.open({})
    const { db } = database
    const at = (ms: number) => new Date(Date.UTC(2026, 0, 2, 3, 4, 5, ms))
    await db
      .insert(visitors)
      .values(['v1', 'v2', 'v3', 'v4'].map((id) => ({ id, createdAt: at(0), visits: 1 })))
    await db.insert(fieldValues).values([
      {
        visitorId: 'v1',
        fieldId: 'email',
        value: 'ada@example.com',
        collectedAt: at(1),
        formId: 'a',
      },
      // The text "123" stays a string; a declined answer has no value.
      { visitorId: 'v1', fieldId: 'code', value: '123', collectedAt: at(2), formId: 'a' },
      {
        visitorId: 'v1',
        fieldId: 'phone',
        value: null,
        declined: true,
        collectedAt: at(3),
        formId: 'b',
      },
      { visitorId: 'v2', fieldId: 'topics', value: ['x', 'y'], collectedAt: at(999), formId: 'b' },
      {
        visitorId: 'v4',
        fieldId: 'email',
        value: 'other@example.com',
        collectedAt: at(4),
        formId: 'a',
      },
    ])
    await db.insert(consentEvents).values([
      {
        visitorId: 'v2',
        purposeId: 'sales',
        decision: 'grant',
        version: 1,
        at: at(5),
        formId: 'b',
        locale: 'en',
        textHash: 'h1',
        source: 'form',
      },
      {
        visitorId: 'v1',
        purposeId: 'newsletter',
        decision: 'pending',
        version: 2,
        at: at(6),
        addressHash: 'k',
        mailedAt: at(7),
      },
      { visitorId: 'v2', purposeId: 'sales', decision: 'withdraw', version: 1, at: at(8) },
      { visitorId: 'v3', purposeId: 'newsletter', decision: 'deny', version: 1, at: at(9) },
      { visitorId: 'v4', purposeId: 'newsletter', decision: 'grant', version: 1, at: at(10) },
    ])
  })
  afterAll(async () => {
    await database?.close()
  })

  it('returns the same answers and consent events as a select from each table, the events in ledger order, and nothing of other visitors', async () => {
    const { db } = database
    const ids = ['v1', 'v2', 'v3', 'gone']
    const { fieldRows, eventRows } = await readProfileRows(db, ids)
    const byKey = (a: { visitorId: string; fieldId: string }, b: typeof a) =>
      `${a.visitorId}/${a.fieldId}`.localeCompare(`${b.visitorId}/${b.fieldId}`)
    const fields = await db.select().from(fieldValues).where(inArray(fieldValues.visitorId, ids))
    expect([...fieldRows].sort(byKey)).toEqual(fields.sort(byKey))
    expect(fieldRows.find((row) => row.fieldId === 'code')?.value).toBe('123')
    const events = await db
      .select()
      .from(consentEvents)
      .where(inArray(consentEvents.visitorId, ids))
      .orderBy(asc(consentEvents.seq))
    expect(eventRows).toEqual(events)
    expect(eventRows.map((row) => row.visitorId)).toEqual(['v2', 'v1', 'v2', 'v3'])
    expect(fieldRows.find((row) => row.visitorId === 'v2')?.collectedAt.toISOString()).toBe(
      '2026-01-02T03:04:05.999Z',
    )
  })

  it('reads a visitor named twice once', async () => {
    expect(await readProfileRows(database.db, ['v1', 'v1'])).toEqual(
      await readProfileRows(database.db, ['v1']),
    )
    expect((await readProfileRows(database.db, ['v1', 'v1'])).fieldRows).toHaveLength(3)
  })

  it('reads nothing for no visitors or visitors without rows', async () => {
    expect(await readProfileRows(database.db, [])).toEqual({ fieldRows: [], eventRows: [] })
    expect(await readProfileRows(database.db, ['gone'])).toEqual({ fieldRows: [], eventRows: [] })
  })
})
