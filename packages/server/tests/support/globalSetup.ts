import type { TestProject } from 'vitest/node'
import { postgresMissingReason, startPostgres, type PostgresServer } from './postgres'

declare module 'vitest' {
  export interface ProvidedContext {
    /** The shared PostgreSQL test server, or why PostgreSQL tests are skipped. */
    postgres: { url: string } | { skipped: string }
  }
}

let server: PostgresServer | undefined

/**
 * Starts one PostgreSQL 15 for the whole server test run; every suite creates its own database
 * in it. Without the binaries the PostgreSQL suites are skipped with the reason, except in CI
 * (CI=true), where a missing PostgreSQL fails the run.
 */
export async function setup(project: TestProject): Promise<void> {
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
}
