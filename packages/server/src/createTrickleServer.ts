import type { Config } from '@trickle/core'
import { Hono, type Context } from 'hono'
import { cors } from 'hono/cors'
import { secureHeaders } from 'hono/secure-headers'
import { ApiError, handleError } from './apiError'
import { assetRoute } from './assetRoute'
import { assertLinearPatterns } from './compileLinearPattern'
import { consentTextGuard } from './checkConsentTexts'
import { resolveAssets, type AssetOptions } from './assets'
import { deliveryAdminRoutes } from './delivery/deliveryAdminRoutes'
import { createDeliveryWorker } from './delivery/createDeliveryWorker'
import { createDestinationAdapters, type DestinationOptions } from './delivery/destinationAdapters'
import { confirmRoute } from './doubleOptIn'
import { funnelBatchesPerMinute, funnelRoutes } from './funnel/funnelRoutes'
import { consoleMailer, type Mailer } from './mailer'
import { meRoutes } from './meRoutes'
import type { TrickleDatabase } from './openDatabase'
import { planRoute } from './planRoute'
import { deskPageRoute } from './privacyDesk/deskPageRoute'
import { studioRoute } from './studio/studioRoute'
import { createRateLimiter, type RateLimitOptions } from './rateLimit'
import { defaultBodyLimit } from './readJsonBody'
import { reportRoute } from './reportRoute'
import { addressIndexBackfill } from './privacy/addressIndexBackfill'
import { dailyRetention } from './privacy/dailyRetention'
import { peopleRoutes } from './privacy/peopleRoutes'
import { requestGuard } from './requestGuard'
import { adminTokensOf } from './requireAdmin'
import type { AppEnv, ServerContext } from './serverContext'
import { createSigner } from './signer'
import { submitRoute } from './submitRoute'
import { readVisitor } from './visitorCookie'
import { withdrawRoute } from './withdrawRoute'
import { clientAddress } from './clientAddress'
import { originAllowed } from './originCheck'

export interface TrickleServerOptions {
  /** A parsed config (`parseConfig` / `assertConfig` from `@trickle/core`). */
  config: Config
  /** From `openDatabase()`. `close()` closes it. */
  database: TrickleDatabase
  /** Signs the visitor cookie and the download and confirmation links (at least 32 characters). */
  secret: string
  /**
   * Enables the admin routes (report, deliveries, privacy desk) for `Authorization: Bearer
   * <adminToken>`; the audit log names it `admin`.
   */
  adminToken?: string | undefined
  /**
   * Named admin tokens (`{ dpo: "…", ops: "…" }`, env `TRICKLE_ADMIN_TOKENS="dpo:…,ops:…"`):
   * each opens the admin routes, and the privacy desk's audit log says which one acted.
   */
  adminTokens?: Record<string, string> | undefined
  /**
   * The retention run (values past their purposes' `retainDays`): with `daily`, the server runs
   * it once at start and then once a day by its clock (`now`); env `TRICKLE_RETENTION_DAILY=1`.
   * `checkIntervalMs` is how often it looks whether a day has passed (default one hour).
   */
  retention?: { daily?: boolean | undefined; checkIntervalMs?: number | undefined } | undefined
  /** Origins of the sites that embed the forms, e.g. `https://www.example.com` (CORS with credentials). */
  allowedOrigins?: readonly string[] | undefined
  /** Sends double opt-in mails. Default: prints the link with a masked address. */
  mailer?: Mailer | undefined
  /** A folder with the gated files, named after their form: `whitepaper.pdf` for form `whitepaper`. */
  assetsDir?: string | undefined
  /** Gated files by form id (override `assetsDir`). */
  assets?: Record<string, AssetOptions> | undefined
  /** Requests per visitor and IP; `false` turns limiting off (e.g. behind a limiting gateway). */
  rateLimit?: RateLimitOptions | false | undefined
  /** Largest request body in bytes (default 64 KiB). */
  bodyLimit?: number | undefined
  /**
   * The server's public address for links in mails (default: the address of the request). Writes
   * from its origin are its own (the double opt-in page posts from there).
   */
  publicUrl?: string | undefined
  /**
   * Trust the last entry of `X-Forwarded-For` (client address) and `X-Forwarded-Proto` (HTTPS),
   * the ones the reverse proxy in front wrote. `X-Forwarded-Host` is never trusted: list the site
   * in `allowedOrigins`.
   * Default false.
   */
  trustProxy?: boolean | undefined
  /** The clock (tests). */
  now?: (() => Date) | undefined
  /** Where server log lines go (default `console.error`). Lines never contain personal values. */
  log?: ((line: string) => void) | undefined
  /**
   * How each destination of the config is reached, by destination id: `url` and `secret`
   * (`startServer` reads them from `TRICKLE_DESTINATION_<ID>_URL` / `_SECRET`), or your own
   * `adapter`. A destination without its secret (or a webhook without its URL) is refused.
   */
  destinations?: Record<string, DestinationOptions | undefined> | undefined
  /** The delivery worker (hand-off to destinations). */
  delivery?:
    | {
        /** Waits after failed attempts, in ms (default 2 s, 10 s, 1 min, ... about 24 h). */
        retrySchedule?: readonly number[] | undefined
        /** How often to look for due deliveries (default 1000 ms). */
        pollIntervalMs?: number | undefined
        /** Time allowed per attempt (default 10 s). */
        attemptTimeoutMs?: number | undefined
        /** The fetch the built-in adapters use (default the global one). */
        fetch?: typeof fetch | undefined
      }
    | undefined
}

