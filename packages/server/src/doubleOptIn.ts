import {
  confirmWithinDays,
  consentState,
  defaultLocale,
  shownConsentText,
  type Config,
  type ConsentEvent,
  type Profile,
  type Purpose,
} from '@trickle/core'
import type { Context, Hono } from 'hono'
import { describeUnexpected } from './apiError'
import { confirmPage, pageLanguage, type ConfirmOutcome } from './confirmPage'
import { enqueueDeliveries } from './delivery/enqueueDeliveries'
import {
  addressHash as keyedAddressHash,
  emailOf as firstEmail,
  normaliseAddress,
} from './privacy/addressHash'
import { loadProfile, type StoredProfile } from './profileStore'
import { consentEvents } from './schema'
import type { AppEnv, ServerContext } from './serverContext'

/**
 * Double opt-in (German practice for e-mail marketing): a consent to a purpose with
 * `doubleOptIn` stays `pending` until the visitor opens the link in the mail and presses the
 * button on its page; then a `confirmed` event is appended. Both steps are in the ledger.
 *
 * The link proves the address it was mailed to: it carries the keyed hash of that address and
 * the time it was sent, and confirms only while the profile's address is still that one and no
 * later grant replaced the one it was mailed for. A new address gets a new grant and a new mail
 * (`rebindConfirmations`). A link works for the purpose's `confirmWithinDays` (default 30); then
 * the unconfirmed consent lapses and the form offers it again.
 */

const dayMs = 24 * 60 * 60 * 1000

const addressHash = (ctx: Pick<ServerContext, 'signer'>, address: string): string =>
  keyedAddressHash(ctx.signer, address)

