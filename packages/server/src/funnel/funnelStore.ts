import { and, asc, eq, gte, lte, sql, type SQL } from 'drizzle-orm'
import type { TrickleDb } from '../openDatabase'
import { funnelCounts } from '../schema'
import type { CountedEvent, FunnelMetric } from './parseFunnelEvents'

/** One stored count: a day, form, visit, locale, metric and field (`''` for form metrics). */
export interface FunnelRow {
  day: string
  formId: string
  visit: number
  locale: string
  metric: FunnelMetric
  fieldId: string
  count: number
}

/**
 * Adds a checked batch to the day's counts: the events are summed per key first, then written
 * with one upsert (`insert ... on conflict do update set count = count + excluded.count`), so
 * concurrent batches from several instances add up without a lost update.
 */
export async function recordFunnel(
  db: TrickleDb,
  day: string,
  events: readonly CountedEvent[],
): Promise<void> {
  const sums = new Map<string, FunnelRow>()
  for (const event of events) {
    const key = JSON.stringify([
      event.formId,
      event.visit,
      event.locale,
      event.metric,
      event.fieldId,
    ])
    const row = sums.get(key)
    if (row) row.count++
    else sums.set(key, { day, ...event, count: 1 })
  }
  if (sums.size === 0) return
  await db
    .insert(funnelCounts)
    .values([...sums.values()])
    .onConflictDoUpdate({
      target: [
        funnelCounts.day,
        funnelCounts.formId,
        funnelCounts.visit,
        funnelCounts.locale,
        funnelCounts.metric,
        funnelCounts.fieldId,
      ],
      set: { count: sql`${funnelCounts.count} + excluded.count` },
    })
}

/** The counts of the days `from`..`to` (inclusive), optionally of one form, in a stable order. */
export async function readFunnel(
  db: TrickleDb,
  range: { from: string; to: string; formId?: string | undefined },
): Promise<FunnelRow[]> {
  const conditions: SQL[] = [gte(funnelCounts.day, range.from), lte(funnelCounts.day, range.to)]
  if (range.formId !== undefined) conditions.push(eq(funnelCounts.formId, range.formId))
  const rows = await db
    .select()
    .from(funnelCounts)
    .where(and(...conditions))
    .orderBy(
      asc(funnelCounts.day),
      asc(funnelCounts.formId),
      asc(funnelCounts.visit),
      asc(funnelCounts.locale),
      asc(funnelCounts.metric),
      asc(funnelCounts.fieldId),
    )
  return rows.map((row) => ({
    ...row,
    visit: Number(row.visit),
    count: Number(row.count),
    metric: row.metric as FunnelMetric,
  }))
}
