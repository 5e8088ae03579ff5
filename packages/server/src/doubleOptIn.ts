import { consentState, shownConsentText, type ConsentEvent, type Profile } from '@trickle/core'
import type { Context, Hono } from 'hono'
import { describeUnexpected } from './apiError'
import { appendConsentEvents, loadProfile } from './profileStore'
import { confirmationTtlMs, type AppEnv, type ServerContext } from './serverContext'

/**
 * Double opt-in (German practice for e-mail marketing): a consent to a purpose with
 * `doubleOptIn` stays `pending` until the visitor opens the link in the mail; then a
 * `confirmed` event is appended. Both steps are in the ledger.
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
    // The label as shown in this locale (the same fallback rules as the consent text).
    const label = shownConsentText(ctx.config, { ...purpose, text: purpose.label }, locale).text
    try {
      await ctx.mailer.sendConfirmation({
        to,
        locale,
        purposeId: purpose.id,
        purposeLabel: label,
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

const pages = {
  en: {
    confirmed: ['Thank you!', 'Your consent is confirmed.'],
    already: ['Already confirmed', 'This consent was confirmed before; nothing else to do.'],
    invalid: [
      'Link not valid',
      'This confirmation link is damaged. Please use the link from the e-mail exactly.',
    ],
    expired: [
      'Link expired',
      'This confirmation link has expired. Please sign up again to receive a new one.',
    ],
    gone: [
      'Nothing to confirm',
      'This consent was withdrawn, changed or erased in the meantime, so it cannot be confirmed any more.',
    ],
  },
  de: {
    confirmed: ['Vielen Dank!', 'Ihre Einwilligung ist bestätigt.'],
    already: [
      'Bereits bestätigt',
      'Diese Einwilligung wurde schon bestätigt; es ist nichts weiter zu tun.',
    ],
    invalid: [
      'Link ungültig',
      'Dieser Bestätigungslink ist beschädigt. Bitte verwenden Sie den Link aus der E-Mail unverändert.',
    ],
    expired: [
      'Link abgelaufen',
      'Dieser Bestätigungslink ist abgelaufen. Bitte melden Sie sich erneut an, um einen neuen zu erhalten.',
    ],
    gone: [
      'Nichts zu bestätigen',
      'Diese Einwilligung wurde inzwischen widerrufen, geändert oder gelöscht und kann nicht mehr bestätigt werden.',
    ],
  },
} as const

type Outcome = keyof (typeof pages)['en']

function page(c: Context, outcome: Outcome, locale: unknown, status: 200 | 400 | 410) {
  const texts =
    locale === 'de' || (typeof locale === 'string' && locale.startsWith('de-'))
      ? pages.de
      : pages.en
  const [title, text] = texts[outcome]
  c.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'")
  return c.html(
    `<!doctype html><html lang="${texts === pages.de ? 'de' : 'en'}"><meta charset="utf-8">` +
      `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title>` +
      `<main style="font-family: system-ui, sans-serif; max-width: 36rem; margin: 4rem auto; padding: 0 1rem">` +
      `<h1>${title}</h1><p>${text}</p></main></html>`,
    status,
  )
}

/** `GET /v1/doi/confirm?token=...`: records `confirmed` for a pending consent. */
export function confirmRoute(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/doi/confirm', async (c) => {
    const now = ctx.now()
    const opened = ctx.signer.open('doi', c.req.query('token'), now)
    if (!opened.ok)
      return page(c, opened.reason, undefined, opened.reason === 'expired' ? 410 : 400)
    const { v: visitorId, p: purposeId, n: version, l: locale } = opened.payload
    const purpose = ctx.config.purposes.find((item) => item.id === purposeId)
    if (typeof visitorId !== 'string' || typeof version !== 'number' || !purpose) {
      return page(c, 'gone', locale, 410)
    }
    const outcome = await ctx.database.db.transaction(async (tx): Promise<Outcome> => {
      const stored = await loadProfile(tx, ctx.config, visitorId, { now, log: ctx.log, lock: true })
      // The visitor was erased after the mail was sent.
      if (!stored.exists) return 'gone'
      const state = consentState(ctx.config, stored.profile, purpose.id, now)
      const lastGrant = stored.profile.consents.findLast(
        (event) => event.purposeId === purpose.id && event.decision !== 'confirmed',
      )
      if (
        state === 'granted' &&
        lastGrant?.decision === 'granted' &&
        lastGrant.version === version
      ) {
        return 'already'
      }
      if (state !== 'pending' || lastGrant?.version !== version) return 'gone'
      const event: ConsentEvent = {
        purposeId: purpose.id,
        decision: 'confirmed',
        version,
        at: now.toISOString(),
        ...(typeof locale === 'string' ? { locale } : {}),
        source: 'double-opt-in',
      }
      await appendConsentEvents(tx, ctx.config, visitorId, [event], now)
      return 'confirmed'
    })
    return page(c, outcome, locale, outcome === 'gone' ? 410 : 200)
  })
}
