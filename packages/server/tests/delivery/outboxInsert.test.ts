import { asc } from 'drizzle-orm'
import { afterEach, expect, it } from 'vitest'
import { outboxInsert, type OutboxRow } from '../../src/delivery/enqueueDeliveries'
import type { TrickleDatabase } from '../../src/openDatabase'
import { deliveries } from '../../src/schema'
import { describeDatabases } from '../support/testServer'

describeDatabases('outboxInsert', (kind) => {
  let database: TrickleDatabase | undefined
  afterEach(async () => {
    await database?.close()
    database = undefined
  })

  it('writes every row as drizzle would, in one statement for any number of rows', async () => {
    database = await kind.open()
    const due = new Date('2026-12-06T10:00:00.123Z')
    const created = new Date('2026-12-06T09:59:59.001Z')
    const rows: OutboxRow[] = [
      {
        id: 'delivery-1',
        eventId: 'event-1',
        destinationId: 'crm',
        type: 'submission.created',
        visitorId: 'visitor-1',
        formId: 'whitepaper',
        // Text that looks like a number or JSON stays text; the cookie id travels as written.
        payload: {
          submissionId: '123',
          fieldIds: ['email', 'company'],
          consentSeqs: [1, 2],
          pageName: '{"a": 1}',
          hutk: 'a"b\\c',
        },
        status: 'pending',
        attempts: 0,
        nextAttemptAt: due,
        createdAt: created,
      },
      {
        id: 'delivery-2',
        eventId: 'event-1',
        destinationId: 'news',
        type: 'submission.created',
        visitorId: 'visitor-1',
        formId: null,
        payload: { erasedFieldIds: [] },
        status: 'pending',
        attempts: 0,
        nextAttemptAt: due,
        createdAt: created,
      },
    ]
    await database.db.execute(outboxInsert(rows))
    await database.db.execute(outboxInsert([{ ...rows[1]!, id: 'delivery-3', formId: undefined }]))
    const stored = await database.db.select().from(deliveries).orderBy(asc(deliveries.id))
    // The columns the insert leaves to their defaults.
    const unset = {
      lockedUntil: null,
      lastError: null,
      lastStatus: null,
      deliveredFields: null,
      deliveredAt: null,
    }
    expect(stored).toEqual([
      { ...rows[0], ...unset },
      { ...rows[1], ...unset },
      { ...rows[1], ...unset, id: 'delivery-3', formId: null },
    ])
  })
})
