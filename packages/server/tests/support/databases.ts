import { readFileSync } from 'node:fs'
import { PGlite } from '@electric-sql/pglite'
import { inject } from 'vitest'
import { openDatabase, type TrickleDatabase } from '../../src/openDatabase'
import { createDatabase } from './postgres'

export interface TestDatabaseKind {
  name: 'PGlite' | 'PostgreSQL'
  /** Why this kind cannot run here (the suite is skipped and says so), or null. */
  skipped: string | null
  /** A fresh, migrated, empty database of this kind (PostgreSQL: a pool of 5 unless told). */
  open(options?: { poolSize?: number }): Promise<TrickleDatabase>
}

/** Both databases, for `describe.each`: every API test runs against PGlite and PostgreSQL. */
export function databaseKinds(): TestDatabaseKind[] {
  const postgres = inject('postgres')
  return [
    {
      name: 'PGlite',
      skipped: null,
      open: async () => {
        const template = new Blob([readFileSync(inject('pgliteTemplate'))])
        return openDatabase({ pglite: await PGlite.create({ loadDataDir: template }) })
      },
    },
    {
      name: 'PostgreSQL',
      skipped: 'skipped' in postgres ? postgres.skipped : null,
      open: async ({ poolSize = 5 } = {}) => {
        if ('skipped' in postgres) throw new Error(postgres.skipped)
        return openDatabase({ url: await createDatabase(postgres.url), poolSize })
      },
    },
  ]
}

/** The suite title: says loudly when and why a suite is skipped. */
export function suiteName(kind: TestDatabaseKind): string {
  return kind.skipped ? `${kind.name} (SKIPPED: ${kind.skipped})` : kind.name
}
