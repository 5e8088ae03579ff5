#!/usr/bin/env node
import { startServer } from './startServer'

/**
 * `trickle-server` (or `npx tsx packages/server/src/serve.ts`): starts the server from
 * environment variables and stops cleanly on SIGINT/SIGTERM. See the README for the variables.
 */
try {
  const running = await startServer()
  let stopping = false
  const stop = (signal: string) => {
    if (stopping) return
    stopping = true
    console.log(`Trickle server stopping (${signal})`)
    running.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Trickle server did not stop cleanly: ${(error as Error).message}`)
        process.exit(1)
      },
    )
  }
  process.once('SIGINT', () => stop('SIGINT'))
  process.once('SIGTERM', () => stop('SIGTERM'))
} catch (error) {
  console.error(`Trickle server could not start: ${(error as Error).message}`)
  process.exitCode = 1
}
