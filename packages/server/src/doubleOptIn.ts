import {
  consentState,
  shownConsentText,
  type Config,
  type ConsentEvent,
  type Profile,
  type Purpose,
} from '@trickle/core'
import type { Context, Hono } from 'hono'
import { describeUnexpected } from './apiError'
import { confirmPage, pageLanguage, type ConfirmOutcome } from './confirmPage'
import { appendConsentEvents, loadProfile, type StoredProfile } from './profileStore'
import { confirmationTtlMs, type AppEnv, type ServerContext } from './serverContext'

/**
 * Double opt-in (German practice for e-mail marketing): a consent to a purpose with
 * `doubleOptIn` stays `pending` until the visitor opens the link in the mail and presses the
 * button on its page; then a `confirmed` event is appended. Both steps are in the ledger.
 */

type MailContext = Pick<ServerContext, 'config' | 'signer' | 'mailer' | 'log'> & {
  publicUrl: string | undefined
}

/**
 * Mails a confirmation link for every new grant of a double opt-in purpose. Returns the purpose
 * ids that wait for confirmation. A failing mailer is logged, never a failed submission: the
 * consent is stored and stays pending.
 */
export async function sendConfirmations(
  ctx: MailContext,
  c: Context,
  profile: Profile,
  events: readonly ConsentEvent[],
  now: Date,
): Promise<string[]> {
  const pending: string[] = []
  for (const event of events) {
    const purpose = ctx.config.purposes.find((p) => p.id === event.purposeId)
    if (event.decision !== 'granted' || !purpose?.doubleOptIn) continue
    pending.push(purpose.id)
    const to = emailOf(ctx, profile)
    if (to === undefined) {
      ctx.log(
        `[trickle] no e-mail answer in the profile: the confirmation for "${purpose.id}" was not sent`,
      )
      continue
    }
    const locale = event.locale ?? ctx.config.locales[0] ?? 'en'
    const expiresAt = new Date(now.getTime() + confirmationTtlMs)
    const token = ctx.signer.seal(
      'doi',
      { v: profile.visitorId, p: purpose.id, n: event.version, l: locale },
      expiresAt,
    )
    const base = (ctx.publicUrl ?? new URL(c.req.url).origin).replace(/\/+$/, '')
    try {
      await ctx.mailer.sendConfirmation({
        to,
        locale,
        purposeId: purpose.id,
        purposeLabel: shownLabel(ctx.config, purpose, locale),
        consentText: shownConsentText(ctx.config, purpose, locale).text,
        confirmUrl: `${base}/v1/doi/confirm?token=${encodeURIComponent(token)}`,
        expiresAt: expiresAt.toISOString(),
      })
    } catch (error) {
      ctx.log(
        `[trickle] the confirmation mail for "${purpose.id}" failed: ${describeUnexpected(error)}`,
      )
    }
  }
  return pending
}

/** The first answered field of type `email`. */
function emailOf(ctx: Pick<ServerContext, 'config'>, profile: Profile): string | undefined {
  for (const field of ctx.config.fields) {
    if (field.type !== 'email' || !Object.hasOwn(profile.fields, field.id)) continue
    const value = profile.fields[field.id]?.value
    if (typeof value === 'string' && value !== '') return value
  }
  return undefined
}

/** The purpose's label as shown in `locale` (the same fallback rules as the consent text). */
function shownLabel(config: Config, purpose: Purpose, locale: string | undefined): string {
  return shownConsentText(config, { ...purpose, text: purpose.label }, locale).text
}

/** What a confirmation link names, once its signature, expiry and purpose are checked. */
type OpenedLink =
  | { ok: false; outcome: 'invalid' | 'expired' | 'gone'; locale?: unknown }
  | { ok: true; visitorId: string; purpose: Purpose; version: number; locale: unknown }

