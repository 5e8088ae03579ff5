import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { PGlite } from '@electric-sql/pglite'
import type { TestProject } from 'vitest/node'
import { openDatabase } from '../../src/openDatabase'
import { postgresMissingReason, startPostgres, type PostgresServer } from './postgres'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared PostgreSQL test server, or why PostgreSQL tests are skipped. */
    postgres: { url: string } | { skipped: string }
    /** A migrated, empty PGlite data folder (tar): suites start from it instead of initdb. */
    pgliteTemplate: string
  }
}

let server: PostgresServer | undefined
let templateDir: string | undefined

/** Creating and migrating PGlite takes seconds; restoring this dump takes a fraction. */
async function pgliteTemplate(): Promise<string> {
  templateDir = mkdtempSync(join(tmpdir(), 'trickle-pglite-'))
  const client = await PGlite.create()
  const database = await openDatabase({ pglite: client })
  const dump = await client.dumpDataDir('none')
  await database.close()
  const file = join(templateDir, 'template.tar')
  writeFileSync(file, new Uint8Array(await dump.arrayBuffer()))
  return file
}

/**
 * Starts one PostgreSQL 15 for the whole server test run; every suite creates its own database
 * in it. Without the binaries the PostgreSQL suites are skipped with the reason, except in CI
 * (CI=true), where a missing PostgreSQL fails the run.
 */
export async function setup(project: TestProject): Promise<void> {
  project.provide('pgliteTemplate', await pgliteTemplate())
  const missing = postgresMissingReason()
  if (missing) {
    if (process.env.CI === 'true') {
      throw new Error(`CI=true, so the PostgreSQL tests must run: ${missing}`)
    }
    console.warn(`\n[server tests] PostgreSQL suites are SKIPPED: ${missing}\n`)
    project.provide('postgres', { skipped: missing })
    return
  }
  server = await startPostgres()
  project.provide('postgres', { url: server.url })
}

export async function teardown(): Promise<void> {
  await server?.stop()
  server = undefined
  if (templateDir) rmSync(templateDir, { recursive: true, force: true })
}
