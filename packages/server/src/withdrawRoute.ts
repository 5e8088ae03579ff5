import { consentState, escapeJsonPointerToken, idPattern, planVisit } from '@trickle/core'
import type { Hono } from 'hono'
import { ApiError } from './apiError'
import { profileAddressHash } from './privacy/addressHash'
import { loadProfile } from './profileStore'
import { readJsonBody } from './readJsonBody'
import { recordWithdrawal } from './recordWithdrawal'
import type { AppEnv, ServerContext } from './serverContext'

/**
 * `POST /v1/consents/:purpose/withdraw` (GDPR Art. 7(3): as easy as giving): appends a
 * `withdrawn` event and erases the answers that served only this purpose. The body may be
 * empty or `{ "formId": "..." }` to get that form's new plan back.
 */
export function withdrawRoute(app: Hono<AppEnv>, ctx: ServerContext & { bodyLimit: number }): void {
  app.post('/consents/:purpose/withdraw', async (c) => {
    const purposeId = c.req.param('purpose')
    const consentPurposes = ctx.config.purposes.filter((p) => p.basis === 'consent')
    const purpose = idPattern.test(purposeId)
      ? ctx.config.purposes.find((p) => p.id === purposeId)
      : undefined
    if (!purpose || purpose.basis !== 'consent') {
      throw new ApiError(
        404,
        'unknown-purpose',
        `There is no consent purpose with that id; consent purposes: ${
          consentPurposes.map((p) => p.id).join(', ') || '(none)'
        }.`,
      )
    }
    const formId =
      c.req.raw.body === null
        ? undefined
        : await optionalFormId(await readJsonBody(c, ctx.bodyLimit), ctx)
    const visitor = c.get('visitor')
    if (visitor.isNew) throw nothingStored()
    const now = ctx.now()
    const result = await ctx.database.db.transaction(async (tx) => {
      const stored = await loadProfile(tx, ctx.config, visitor.id, {
        now,
        log: ctx.log,
        lock: true,
      })
      if (!stored.exists) throw nothingStored()
      return recordWithdrawal(tx, ctx, stored, purpose.id, {
        now,
        source: 'server',
        addressHash: profileAddressHash(ctx, stored.profile),
        formId,
      })
    })
    if (result.enqueued > 0) ctx.delivery?.kick()
    return c.json({
      purposeId: purpose.id,
      state: consentState(ctx.config, result.profile, purpose.id, now),
      erased: result.erased,
      plan: formId === undefined ? null : planVisit(ctx.config, result.profile, { formId, now }),
    })
  })
}

function nothingStored(): ApiError {
  return new ApiError(
    404,
    'unknown-visitor',
    'Nothing is stored for this browser, so there is no consent to withdraw.',
  )
}

/** The optional body `{ "formId": "..." }`: nothing else is accepted in it. */
function optionalFormId(body: Record<string, unknown>, ctx: ServerContext): string | undefined {
  const unknown = Object.keys(body).filter((key) => key !== 'formId')
  const formId = body['formId']
  const issues = unknown.map((key) => ({
    path: `/${escapeJsonPointerToken(key.slice(0, 80))}`,
    code: 'unknown-key',
    message: 'Unknown property; allowed: formId.',
  }))
  if (formId !== undefined && !ctx.config.forms.some((form) => form.id === formId)) {
    issues.push({
      path: '/formId',
      code: 'unknown-form',
      message: `Use one of: ${ctx.config.forms.map((form) => form.id).join(', ')}.`,
    })
  }
  if (issues.length > 0) {
    throw new ApiError(422, 'invalid-body', 'The body may only name a form: { "formId": "..." }.', {
      issues,
    })
  }
  return formId as string | undefined
}