function openLink(ctx: ServerContext, token: unknown, now: Date): OpenedLink {
  const opened = ctx.signer.open('doi', token, now)
  if (!opened.ok) return { ok: false, outcome: opened.reason }
  const { v: visitorId, p: purposeId, n: version, l: locale } = opened.payload
  const purpose = ctx.config.purposes.find((item) => item.id === purposeId)
  if (typeof visitorId !== 'string' || typeof version !== 'number' || !purpose) {
    return { ok: false, outcome: 'gone', locale }
  }
  return { ok: true, visitorId, purpose, version, locale }
}

/**
 * Whether the linked consent waits for its confirmation: `pending` when the latest grant of
 * the purpose is still the one the link was mailed for, `already` when it was confirmed.
 */
function linkState(
  config: Config,
  stored: StoredProfile,
  link: { purpose: Purpose; version: number },
  now: Date,
): 'pending' | 'already' | 'gone' {
  // The visitor was erased after the mail was sent.
  if (!stored.exists) return 'gone'
  const state = consentState(config, stored.profile, link.purpose.id, now)
  const lastGrant = stored.profile.consents.findLast(
    (event) => event.purposeId === link.purpose.id && event.decision !== 'confirmed',
  )
  if (lastGrant?.decision !== 'granted' || lastGrant.version !== link.version) return 'gone'
  if (state === 'granted') return 'already'
  return state === 'pending' ? 'pending' : 'gone'
}

/** The token sent by the page's form (`application/x-www-form-urlencoded`), if any. */
async function postedToken(c: Context): Promise<string | undefined> {
  const type = c.req.header('content-type')?.split(';')[0]?.trim().toLowerCase()
  if (type !== 'application/x-www-form-urlencoded') return undefined
  if (Number(c.req.header('content-length')) > maxFormBytes) return undefined
  const body = await c.req.text()
  if (body.length > maxFormBytes) return undefined
  return new URLSearchParams(body).get('token') ?? undefined
}

/** The form holds one token (at most 2 KiB). */
const maxFormBytes = 4096

/**
 * `GET /v1/doi/confirm?token=...` shows the consent and a button; `POST /v1/doi/confirm` (the
 * button, the token in the form) records `confirmed` for the pending consent, once. Only the
 * POST confirms: mail scanners and link previews open every link of an e-mail.
 */
export function confirmRoute(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/doi/confirm', async (c) => {
    const now = ctx.now()
    const token = c.req.query('token') ?? ''
    const link = openLink(ctx, token, now)
    const language = pageLanguage(link.locale, c.req.header('accept-language'))
    if (!link.ok) return confirmPage(c, language, link.outcome)
    const stored = await loadProfile(ctx.database.db, ctx.config, link.visitorId, {
      now,
      log: ctx.log,
    })
    const state = linkState(ctx.config, stored, link, now)
    if (state !== 'pending') return confirmPage(c, language, state)
    const locale = typeof link.locale === 'string' ? link.locale : undefined
    return confirmPage(c, language, {
      token,
      label: shownLabel(ctx.config, link.purpose, locale),
      consentText: shownConsentText(ctx.config, link.purpose, locale).text,
    })
  })

  app.post('/doi/confirm', async (c) => {
    const now = ctx.now()
    const link = openLink(ctx, await postedToken(c), now)
    const language = pageLanguage(link.locale, c.req.header('accept-language'))
    if (!link.ok) return confirmPage(c, language, link.outcome)
    const { visitorId, purpose, version, locale } = link
    const outcome = await ctx.database.db.transaction(async (tx): Promise<ConfirmOutcome> => {
      // Under the visitor's lock, so a double click records one confirmation.
      const stored = await loadProfile(tx, ctx.config, visitorId, { now, log: ctx.log, lock: true })
      const state = linkState(ctx.config, stored, link, now)
      if (state !== 'pending') return state
      const event: ConsentEvent = {
        purposeId: purpose.id,
        decision: 'confirmed',
        version,
        at: now.toISOString(),
        ...(typeof locale === 'string' ? { locale } : {}),
        source: 'double-opt-in',
      }
      await appendConsentEvents(tx, ctx.config, visitorId, [event], { now })
      return 'confirmed'
    })
    return confirmPage(c, language, outcome)
  })
}
