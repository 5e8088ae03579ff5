import { valuePerFriction, type ValuePerFriction } from '@trickle/core'
import type { Hono } from 'hono'
import { ApiError } from '../apiError'
import type { RateLimiter } from '../rateLimit'
import { requireAdmin } from '../requireAdmin'
import type { AppContext, AppEnv, ServerContext } from '../serverContext'
import { fieldUsage } from './fieldUsage'
import { funnelCsv } from './funnelCsv'
import { funnelReport } from './funnelReport'
import { readFunnel, recordFunnel } from './funnelStore'
import { funnelBodyLimit, parseFunnelEvents } from './parseFunnelEvents'
import { dayOf, reportRange } from './reportRange'

/** `GET /v1/admin/insights`: value per friction of a date range. */
export interface Insights extends ValuePerFriction {
  from: string
  to: string
}

export interface FunnelRouteOptions {
  /** Counts batches per client address (kept in memory for one window, never stored); null: off. */
  limiter: RateLimiter | null
  /** The client's address, for the limiter only. */
  addressOf: (c: AppContext) => string
}

/** Batches per client address per minute (a page sends one or two). */
export const funnelBatchesPerMinute = 120

const mediaTypes = new Set(['text/plain', 'application/json'])

/** Reads the body as text: at most 16 KiB, `text/plain` (sendBeacon) or `application/json`. */
async function readFunnelBody(c: AppContext): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
  if (!mediaTypes.has(type)) {
    throw new ApiError(
      415,
      'unsupported-media-type',
      'Send the funnel events as text/plain (navigator.sendBeacon) or application/json.',
    )
  }
  const tooLarge = () =>
    new ApiError(413, 'body-too-large', `A funnel batch is at most ${funnelBodyLimit / 1024} KiB.`)
  if (Number(c.req.header('content-length')) > funnelBodyLimit) throw tooLarge()
  // The request guard has already bounded the body at the server's limit.
  const bytes = new Uint8Array(await c.req.arrayBuffer())
  if (bytes.byteLength > funnelBodyLimit) throw tooLarge()
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown
  } catch {
    throw new ApiError(400, 'invalid-json', 'The body is not JSON text: {"events": [...]}.')
  }
}

/**
 * The funnel: `POST /v1/funnel` (public, anonymous counts, 204) and, behind the admin token,
 * `GET /v1/admin/funnel`, `GET /v1/admin/funnel.csv`, `GET /v1/admin/insights` and
 * `GET /v1/admin/config`.
 */
export function funnelRoutes(
  app: Hono<AppEnv>,
  ctx: ServerContext,
  options: FunnelRouteOptions,
): void {
  app.post('/funnel', async (c) => {
    if (options.limiter) {
      const decision = options.limiter.hit({ ip: options.addressOf(c) }, ctx.now().getTime())
      if (!decision.allowed) {
        c.header('retry-after', String(decision.retryAfter))
        throw new ApiError(
          429,
          'rate-limited',
          `Too many funnel batches; try again in ${decision.retryAfter} seconds.`,
        )
      }
    }
    const events = parseFunnelEvents(ctx.config, await readFunnelBody(c))
    await recordFunnel(ctx.database.db, dayOf(ctx.now()), events)
    return c.body(null, 204)
  })

  const rangeOf = (c: AppContext) => {
    const form = c.req.query('form')
    if (form !== undefined && !ctx.config.forms.some((f) => f.id === form)) {
      throw new ApiError(
        400,
        'unknown-form',
        `No form ${JSON.stringify(form.slice(0, 64))} in the config.`,
      )
    }
    return {
      ...reportRange({ from: c.req.query('from'), to: c.req.query('to') }, ctx.now()),
      formId: form,
    }
  }

  app.get('/admin/funnel', async (c) => {
    requireAdmin(ctx, c)
    return c.json(await funnelReport(ctx.database.db, ctx.config, rangeOf(c), ctx.now()))
  })

  app.get('/admin/funnel.csv', async (c) => {
    requireAdmin(ctx, c)
    const range = rangeOf(c)
    const rows = await readFunnel(ctx.database.db, range)
    c.header('content-type', 'text/csv; charset=utf-8')
    c.header('content-disposition', `attachment; filename="funnel-${range.from}-${range.to}.csv"`)
    return c.body(funnelCsv(rows))
  })

  app.get('/admin/insights', async (c) => {
    requireAdmin(ctx, c)
    const range = reportRange({ from: c.req.query('from'), to: c.req.query('to') }, ctx.now())
    const report = await funnelReport(ctx.database.db, ctx.config, range, ctx.now())
    const usage = await fieldUsage(ctx.database.db, range)
    const insights: Insights = {
      from: range.from,
      to: range.to,
      ...valuePerFriction(ctx.config, report, usage),
    }
    return c.json(insights)
  })

  app.get('/admin/config', (c) => {
    requireAdmin(ctx, c)
    return c.json({ config: ctx.config })
  })
}
