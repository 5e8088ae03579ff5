import { randomUUID } from 'node:crypto'
import {
  applySubmission,
  planVisit,
  type Config,
  type ConsentEvent,
  type FieldValue,
  type Profile,
  type SubmissionError,
  defaultLocale,
} from '@trickle/core'
import type { Hono } from 'hono'
import { ApiError } from './apiError'
import { compileLinearPattern } from './compileLinearPattern'
import type { ClaimedRow } from './delivery/createDeliveryWorker'
import { outboxRows, outboxWrite } from './delivery/enqueueDeliveries'
import { handOffInputs, reservedRows } from './delivery/handOff'
import { outboxRequestContext } from './delivery/outboxRequestContext'
import { rebindConfirmations, sendConfirmations } from './doubleOptIn'
import { downloadLink } from './downloadLink'
import { profileAddressHash } from './privacy/addressHash'
import { describeIssues, parseSubmissionBody, type SubmissionBody } from './parseSubmissionBody'
import {
  appendConsentEvents,
  findSubmission,
  lockVisitor,
  recordSubmission,
  saveFields,
} from './profileStore'
import { readJsonBody } from './readJsonBody'
import type { AppEnv, ServerContext } from './serverContext'
import { forgetVisitor, rememberVisitor } from './visitorCookie'

interface Accepted {
  submissionId: string
  visit: number
  replayed: boolean
  profile: Profile
  /** The consent events this submission appended, with their `seq` (none for a replay). */
  events: (ConsentEvent & { seq: number })[]
  /** Consent texts this submission wrote to the database (remembered once committed). */
  textHashes: string[]
  /** Outbox rows written with it (the delivery worker is kicked once committed). */
  enqueued: number
  /** Those of them written claimed by the delivery worker, handed off once committed. */
  reserved: ClaimedRow[]
}

/**
 * `POST /v1/submissions`: the server never trusts the browser. It re-plans with its own copy of
 * the profile (the submitted answers as draft), validates with the core's `applySubmission`,
 * and stores values, consent events and consent texts in one transaction that holds the
 * visitor's row lock. A repeated idempotency key returns the first result and stores nothing.
 */
export function submitRoute(
  app: Hono<AppEnv>,
  ctx: ServerContext & { bodyLimit: number; publicUrl: string | undefined },
): void {
  app.post('/submissions', async (c) => {
    const body = parseSubmissionBody(await readJsonBody(c, ctx.bodyLimit))
    const { config } = ctx
    const locale = checkTarget(config, body)
    const visitor = c.get('visitor')
    const now = ctx.now()
    const values = answersOf(body)
    const input = { formId: body.formId, values, consents: body.consents }

    const accepted = await ctx.database.db.transaction(async (tx): Promise<Accepted | null> => {
      const stored = await lockVisitor(tx, config, visitor.id, {
        now,
        log: ctx.log,
        create: visitor.isNew,
      })
      // A valid cookie without a row: the visitor was erased (maybe a moment ago, in another tab).
      if (!stored.exists) return null
      // A visitor row created just now has no earlier submission to find.
      const earlier = stored.created
        ? undefined
        : await findSubmission(tx, visitor.id, body.idempotencyKey)
      if (earlier) {
        if (earlier.formId !== body.formId) {
          throw new ApiError(
            422,
            'idempotency-key-reused',
            `This idempotencyKey was already used for form "${earlier.formId}"; send a new key with a new submission.`,
            { issues: [{ path: '/idempotencyKey', code: 'reused', message: 'Use a new key.' }] },
          )
        }
        return {
          submissionId: earlier.id,
          visit: earlier.visit,
          replayed: true,
          profile: stored.profile,
          events: [],
          textHashes: [],
          enqueued: 0,
          reserved: [],
        }
      }
      // Plans once, with the answers as draft.
      const result = applySubmission(config, stored.profile, input, {
        now,
        locale,
        compilePattern: compileLinearPattern,
      })
      if (!result.ok) throw rejection(config, stored.profile, body, now, result.errors)
      // A new e-mail address needs its own double opt-in confirmation.
      const { profile, events } = rebindConfirmations(config, stored.profile, result, {
        now,
        formId: body.formId,
      })
      await saveFields(tx, stored, profile, ctx)
      const appended = await appendConsentEvents(tx, config, visitor.id, events, {
        now,
        storedTexts: ctx.storedTexts,
        addressHash: profileAddressHash(ctx, profile),
      })
      // The hand-off to destinations, written with the submission's row (same statement, same
      // transaction): committed with the submission or not at all.
      const id = randomUUID()
      const declined = new Set(result.submission.declined)
      const outbox = outboxRows(
        config,
        {
          kind: 'submission',
          visitorId: visitor.id,
          formId: body.formId,
          submissionId: id,
          fieldIds: result.submission.fieldIds.filter((fieldId) => !declined.has(fieldId)),
          consentEvents: appended.events,
          ...outboxRequestContext(c),
        },
        now,
        ctx.delivery?.reserve,
      )
      const { visit } = await recordSubmission(tx, stored, result.submission, body.idempotencyKey, {
        id,
        alongside: outbox.length === 0 ? undefined : outboxWrite(outbox),
      })
      return {
        submissionId: id,
        visit,
        replayed: false,
        profile,
        events: appended.events,
        textHashes: appended.writtenTexts,
        enqueued: outbox.length,
        reserved: reservedRows(outbox),
      }
    })
    if (accepted === null) {
      forgetVisitor(c, ctx.isHttps(c))
      throw new ApiError(
        410,
        'profile-erased',
        'The data of this browser was erased, so this submission was not stored. Send the form again to start anew.',
      )
    }
    for (const hash of accepted.textHashes) ctx.storedTexts.add(hash)
    if (accepted.reserved.length > 0) {
      // Sent from what this request holds: the profile it stored, its consent events.
      ctx.delivery?.handOff(
        accepted.reserved,
        handOffInputs(config, visitor.id, accepted.profile, accepted.events),
      )
    }
    if (accepted.enqueued > accepted.reserved.length) ctx.delivery?.kick()

    rememberVisitor(c, ctx.signer, visitor.id, ctx.isHttps(c))
    const pending = await sendConfirmations(ctx, c, accepted.profile, accepted.events, now)
    const plan = planVisit(config, accepted.profile, { formId: body.formId, now })
    return c.json(
      {
        submissionId: accepted.submissionId,
        visit: accepted.visit,
        replayed: accepted.replayed,
        plan,
        pending,
        download: downloadLink(ctx, body.formId, 'form', now),
      },
      accepted.replayed ? 200 : 201,
    )
  })
}

