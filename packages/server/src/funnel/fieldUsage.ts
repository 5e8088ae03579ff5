import { sql } from 'drizzle-orm'
import type { FieldUsageInput } from '@trickle/core'
import type { TrickleDb } from '../openDatabase'
import type { ReportRange } from './reportRange'

/**
 * How often each field was handed to a destination in the range: the delivered rows of the
 * outbox (`deliveries`) whose `delivered_fields` name it. A destination receives a field only
 * for a purpose it serves, so this counts the actual use of the field's purposes.
 */
export async function fieldUsage(db: TrickleDb, range: ReportRange): Promise<FieldUsageInput> {
  const result = (await db.execute(sql`
    select f.field_id, count(*)::int as n
    from deliveries d
      cross join lateral jsonb_array_elements_text(coalesce(d.delivered_fields, '[]'::jsonb)) as f(field_id)
    where d.status = 'delivered'
      and d.delivered_at >= ${new Date(`${range.from}T00:00:00Z`)}
      and d.delivered_at < ${new Date(Date.parse(`${range.to}T00:00:00Z`) + 86_400_000)}
    group by f.field_id`)) as unknown as { rows: { field_id: string; n: number }[] }
  const deliveries: Record<string, number> = Object.create(null) as Record<string, number>
  for (const row of result.rows) deliveries[row.field_id] = Number(row.n)
  return { deliveries }
}
