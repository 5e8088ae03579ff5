import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { migrationsFolder, openDatabase } from '../src/openDatabase'
import { fieldValues, visitors } from '../src/schema'
import { createDatabase } from './support/postgres'
import { describeDatabases, query, useServer } from './support/testServer'

const root = mkdtempSync(join(tmpdir(), 'trickle-db-'))
/** Every committed migration (drizzle-kit's journal) runs once. */
const migrationCount = (
  JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as {
    entries: unknown[]
  }
).entries.length
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('openDatabase with PGlite in a data folder', () => {
  it('creates the tables on first start and keeps the data across restarts', async () => {
    const dataDir = join(root, 'embedded')
    const first = await openDatabase({ dataDir })
    expect(first.kind).toBe('pglite')
    expect(first.dataDir).toBe(dataDir)
    await first.db.insert(visitors).values({ id: 'v1', createdAt: new Date() })
    await first.close()

    const second = await openDatabase({ dataDir })
    const rows = await second.db.select({ id: visitors.id }).from(visitors)
    expect(rows).toEqual([{ id: 'v1' }])
    const migrations = await query<{ n: number }>(
      second,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    )
    expect(Number(migrations[0]!.n)).toBe(migrationCount)
    await second.close()
  })
})

const postgres = inject('postgres')

describe.skipIf('skipped' in postgres)(
  `openDatabase with PostgreSQL${'skipped' in postgres ? ` (SKIPPED: ${postgres.skipped})` : ''}`,
  () => {
    it('migrates once when several instances start at the same time (advisory lock)', async () => {
      const url = await createDatabase((postgres as { url: string }).url)
      const instances = await Promise.all(
        Array.from({ length: 4 }, () => openDatabase({ url, poolSize: 2 })),
      )
      try {
        expect(instances.map((db) => db.kind)).toEqual([
          'postgres',
          'postgres',
          'postgres',
          'postgres',
        ])
        const migrations = await query<{ n: number }>(
          instances[0]!,
          sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
        )
        expect(Number(migrations[0]!.n)).toBe(migrationCount)
      } finally {
        await Promise.all(instances.map((db) => db.close()))
      }
    })

    it('says what failed when the server cannot be reached', async () => {
      await expect(
        openDatabase({ url: 'postgres://postgres@127.0.0.1:1/nothing' }),
      ).rejects.toThrow(/Could not prepare the PostgreSQL database/)
    })
  },
)

describeDatabases('stored values', (kind) => {
  const t = useServer(kind)

  it('come back with their JSON type (the text "123" stays a text)', async () => {
    const values = [
      '123',
      'true',
      'null',
      '"quoted"',
      '',
      42,
      0,
      false,
      ['a', 'b'],
      ['1'],
      'ünïcödé ✓',
    ]
    await t.database.db.insert(visitors).values({ id: 'types', createdAt: new Date() })
    await t.database.db.insert(fieldValues).values(
      values.map((value, i) => ({
        visitorId: 'types',
        fieldId: `f${i}`,
        value,
        collectedAt: new Date(),
        formId: 'x',
      })),
    )
    const rows = await t.database.db
      .select()
      .from(fieldValues)
      .where(sql`${fieldValues.visitorId} = 'types'`)
    const byId = Object.fromEntries(rows.map((row) => [row.fieldId, row.value]))
    expect(values.map((_, i) => byId[`f${i}`])).toEqual(values)
  })
})
