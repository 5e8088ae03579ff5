import { idPattern } from '@trickle/core'
import { and, desc, eq, inArray, type SQL } from 'drizzle-orm'
import type { Hono } from 'hono'
import { ApiError } from '../apiError'
import { requireAdmin } from '../requireAdmin'
import { deliveries, destinationStates } from '../schema'
import type { AppEnv, ServerContext } from '../serverContext'

/** The statuses of an outbox row. */
export const deliveryStatuses = ['pending', 'delivered', 'dead', 'skipped'] as const
export type DeliveryStatus = (typeof deliveryStatuses)[number]

/** One row of `GET /v1/admin/deliveries`: what happened to one event at one destination. */
export interface DeliverySummary {
  id: string
  /** The event's id (`webhook-id`), the same for every destination of the event. */
  eventId: string
  destinationId: string
  type: string
  status: DeliveryStatus
  attempts: number
  /** The receiver's last HTTP status, if it answered. */
  lastStatus: number | null
  /** Why the last attempt failed (never a personal value). */
  lastError: string | null
  /** When the next attempt is due (ISO 8601); null once delivered, dead or skipped. */
  nextAttemptAt: string | null
  createdAt: string
  deliveredAt: string | null
}

/** A configured destination and whether it is switched off (a webhook answered 410). */
export interface DestinationSummary {
  id: string
  type: string
  disabled: boolean
  disabledReason: string | null
}

/** `GET /v1/admin/deliveries`. No personal values: no visitor ids, pages or field values. */
export interface DeliveryList {
  deliveries: DeliverySummary[]
  destinations: DestinationSummary[]
}

const defaultLimit = 50
const maxLimit = 1000

/**
 * The delivery admin routes (Bearer admin token): `GET /v1/admin/deliveries?status=&destination=&limit=`,
 * `POST /v1/admin/deliveries/:id/retry` (a dead or pending delivery is tried again now) and
 * `POST /v1/admin/destinations/:id/enable` (a destination switched off by a 410 takes events again).
 */
export function deliveryAdminRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const { db } = ctx.database

  app.get('/admin/deliveries', async (c) => {
    requireAdmin(ctx, c)
    const filters = parseListQuery(c.req.queries())
    const where: SQL[] = []
    if (filters.status) where.push(eq(deliveries.status, filters.status))
    if (filters.destination) where.push(eq(deliveries.destinationId, filters.destination))
    const rows = await db
      .select()
      .from(deliveries)
      .where(and(...where))
      .orderBy(desc(deliveries.createdAt), desc(deliveries.id))
      .limit(filters.limit)
    const body: DeliveryList = {
      deliveries: rows.map(summary),
      destinations: await destinationSummaries(ctx),
    }
    return c.json(body)
  })

  app.post('/admin/deliveries/:id/retry', async (c) => {
    requireAdmin(ctx, c)
    const id = c.req.param('id')
    // The worker schedules by the wall clock (ctx.now judges consents, and tests move it).
    const now = new Date()
    const [retried] =
      id.length > 100
        ? []
        : await db
            .update(deliveries)
            .set({ status: 'pending', nextAttemptAt: now })
            .where(and(eq(deliveries.id, id), inArray(deliveries.status, ['dead', 'pending'])))
            .returning()
    if (!retried) {
      const [existing] =
        id.length > 100
          ? []
          : await db
              .select({ status: deliveries.status })
              .from(deliveries)
              .where(eq(deliveries.id, id))
      if (!existing) {
        throw new ApiError(404, 'unknown-delivery', 'There is no delivery with that id.')
      }
      throw new ApiError(
        409,
        'not-retryable',
        `This delivery is ${existing.status}; only dead or pending deliveries can be retried.`,
      )
    }
    ctx.log(`[trickle] delivery ${retried.id} (${retried.destinationId}) retried by an admin`)
    // The worker looks now, not on its next poll.
    ctx.delivery?.kick()
    return c.json(summary(retried))
  })

  app.post('/admin/destinations/:id/enable', async (c) => {
    requireAdmin(ctx, c)
    const id = c.req.param('id')
    const configured = ctx.config.destinations ?? []
    const destination = idPattern.test(id) ? configured.find((d) => d.id === id) : undefined
    if (!destination) {
      throw new ApiError(
        404,
        'unknown-destination',
        `There is no destination with that id; destinations: ${
          configured.map((d) => d.id).join(', ') || '(none)'
        }.`,
      )
    }
    const [was] = await db
      .delete(destinationStates)
      .where(eq(destinationStates.destinationId, destination.id))
      .returning()
    if (was?.disabledAt) ctx.log(`[trickle] destination ${destination.id} enabled by an admin`)
    // The worker looks now, not on its next poll.
    ctx.delivery?.kick()
    const body: DestinationSummary = {
      id: destination.id,
      type: destination.type,
      disabled: false,
      disabledReason: null,
    }
    return c.json(body)
  })
}

function parseListQuery(query: Record<string, string[]>): {
  status: DeliveryStatus | undefined
  destination: string | undefined
  limit: number
} {
  const one = (name: string): string | undefined => {
    const values = query[name]
    if (values === undefined) return undefined
    if (values.length > 1) invalid(`Give ${name} once.`)
    return values[0]
  }
  const status = one('status')
  if (status !== undefined && !isStatus(status)) {
    invalid(`status is one of ${deliveryStatuses.join(', ')}.`)
  }
  const destination = one('destination')
  if (destination !== undefined && !idPattern.test(destination)) {
    invalid('destination is a destination id from the config.')
  }
  const limitText = one('limit')
  const limit = limitText === undefined ? defaultLimit : Number(limitText)
  if (
    !/^\d{1,4}$/.test(limitText ?? '1') ||
    !Number.isInteger(limit) ||
    limit < 1 ||
    limit > maxLimit
  ) {
    invalid(`limit is a whole number from 1 to ${maxLimit} (default ${defaultLimit}).`)
  }
  return { status, destination, limit }
}

function isStatus(value: string): value is DeliveryStatus {
  return (deliveryStatuses as readonly string[]).includes(value)
}

function invalid(message: string): never {
  throw new ApiError(400, 'invalid-query', message)
}

async function destinationSummaries(ctx: ServerContext): Promise<DestinationSummary[]> {
  const states = await ctx.database.db.select().from(destinationStates)
  return (ctx.config.destinations ?? []).map((destination) => {
    const state = states.find((s) => s.destinationId === destination.id && s.disabledAt)
    return {
      id: destination.id,
      type: destination.type,
      disabled: state !== undefined,
      disabledReason: state?.disabledReason ?? null,
    }
  })
}

function summary(row: typeof deliveries.$inferSelect): DeliverySummary {
  const status = isStatus(row.status) ? row.status : 'pending'
  return {
    id: row.id,
    eventId: row.eventId,
    destinationId: row.destinationId,
    type: row.type,
    status,
    attempts: row.attempts,
    lastStatus: row.lastStatus,
    lastError: row.lastError,
    nextAttemptAt: status === 'pending' ? row.nextAttemptAt.toISOString() : null,
    createdAt: row.createdAt.toISOString(),
    deliveredAt: row.deliveredAt?.toISOString() ?? null,
  }
}