export interface TrickleServer {
  /** The Hono app: `serve({ fetch: app.fetch })`, or mount it in another Hono app. */
  app: Hono<AppEnv>
  /** Stops the delivery worker (releasing its claims), then closes the database. */
  close(): Promise<void>
}

const unsafeMethods = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * The Trickle HTTP API under `/v1`: plan, submissions, withdrawal, export, erasure, double
 * opt-in, gated files and the report. It recognises visitors by a signed first-party cookie
 * and re-checks every submission with the core functions against its own copy of the profile.
 */
export function createTrickleServer(options: TrickleServerOptions): TrickleServer {
  const { config, database } = options
  assertLinearPatterns(config)
  const log = options.log ?? ((line: string) => console.error(line))
  const allowedOrigins = new Set(options.allowedOrigins ?? [])
  for (const origin of allowedOrigins) {
    if (!/^https?:\/\/[^/]+$/.test(origin)) {
      throw new Error(
        `allowedOrigins: "${origin}" is not an origin; write scheme and host only, e.g. "https://www.example.com".`,
      )
    }
  }
  const trustProxy = options.trustProxy === true
  const forwarded = (c: Context, name: string) =>
    trustProxy ? c.req.header(name)?.split(',').at(-1)?.trim() || undefined : undefined
  const isHttps = (c: Context): boolean =>
    (forwarded(c, 'x-forwarded-proto') ?? new URL(c.req.url).protocol.slice(0, -1)) === 'https'
  const { publicUrl } = options
  if (publicUrl !== undefined && !(/^https?:\/\//.test(publicUrl) && URL.canParse(publicUrl))) {
    throw new Error(
      `publicUrl: "${publicUrl}" is not an address such as "https://forms.example.com".`,
    )
  }
  // The server's own page (double opt-in) posts from its public address.
  const publicOrigin = publicUrl === undefined ? undefined : new URL(publicUrl).origin
  const ctx: ServerContext & { bodyLimit: number; publicUrl: string | undefined } = {
    config,
    database,
    signer: createSigner(options.secret),
    mailer: options.mailer ?? consoleMailer(),
    assets: resolveAssets(
      config.forms.map((form) => form.id),
      { assets: options.assets, assetsDir: options.assetsDir },
    ),
    adminTokens: adminTokensOf(options),
    now: options.now ?? (() => new Date()),
    log,
    storedTexts: new Set(),
    isHttps,
    bodyLimit: options.bodyLimit ?? defaultBodyLimit,
    publicUrl,
  }
  // Before anything runs: a destination that cannot be reached stops the start.
  const adapters = createDestinationAdapters(config, options.destinations, options.delivery?.fetch)
  const delivery = createDeliveryWorker({
    database,
    config,
    adapters,
    retrySchedule: options.delivery?.retrySchedule,
    pollIntervalMs: options.delivery?.pollIntervalMs,
    attemptTimeoutMs: options.delivery?.attemptTimeoutMs,
    now: ctx.now,
    log,
  })
  ctx.delivery = delivery
  const backfill = addressIndexBackfill(ctx)
  ctx.addressIndexReady = backfill.ready
  const limiter = options.rateLimit === false ? null : createRateLimiter(options.rateLimit)

  const api = new Hono<AppEnv>()
  api.use(
    '*',
    cors({
      origin: (origin) => (allowedOrigins.has(origin) ? origin : null),
      credentials: true,
      allowMethods: ['GET', 'POST', 'DELETE'],
      allowHeaders: ['Content-Type', 'Authorization'],
      maxAge: 600,
    }),
  )
  api.use('*', async (c, next) => {
    c.header('cache-control', 'no-store')
    // Cross-site requests that change data come only from allowed sites (CSRF protection).
    const origin = c.req.header('origin')
    if (unsafeMethods.has(c.req.method) && origin !== undefined) {
      if (!originAllowed(c, origin, { allowedOrigins, publicOrigin, isHttps })) {
        throw new ApiError(
          403,
          'origin-not-allowed',
          `Requests from ${JSON.stringify(origin.slice(0, 100))} are not allowed. The server operator can add this origin to allowedOrigins (TRICKLE_ALLOWED_ORIGINS); a site behind a proxy that rewrites the Host header (a Next.js rewrite) needs it too.`,
        )
      }
    }
    const visitor = readVisitor(c, ctx.signer)
    c.set('visitor', visitor)
    if (limiter) {
      // The funnel's anonymous counts are never tied to a visitor, not even in a limiter window
      // (a beacon carries the cookie whether we like it or not): they count per address only.
      const anonymous = visitor.isNew || c.req.path === '/v1/funnel'
      const decision = limiter.hit(
        { visitor: anonymous ? undefined : visitor.id, ip: clientAddress(c, trustProxy) },
        ctx.now().getTime(),
      )
      if (!decision.allowed) {
        c.header('retry-after', String(decision.retryAfter))
        throw new ApiError(
          429,
          'rate-limited',
          `Too many requests; try again in ${decision.retryAfter} seconds.`,
        )
      }
    }
    await next()
  })
  // Query text and body size, for every route (after the cheaper refusals above).
  api.use('*', requestGuard({ bodyLimit: ctx.bodyLimit }))
  api.on('POST', ['/submissions', '/doi/confirm'], consentTextGuard(database, config, log))
  planRoute(api, ctx)
  submitRoute(api, ctx)
  withdrawRoute(api, ctx)
  meRoutes(api, ctx)
  confirmRoute(api, ctx)
  assetRoute(api, ctx)
  reportRoute(api, ctx)
  deliveryAdminRoutes(api, ctx)
  peopleRoutes(api, ctx)
  funnelRoutes(api, ctx, {
    // Its own window per client address: anonymous statistics must not use up a visitor's
    // requests, and a flood of batches must not skew the counts.
    limiter:
      options.rateLimit === false
        ? null
        : createRateLimiter({
            perIp: funnelBatchesPerMinute,
            ...(options.rateLimit?.windowMs !== undefined && {
              windowMs: options.rateLimit.windowMs,
            }),
          }),
    addressOf: (c) => clientAddress(c, trustProxy),
  })

  api.onError(handleError(log))

  const app = new Hono<AppEnv>()
  // A header a route sets itself wins (the double opt-in page's referrer policy).
  app.use('*', secureHeaders({ crossOriginResourcePolicy: 'same-site', overwrite: false }))
  app.route('/v1', api)
  app.get('/healthz', (c) => c.json({ ok: true, database: database.kind }))
  deskPageRoute(app, ctx)
  studioRoute(app, ctx)
  app.notFound((c) =>
    c.json(
      {
        error: 'not-found',
        message: `No endpoint ${c.req.method} ${new URL(c.req.url).pathname.slice(0, 100)}. See the endpoints in the @trickle/server README.`,
      },
      404,
    ),
  )
  app.onError(handleError(log))

  const retention = options.retention?.daily
    ? dailyRetention(ctx, options.retention.checkIntervalMs)
    : undefined

  return {
    app,
    close: async () => {
      await retention?.stop()
      await delivery.close()
      await backfill.idle()
      await database.close()
    },
  }
}
