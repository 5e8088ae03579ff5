import { defaultLocale, idPattern, localize } from '@trickle/core'
import type { Context, Hono } from 'hono'
import { ApiError } from '../apiError'
import { pageLanguage } from '../confirmPage'
import { requireAdmin } from '../requireAdmin'
import type { AppEnv, ServerContext } from '../serverContext'
import { addressHash, addressProblem } from './addressHash'
import { visitorsWithAddress } from './addressIndex'
import { appendAudit, listAudit, type AuditAction } from './auditLog'
import { erasePeople } from './erasePeople'
import { listReceipts } from './erasureReceipt'
import { exportPeople } from './exportPeople'
import { findPeople } from './findPeople'
import { exportPage, proofPage } from './printablePages'
import { proofOfConsent } from './proofOfConsent'
import { runRetention } from './retention'
import { withdrawPeople } from './withdrawPeople'

const printablePolicy =
  "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

/** Longest `reason` kept on a receipt or in the audit log. */
const maxReasonLength = 500

/**
 * The privacy desk's API (admin token): find, export, proof, erase and withdraw for a person
 * by e-mail address across all their profiles, the erasure receipts, the audit log and the
 * retention run. Every action is audited with the token's name; log lines name the action, the
 * actor and a prefix of the keyed address hash, never an address or a value.
 */
