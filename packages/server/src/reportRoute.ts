import { sql, type SQL } from 'drizzle-orm'
import type { TrickleDb } from './openDatabase'
import type { Hono } from 'hono'
import { requireAdmin } from './requireAdmin'
import type { AppEnv, ServerContext } from './serverContext'

export interface FieldRate {
  fieldId: string
  /** Submissions whose form showed the field. */
  shown: number
  /** ...of which answered it (not declined). */
  answered: number
  rate: number
}

export interface ConsentRate {
  purposeId: string
  offered: number
  granted: number
  rate: number
}

export interface VisitReport {
  /** The visitor's n-th accepted submission (on any form). */
  visit: number
  submissions: number
  fields: FieldRate[]
  consents: ConsentRate[]
}

export interface FormReport {
  formId: string
  submissions: number
  downloads: { form: number; openGate: number }
  visits: VisitReport[]
}

/** `GET /v1/report`: the drop-off per field and visit, consent rates, and downloads. */
export interface Report {
  generatedAt: string
  forms: FormReport[]
}

/** `GET /v1/report` with `Authorization: Bearer <admin token>`. No personal data in it. */
export function reportRoute(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/report', async (c) => {
    requireAdmin(ctx, c)
    return c.json(await buildReport(ctx))
  })
}

const rate = (part: number, whole: number) =>
  whole === 0 ? 0 : Math.round((part / whole) * 1000) / 1000

/** Rows of a raw query; both drivers answer with `{ rows }`. */
async function rows<T>(db: TrickleDb, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] }
  return result.rows
}

async function buildReport(ctx: ServerContext): Promise<Report> {
  const { db } = ctx.database
  const totals = await rows<{ form_id: string; visit: number; n: number }>(
    db,
    sql`
    select form_id, visit, count(*)::int as n from submissions group by form_id, visit`,
  )
  const fields = await rows<{
    form_id: string
    visit: number
    field_id: string
    shown: number
    answered: number
  }>(
    db,
    sql`
    select s.form_id, s.visit, f.field_id, count(*)::int as shown,
      (count(*) filter (where not (s.declined @> to_jsonb(f.field_id))))::int as answered
    from submissions s cross join lateral jsonb_array_elements_text(s.field_ids) as f(field_id)
    group by s.form_id, s.visit, f.field_id`,
  )
  const consents = await rows<{
    form_id: string
    visit: number
    purpose_id: string
    offered: number
    granted: number
  }>(
    db,
    sql`
    select s.form_id, s.visit, c.item ->> 'purposeId' as purpose_id, count(*)::int as offered,
      (count(*) filter (where c.item ->> 'decision' = 'granted'))::int as granted
    from submissions s cross join lateral jsonb_array_elements(s.consents) as c(item)
    group by s.form_id, s.visit, c.item ->> 'purposeId'`,
  )
  const delivered = await rows<{ form_id: string; via: string; n: number }>(
    db,
    sql`
    select form_id, via, count(*)::int as n from downloads group by form_id, via`,
  )

  const forms: FormReport[] = ctx.config.forms.map((form) => {
    const order = [...form.always, ...form.sequence]
    const position = (id: string) => {
      const index = order.indexOf(id)
      return index === -1 ? order.length : index
    }
    const visits = totals
      .filter((row) => row.form_id === form.id)
      .map((row): VisitReport => ({
        visit: Number(row.visit),
        submissions: Number(row.n),
        fields: fields
          .filter((f) => f.form_id === form.id && Number(f.visit) === Number(row.visit))
          .map((f) => ({
            fieldId: f.field_id,
            shown: Number(f.shown),
            answered: Number(f.answered),
            rate: rate(Number(f.answered), Number(f.shown)),
          }))
          .sort(
            (a, b) =>
              position(a.fieldId) - position(b.fieldId) || a.fieldId.localeCompare(b.fieldId),
          ),
        consents: consents
          .filter((p) => p.form_id === form.id && Number(p.visit) === Number(row.visit))
          .map((p) => ({
            purposeId: p.purpose_id,
            offered: Number(p.offered),
            granted: Number(p.granted),
            rate: rate(Number(p.granted), Number(p.offered)),
          }))
          .sort((a, b) => a.purposeId.localeCompare(b.purposeId)),
      }))
      .sort((a, b) => a.visit - b.visit)
    const count = (via: string) =>
      Number(delivered.find((row) => row.form_id === form.id && row.via === via)?.n ?? 0)
    return {
      formId: form.id,
      submissions: visits.reduce((sum, visit) => sum + visit.submissions, 0),
      downloads: { form: count('form'), openGate: count('open-gate') },
      visits,
    }
  })
  return { generatedAt: ctx.now().toISOString(), forms }
}