const emailOf = (ctx: Pick<ServerContext, 'config'>, profile: Profile): string | undefined =>
  firstEmail(ctx.config, profile)

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
    const locale = event.locale ?? defaultLocale(ctx.config)
    // The link works as long as the consent waits for it.
    const expiresAt = new Date(now.getTime() + confirmWithinDays(purpose) * dayMs)
    const token = ctx.signer.seal(
      'doi',
      {
        v: profile.visitorId,
        p: purpose.id,
        n: event.version,
        l: locale,
        a: addressHash(ctx, to),
        s: now.getTime(),
      },
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

/**
 * A double opt-in confirms an address. When a submission changes the profile's address while a
 * double opt-in consent is granted or waits for its confirmation, that consent is granted anew
 * for the new address (source `address-changed`, the version of the grant it continues): it is
 * pending again, and `sendConfirmations` mails the new address. Links mailed before stop working.
 */
export function rebindConfirmations(
  config: Config,
  before: Profile,
  after: { profile: Profile; events: ConsentEvent[] },
  options: { now: Date; formId: string },
): { profile: Profile; events: ConsentEvent[] } {
  const was = emailOf({ config }, before)
  const is = emailOf({ config }, after.profile)
  if (is === undefined || (was !== undefined && normaliseAddress(was) === normaliseAddress(is))) {
    return after
  }
  const regranted: ConsentEvent[] = []
  for (const purpose of config.purposes) {
    if (!purpose.doubleOptIn || purpose.basis !== 'consent') continue
    // Decided in this very submission: its own grant is mailed to the new address anyway.
    if (after.events.some((event) => event.purposeId === purpose.id)) continue
    const state = consentState(config, before, purpose.id, options.now)
    if (state !== 'granted' && state !== 'pending') continue
    const grant = before.consents.findLast(
      (event) => event.purposeId === purpose.id && event.decision === 'granted',
    )
    if (!grant) continue
    regranted.push({
      purposeId: purpose.id,
      decision: 'granted',
      version: grant.version,
      at: options.now.toISOString(),
      formId: options.formId,
      ...(grant.locale === undefined ? {} : { locale: grant.locale }),
      source: 'address-changed',
    })
  }
  if (regranted.length === 0) return after
  return {
    profile: { ...after.profile, consents: [...after.profile.consents, ...regranted] },
    events: [...after.events, ...regranted],
  }
}

/** The purpose's label as shown in `locale` (the same fallback rules as the consent text). */
function shownLabel(config: Config, purpose: Purpose, locale: string | undefined): string {
  return shownConsentText(config, { ...purpose, text: purpose.label }, locale).text
}

/** What a confirmation link names, once its signature, expiry and purpose are checked. */
type OpenedLink =
  | { ok: false; outcome: 'invalid' | 'expired' | 'gone'; locale?: unknown }
  | {
      ok: true
      visitorId: string
      purpose: Purpose
      version: number
      locale: unknown
      /** The keyed hash of the address the link was mailed to. */
      address: string
      /** When it was mailed. */
      sentAt: Date
    }

function openLink(ctx: ServerContext, token: unknown, now: Date): OpenedLink {
  const opened = ctx.signer.open('doi', token, now)
  if (!opened.ok) return { ok: false, outcome: opened.reason }
  const { v: visitorId, p: purposeId, n: version, l: locale, a: address, s: sent } = opened.payload
  const purpose = ctx.config.purposes.find((item) => item.id === purposeId)
  if (
    typeof visitorId !== 'string' ||
    typeof version !== 'number' ||
    typeof address !== 'string' ||
    typeof sent !== 'number' ||
    !purpose
  ) {
    // Also a link from before links named their address: it proves nothing, a new grant mails anew.
    return { ok: false, outcome: 'gone', locale }
  }
  return { ok: true, visitorId, purpose, version, locale, address, sentAt: new Date(sent) }
}

/**
 * Whether the linked consent waits for this confirmation: `pending` when the latest grant of
 * the purpose is the one the link was mailed for (same version, granted no later than the mail)
 * and the profile's address is still the mailed one; `already` when it was confirmed; `changed`
 * when the address changed since (the new address got its own mail).
 */
function linkState(
  ctx: Pick<ServerContext, 'config' | 'signer'>,
  stored: StoredProfile,
  link: { purpose: Purpose; version: number; address: string; sentAt: Date },
  now: Date,
): 'pending' | 'already' | 'gone' | 'changed' {
  // The visitor was erased after the mail was sent.
  if (!stored.exists) return 'gone'
  const state = consentState(ctx.config, stored.profile, link.purpose.id, now)
  const lastGrant = stored.profile.consents.findLast(
    (event) => event.purposeId === link.purpose.id && event.decision !== 'confirmed',
  )
  if (lastGrant?.decision !== 'granted' || lastGrant.version !== link.version) return 'gone'
  const email = emailOf(ctx, stored.profile)
  if (email === undefined || addressHash(ctx, email) !== link.address) return 'changed'
  // A later grant (the consent given again, or a new address that changed back) has its own mail.
  if (Date.parse(lastGrant.at) > link.sentAt.getTime()) return 'gone'
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
    const state = linkState(ctx, stored, link, now)
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
    let enqueued = 0
    const outcome = await ctx.database.db.transaction(async (tx): Promise<ConfirmOutcome> => {
      // Under the visitor's lock, so a double click records one confirmation.
      const stored = await loadProfile(tx, ctx.config, visitorId, { now, log: ctx.log, lock: true })
      const state = linkState(ctx, stored, link, now)
      if (state !== 'pending') return state
      // The proof: which address (its keyed hash) confirmed, and when the link was mailed.
      const [confirmed] = await tx
        .insert(consentEvents)
        .values({
          visitorId,
          purposeId: purpose.id,
          decision: 'confirmed',
          version,
          at: now,
          locale: typeof locale === 'string' ? locale : null,
          source: 'double-opt-in',
          addressHash: link.address,
          mailedAt: link.sentAt,
        })
        .returning({ seq: consentEvents.seq })
      if (!confirmed) throw new Error('The confirmation was not recorded')
      // The hand-off, committed with the confirmation.
      enqueued = await enqueueDeliveries(
        tx,
        ctx.config,
        {
          kind: 'consent',
          visitorId,
          consentEvents: [{ purposeId: purpose.id, seq: confirmed.seq }],
        },
        now,
      )
      return 'confirmed'
    })
    if (enqueued > 0) ctx.delivery?.kick()
    return confirmPage(c, language, outcome)
  })
}
