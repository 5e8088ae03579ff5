import { describeUnexpected } from '../apiError'
import type { ServerContext } from '../serverContext'
import { backfillAddressIndex } from './addressIndex'

export interface AddressIndexBackfill {
  /** Resolves once the index is complete; after a failed backfill, tries again. */
  ready(): Promise<void>
  /** Resolves when no backfill is running (for close). */
  idle(): Promise<void>
}

/**
 * Starts indexing the addresses stored before the address index existed, at once and in the
 * background; the desk's lookups wait for it (`ready`). A failure is logged without values and
 * retried by the next lookup.
 */
export function addressIndexBackfill(
  ctx: Pick<ServerContext, 'database' | 'config' | 'signer' | 'log'>,
): AddressIndexBackfill {
  let running: Promise<void> | undefined
  let done = false
  const start = (): Promise<void> => {
    running = backfillAddressIndex(ctx.database.db, ctx).then(
      (indexed) => {
        done = true
        if (indexed > 0) {
          ctx.log(
            `[trickle] address index: ${indexed} stored addresses indexed for the privacy desk`,
          )
        }
      },
      (error: unknown) => {
        ctx.log(`[trickle] address index backfill failed: ${describeUnexpected(error)}`)
        throw error
      },
    )
    return running
  }
  const first = start()
  // A failure is reported by `ready`; the background start must not crash the process.
  first.catch(() => undefined)
  return {
    ready: () => (done ? Promise.resolve() : (running ?? start()).catch(() => start())),
    idle: () => (running ?? Promise.resolve()).catch(() => undefined),
  }
}
