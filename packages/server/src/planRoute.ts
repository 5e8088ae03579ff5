import { emptyProfile, planVisit } from '@trickle/core'
import type { Hono } from 'hono'
import { downloadLink, opensGate } from './downloadLink'
import { formOf } from './formOf'
import { loadProfile } from './profileStore'
import type { AppEnv, ServerContext } from './serverContext'

/**
 * `GET /v1/plan?form=<id>`: what this visitor is asked on this form, from the server's copy of
 * the profile. The plan names fields and reasons, never a stored value. When nothing is left
 * to ask and the form opens its gate, a one-click download link comes along.
 */
export function planRoute(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/plan', async (c) => {
    const form = formOf(ctx.config, c.req.query('form'))
    const now = ctx.now()
    const visitor = c.get('visitor')
    // Without a valid cookie nothing is stored yet: no query, and no cookie is set by a plan.
    const profile = visitor.isNew
      ? emptyProfile(visitor.id)
      : (await loadProfile(ctx.database.db, ctx.config, visitor.id, { now, log: ctx.log })).profile
    const plan = planVisit(ctx.config, profile, { formId: form.id, now })
    const download =
      plan.complete && opensGate(ctx.config, form.id)
        ? downloadLink(ctx, form.id, 'open-gate', now)
        : null
    return c.json({ plan, download })
  })
}
