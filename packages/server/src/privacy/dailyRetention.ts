import { describeUnexpected } from '../apiError'
import type { ServerContext } from '../serverContext'
import { runRetention } from './retention'

const dayMs = 24 * 60 * 60 * 1000
const defaultCheckIntervalMs = 60 * 60 * 1000

/**
 * The retention run once at start and then once a day, judged by the server clock (`now`), so
 * a test that moves the clock moves the schedule. Audited with the actor `retention`.
 */
export function dailyRetention(
  ctx: Pick<
    ServerContext,
    'database' | 'config' | 'signer' | 'log' | 'now' | 'delivery' | 'addressIndexReady'
  >,
  checkIntervalMs = defaultCheckIntervalMs,
): { stop(): Promise<void> } {
  let lastRun: number | undefined
  let running: Promise<void> | undefined
  let stopped = false
  const tick = () => {
    if (stopped || running) return
    const now = ctx.now()
    if (lastRun !== undefined && now.getTime() - lastRun < dayMs) return
    lastRun = now.getTime()
    running = (async () => {
      await ctx.addressIndexReady?.()
      const run = await runRetention(ctx.database.db, ctx, {
        apply: true,
        now,
        actor: 'retention',
      })
      if (run.enqueued > 0) ctx.delivery?.kick()
      ctx.log(`[trickle] retention: ${run.receipts.length} profiles had values past retention`)
    })()
      .catch((error: unknown) => {
        ctx.log(`[trickle] retention run failed: ${describeUnexpected(error)}`)
      })
      .finally(() => {
        running = undefined
      })
  }
  const timer = setInterval(tick, Math.max(10, checkIntervalMs))
  timer.unref()
  tick()
  return {
    async stop() {
      stopped = true
      clearInterval(timer)
      await running
    },
  }
}
