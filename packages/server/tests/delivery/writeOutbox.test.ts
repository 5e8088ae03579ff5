import { emptyProfile, type Submission } from '@trickle/core'
import { asc, eq } from 'drizzle-orm'
import { afterEach, expect, it } from 'vitest'
import { outboxWrite, writeOutbox, type OutboxRow } from '../../src/delivery/enqueueDeliveries'
import type { TrickleDatabase } from '../../src/openDatabase'
import { recordSubmission } from '../../src/profileStore'
import { deliveries, submissions, visitors } from '../../src/schema'
import { describeDatabases } from '../support/testServer'

describeDatabases('writeOutbox', (kind) => {
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
    await writeOutbox(database.db, rows)
    await writeOutbox(database.db, [{ ...rows[1]!, id: 'delivery-3', formId: undefined }])
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

  it('records a submission with its outbox rows alongside exactly as one without, again and again', async () => {
    database = await kind.open()
    const { db } = database
    const submissionOf = (visitorId: string, at: string): Submission => ({
      formId: 'whitepaper',
      visitorId,
      at,
      locale: 'de',
      fieldIds: ['email', 'company', '123'],
      values: {},
      declined: ['company'],
      consents: [
        { purposeId: 'sales', decision: 'denied', version: 1, at, locale: 'de' },
        { purposeId: 'newsletter', decision: 'granted', version: 2, at, locale: 'de' },
      ],
    })
    const record = async (visitorId: string, at: string, alongside: boolean) => {
      await db.insert(visitors).values({ id: visitorId, createdAt: new Date(at), visits: 1 })
      const stored = { profile: emptyProfile(visitorId), exists: true, created: true }
      const row: OutboxRow = {
        id: `delivery-${visitorId}`,
        eventId: `event-${visitorId}`,
        destinationId: 'crm',
        type: 'submission.created',
        visitorId,
        formId: 'whitepaper',
        payload: { submissionId: `submission-${visitorId}` },
        status: 'pending',
        attempts: 1,
        nextAttemptAt: new Date(at),
        lockedUntil: new Date('2026-12-06T10:01:00.000Z'),
        createdAt: new Date(at),
      }
      await db.transaction((tx) =>
        recordSubmission(tx, stored, submissionOf(visitorId, at), `key "${visitorId}"`, {
          id: `submission-${visitorId}`,
          alongside: alongside ? outboxWrite([row]) : undefined,
        }),
      )
      const [written] = await db
        .select()
        .from(submissions)
        .where(eq(submissions.visitorId, visitorId))
      const outbox = await db.select().from(deliveries).where(eq(deliveries.visitorId, visitorId))
      return { written, outbox, row }
    }
    const plain = await record('v0', '2026-12-06T10:00:00.123Z', false)
    expect(plain.outbox).toEqual([])
    // The statement is prepared once per connection and then reused.
    for (const visitorId of ['v1', 'v2', 'v3']) {
      const { written, outbox, row } = await record(visitorId, '2026-12-06T10:00:00.123Z', true)
      expect(written).toEqual({
        ...plain.written,
        id: `submission-${visitorId}`,
        visitorId,
        idempotencyKey: `key "${visitorId}"`,
      })
      expect(outbox).toEqual([
        { ...row, lastError: null, lastStatus: null, deliveredFields: null, deliveredAt: null },
      ])
    }
    expect(plain.written).toMatchObject({
      at: new Date('2026-12-06T10:00:00.123Z'),
      fieldIds: ['email', 'company', '123'],
      declined: ['company'],
      consents: [
        { purposeId: 'sales', decision: 'denied' },
        { purposeId: 'newsletter', decision: 'granted' },
      ],
    })
  })
})
