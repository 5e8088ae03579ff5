import { emptyProfile, exportProfile } from '@trickle/core'
import type { Hono } from 'hono'
import { ApiError } from './apiError'
import { enqueueDeliveries } from './delivery/enqueueDeliveries'
import { describeIssues, pointer } from './parseSubmissionBody'
import { fillStoredTexts } from './privacy/exportPeople'
import { eraseVisitor, loadProfile } from './profileStore'
import { readJsonBody } from './readJsonBody'
import type { AppEnv, ServerContext } from './serverContext'
import { forgetVisitor } from './visitorCookie'

/**
 * The visitor's own data (GDPR Art. 15, 17, 20), for the browser holding the signed cookie:
 * `GET /v1/me/export`, `DELETE /v1/me`, and `POST /v1/me/forget` ("Not you?").
 */
export function meRoutes(app: Hono<AppEnv>, ctx: ServerContext & { bodyLimit: number }): void {
  app.get('/me/export', async (c) => {
    const visitor = c.get('visitor')
    const now = ctx.now()
    const locale = c.req.query('locale')
    const profile = visitor.isNew
      ? emptyProfile(visitor.id)
      : (await loadProfile(ctx.database.db, ctx.config, visitor.id, { now, log: ctx.log })).profile
    const exported = exportProfile(ctx.config, profile, {
      now,
      ...(locale !== undefined && ctx.config.locales.includes(locale) ? { locale } : {}),
    })
    // Texts of older versions are not in the config any more; the server kept a copy by hash.
    await fillStoredTexts(ctx.database.db, [exported])
    c.header('content-disposition', 'attachment; filename="my-data.json"')
    return c.json(exported)
  })

  // "Not you?" on a shared device: the browser forgets its visitor, nothing is erased. The
  // cookie is HttpOnly, so only the server can drop it.
  app.post('/me/forget', async (c) => {
    if (c.req.raw.body !== null) {
      const body = await readJsonBody(c, ctx.bodyLimit)
      const issues = Object.keys(body).map((key) => ({
        path: pointer('', key),
        code: 'unknown-key',
        message: 'This request takes no properties; send {} or no body.',
      }))
      if (issues.length > 0) {
        throw new ApiError(422, 'invalid-body', describeIssues(issues), { issues })
      }
    }
    forgetVisitor(c, ctx.isHttps(c))
    return c.json({ forgotten: true })
  })

  app.delete('/me', async (c) => {
    const visitor = c.get('visitor')
    const now = ctx.now()
    let enqueued = 0
    const erased = visitor.isNew
      ? { fields: 0, consentEvents: 0, submissions: 0 }
      : await ctx.database.db.transaction(async (tx) => {
          const counts = await eraseVisitor(tx, visitor.id, now)
          // Committed with the erasure: every destination that received something is told.
          enqueued = await enqueueDeliveries(
            tx,
            ctx.config,
            { kind: 'erasure', visitorId: visitor.id, fieldIds: 'all' },
            now,
          )
          return counts
        })
    if (enqueued > 0) ctx.delivery?.kick()
    forgetVisitor(c, ctx.isHttps(c))
    return c.json({ erased })
  })
}