/**
 * Codes of answers the server's plan does not ask (not in the plan; their consent or their
 * condition does not hold with the answers sent): the browser showed an older plan.
 */
const notAsked = new Set(['not-asked', 'consent-missing', 'condition-unmet'])

/** The form and locale must exist in the config; returns the locale to use. */
function checkTarget(config: Config, body: SubmissionBody): string {
  if (!config.forms.some((form) => form.id === body.formId)) {
    const known = config.forms.map((form) => form.id).join(', ')
    const issues = [{ path: '/formId', code: 'unknown-form', message: `Use one of: ${known}.` }]
    throw new ApiError(422, 'unknown-form', describeIssues(issues), { issues })
  }
  const locale = body.locale ?? defaultLocale(config)
  if (!config.locales.includes(locale)) {
    const known = config.locales.join(', ')
    const issues = [{ path: '/locale', code: 'unknown-locale', message: `Use one of: ${known}.` }]
    throw new ApiError(422, 'unknown-locale', describeIssues(issues), { issues })
  }
  return locale
}

/** The answers without `null` (an empty answer is the same as none). */
function answersOf(body: SubmissionBody): Record<string, FieldValue> {
  const values = Object.create(null) as Record<string, FieldValue>
  for (const [id, value] of Object.entries(body.values)) if (value !== null) values[id] = value
  return values
}

/**
 * A refused submission. When the browser planned with an outdated copy of the profile (another
 * tab was faster, or another device answered), its answers do not fit the server's plan: some
 * are not asked any more, or a required field of the new plan was never shown (its key is not
 * in the body at all). That is a 409 with the server's plan, so the form can be shown again as
 * the server sees it; its issues name only answers the browser sent. Any other problem is a 422.
 */
function rejection(
  config: Config,
  profile: Profile,
  body: SubmissionBody,
  now: Date,
  errors: SubmissionError[],
): ApiError {
  const issues = errors.map(({ path, code, message }) => ({ path, code, message }))
  const sent = (error: SubmissionError) => {
    const match = /^\/values\/([^/]+)$/.exec(error.path)
    return match === null || Object.hasOwn(body.values, match[1] as string)
  }
  const stale = errors.some(
    (error) => notAsked.has(error.code) || (error.code === 'required' && !sent(error)),
  )
  if (stale) {
    return new ApiError(
      409,
      'plan-changed',
      'The form has changed since it was shown: it asks other questions now. Show the new plan and send again.',
      {
        issues: issues.filter(sent),
        extra: { plan: planVisit(config, profile, { formId: body.formId, now }) },
      },
    )
  }
  return new ApiError(422, 'invalid-submission', describeIssues(issues), { issues })
}