export function peopleRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const { db } = ctx.database

  /** The admin, the address's keyed hash (422 for a missing or malformed one). */
  const begin = async (c: Context<AppEnv>, action: AuditAction) => {
    const actor = requireAdmin(ctx, c)
    const problem = addressProblem(c.req.query('email'))
    if (problem !== null) {
      await appendAudit(db, {
        at: ctx.now(),
        actor,
        action,
        detail: { refused: 'invalid-email' },
      })
      throw new ApiError(422, 'invalid-email', problem, {
        issues: [{ path: '?email', code: 'invalid-email', message: problem }],
      })
    }
    await ctx.addressIndexReady?.()
    return { actor, hash: addressHash(ctx.signer, c.req.query('email') ?? '') }
  }
  const logLine = (actor: string, action: string, hash: string | null, detail: string) =>
    ctx.log(
      `[trickle] privacy desk: ${actor} ${action}${hash === null ? '' : ` ${hash.slice(0, 8)}…`} (${detail})`,
    )
  const purposeOf = async (
    c: Context<AppEnv>,
    actor: string,
    action: AuditAction,
    hash: string,
    consentOnly: boolean,
  ) => {
    const purposeId = c.req.query('purpose') ?? ''
    const known = ctx.config.purposes.filter((p) => !consentOnly || p.basis === 'consent')
    const purpose = idPattern.test(purposeId) ? known.find((p) => p.id === purposeId) : undefined
    if (purpose === undefined) {
      await appendAudit(db, {
        at: ctx.now(),
        actor,
        action,
        addressHash: hash,
        detail: { refused: 'unknown-purpose' },
      })
      const message = `${purposeId === '' ? 'Give the purpose: ?purpose=<id>.' : 'There is no such purpose.'} Known ${consentOnly ? 'consent ' : ''}purposes: ${known.map((p) => p.id).join(', ') || '(none)'}.`
      throw new ApiError(422, 'unknown-purpose', message, {
        issues: [{ path: '?purpose', code: 'unknown-purpose', message }],
      })
    }
    return purpose
  }
  const reasonOf = (c: Context<AppEnv>): string | null => {
    const reason = c.req.query('reason')?.trim()
    return reason ? reason.slice(0, maxReasonLength) : null
  }
  const htmlOrJson = (c: Context<AppEnv>) => {
    const format = c.req.query('format') ?? 'json'
    if (format !== 'json' && format !== 'html') {
      throw new ApiError(422, 'invalid-format', 'format is "json" (default) or "html".', {
        issues: [{ path: '?format', code: 'invalid-format', message: 'Use json or html.' }],
      })
    }
    const locale = c.req.query('locale')
    const locales = new Set([...ctx.config.locales, 'en', 'de'])
    if (locale !== undefined && !locales.has(locale)) {
      const message = `locale is one of: ${[...locales].join(', ')}.`
      throw new ApiError(422, 'unknown-locale', message, {
        issues: [{ path: '?locale', code: 'unknown-locale', message }],
      })
    }
    return { format, locale, language: pageLanguage(locale, c.req.header('accept-language')) }
  }
  /** A printable page: its inline style only, nothing loaded, not framed, no referrer. */
  const printable = (c: Context<AppEnv>) => {
    c.header('content-security-policy', printablePolicy)
    c.header('referrer-policy', 'no-referrer')
  }
  const limitOf = (c: Context<AppEnv>, fallback: number) => {
    const value = c.req.query('limit')
    if (value === undefined) return fallback
    const limit = Number(value)
    if (!/^\d{1,4}$/.test(value) || limit < 1 || limit > 1000) {
      throw new ApiError(422, 'invalid-limit', 'limit is a whole number from 1 to 1000.', {
        issues: [{ path: '?limit', code: 'invalid-limit', message: 'Use 1 to 1000.' }],
      })
    }
    return limit
  }

  app.get('/admin/people', async (c) => {
    const { actor, hash } = await begin(c, 'find')
    const now = ctx.now()
    const visitorIds = await visitorsWithAddress(db, hash)
    // Labels in the asker's language where the config has it (the desk sends its own).
    const profiles = await findPeople(db, ctx.config, visitorIds, {
      now,
      log: ctx.log,
      locale: c.req.query('locale'),
    })
    await appendAudit(db, {
      at: now,
      actor,
      action: 'find',
      addressHash: hash,
      detail: { profiles: profiles.length },
    })
    logLine(actor, 'find', hash, `${profiles.length} profiles`)
    return c.json({ addressHash: hash, profiles })
  })

  app.get('/admin/people/export', async (c) => {
    const { actor, hash } = await begin(c, 'export')
    const { format, locale, language } = htmlOrJson(c)
    const now = ctx.now()
    const visitorIds = await visitorsWithAddress(db, hash)
    const exportLocale =
      locale !== undefined && ctx.config.locales.includes(locale)
        ? locale
        : format === 'html' && ctx.config.locales.includes(language)
          ? language
          : defaultLocale(ctx.config)
    const exported = await exportPeople(db, ctx.config, visitorIds, {
      now,
      locale: exportLocale,
      addressHash: hash,
      log: ctx.log,
    })
    await appendAudit(db, {
      at: now,
      actor,
      action: 'export',
      addressHash: hash,
      detail: { profiles: exported.profiles.length, format },
    })
    logLine(actor, 'export', hash, `${exported.profiles.length} profiles, ${format}`)
    if (format === 'html') {
      printable(c)
      return c.html(exportPage(exported, language))
    }
    c.header('content-disposition', `attachment; filename="export-${hash.slice(0, 8)}.json"`)
    return c.json(exported)
  })

  app.get('/admin/people/proof', async (c) => {
    const { actor, hash } = await begin(c, 'proof')
    const purpose = await purposeOf(c, actor, 'proof', hash, false)
    const { format, language } = htmlOrJson(c)
    const now = ctx.now()
    const visitorIds = await visitorsWithAddress(db, hash)
    const people = await findPeople(db, ctx.config, visitorIds, { now, log: ctx.log })
    const proof = proofOfConsent(people, purpose.id, hash)
    await appendAudit(db, {
      at: now,
      actor,
      action: 'proof',
      addressHash: hash,
      purposeId: purpose.id,
      detail: { profiles: people.length, events: proof.proofs.length, format },
    })
    logLine(actor, 'proof', hash, `${purpose.id}, ${proof.proofs.length} events`)
    if (format === 'html') {
      printable(c)
      return c.html(proofPage(proof, localize(purpose.label, language, ctx.config), language))
    }
    return c.json(proof)
  })

  app.delete('/admin/people', async (c) => {
    const { actor, hash } = await begin(c, 'erase')
    const { receipt, enqueued } = await erasePeople(db, ctx.config, {
      addressHash: hash,
      actor,
      reason: reasonOf(c),
      now: ctx.now(),
    })
    if (enqueued > 0) ctx.delivery?.kick()
    logLine(actor, 'erase', hash, `${receipt.profiles} profiles, receipt ${receipt.id}`)
    return c.json({ receipt })
  })

  app.post('/admin/people/withdraw', async (c) => {
    const { actor, hash } = await begin(c, 'withdraw')
    const purpose = await purposeOf(c, actor, 'withdraw', hash, true)
    const { enqueued, ...result } = await withdrawPeople(db, ctx, {
      addressHash: hash,
      purposeId: purpose.id,
      actor,
      reason: reasonOf(c),
      now: ctx.now(),
    })
    if (enqueued > 0) ctx.delivery?.kick()
    logLine(actor, 'withdraw', hash, `${purpose.id}, ${result.profiles} profiles`)
    return c.json(result)
  })

  app.get('/admin/erasures', async (c) => {
    requireAdmin(ctx, c)
    return c.json({ receipts: await listReceipts(db, limitOf(c, 50)) })
  })

  app.get('/admin/audit', async (c) => {
    requireAdmin(ctx, c)
    const before = c.req.query('before')
    if (before !== undefined && !/^[1-9]\d{0,15}$/.test(before)) {
      throw new ApiError(422, 'invalid-before', 'before is the seq of an entry (a whole number).', {
        issues: [{ path: '?before', code: 'invalid-before', message: 'Use an entry seq.' }],
      })
    }
    const entries = await listAudit(db, {
      limit: limitOf(c, 100),
      before: before === undefined ? undefined : Number(before),
    })
    return c.json({ entries })
  })

  app.post('/admin/retention', async (c) => {
    const actor = requireAdmin(ctx, c)
    const apply = c.req.query('apply') ?? 'false'
    if (apply !== 'true' && apply !== 'false') {
      throw new ApiError(422, 'invalid-apply', 'apply is "true" (erase) or "false" (dry run).', {
        issues: [{ path: '?apply', code: 'invalid-apply', message: 'Use true or false.' }],
      })
    }
    await ctx.addressIndexReady?.()
    const { enqueued, ...run } = await runRetention(db, ctx, {
      apply: apply === 'true',
      now: ctx.now(),
      actor,
    })
    if (enqueued > 0) ctx.delivery?.kick()
    logLine(
      actor,
      'retention',
      null,
      `${run.dryRun ? 'dry run' : 'applied'}, ${run.receipts.length} receipts`,
    )
    return c.json(run)
  })
}
