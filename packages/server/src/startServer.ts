import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { serve, type ServerType } from '@hono/node-server'
import { destinationEnv, parseConfig, type Config } from '@trickle/core'
import { assertConsentTexts } from './checkConsentTexts'
import { compileLinearPattern } from './compileLinearPattern'
import { createTrickleServer, type TrickleServer } from './createTrickleServer'
import { consoleMailer, fileMailer } from './mailer'
import { openDatabase } from './openDatabase'
import { parseAdminTokens } from './requireAdmin'
import { resolveSecret } from './secret'

/** The environment variables the server reads. */
export interface TrickleServerEnv {
  PORT?: string | undefined
  HOST?: string | undefined
  DATABASE_URL?: string | undefined
  TRICKLE_SECRET?: string | undefined
  TRICKLE_ADMIN_TOKEN?: string | undefined
  /** Named admin tokens: `dpo:<token>,ops:<token>` (the audit log names who acted). */
  TRICKLE_ADMIN_TOKENS?: string | undefined
  /** `1` or `true`: erase values past their purposes' `retainDays` once a day. */
  TRICKLE_RETENTION_DAILY?: string | undefined
  TRICKLE_CONFIG?: string | undefined
  TRICKLE_DATA_DIR?: string | undefined
  TRICKLE_ALLOWED_ORIGINS?: string | undefined
  TRICKLE_ASSETS_DIR?: string | undefined
  TRICKLE_PUBLIC_URL?: string | undefined
  TRICKLE_TRUST_PROXY?: string | undefined
  TRICKLE_MAIL_DIR?: string | undefined
  /** Per destination of the config: `TRICKLE_DESTINATION_<ID>_URL` and `_SECRET`. */
  [destination: `TRICKLE_DESTINATION_${string}`]: string | undefined
}

export interface StartServerOptions {
  /** Default: `process.env`. */
  env?: TrickleServerEnv
  /** A parsed config; default: read from TRICKLE_CONFIG (or `./trickle.config.json`). */
  config?: Config
  /** Where the startup line and server logs go (default: console). */
  log?: (line: string) => void
}

export interface RunningServer {
  /** Where it listens, e.g. `http://127.0.0.1:8787`. */
  url: string
  server: TrickleServer
  /** Stops accepting connections, waits for open requests, closes the database. */
  close(): Promise<void>
}

export const defaultPort = 8787

/**
 * Starts the server from environment variables: PGlite in TRICKLE_DATA_DIR (default
 * `.trickle-data`) or PostgreSQL with DATABASE_URL; migrations run before it listens. It refuses
 * to start when a consent text differs from the one recorded for the same version.
 * Used by the `trickle-server` bin, the root `npm start` and `trickle serve`.
 */
export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const env: TrickleServerEnv = options.env ?? process.env
  const log = options.log ?? ((line: string) => console.log(line))
  const port = parsePort(env.PORT)
  const host = env.HOST?.trim() || '127.0.0.1'
  const config = options.config ?? (await loadConfig(env.TRICKLE_CONFIG))
  const databaseUrl = env.DATABASE_URL?.trim() || undefined
  const dataDir = env.TRICKLE_DATA_DIR?.trim() || '.trickle-data'
  const secret = await resolveSecret({ secret: env.TRICKLE_SECRET, databaseUrl, dataDir })
  const database = await openDatabase(databaseUrl ? { url: databaseUrl } : { dataDir })
  let server: TrickleServer
  try {
    // A consent text edited without a version bump must not be covered by the old consents.
    await assertConsentTexts(database.db, config)
    server = createTrickleServer({
      config,
      database,
      secret,
      adminToken: env.TRICKLE_ADMIN_TOKEN?.trim() || undefined,
      adminTokens: parseAdminTokens(env.TRICKLE_ADMIN_TOKENS),
      retention: {
        daily: env.TRICKLE_RETENTION_DAILY === '1' || env.TRICKLE_RETENTION_DAILY === 'true',
      },
      allowedOrigins: (env.TRICKLE_ALLOWED_ORIGINS ?? '')
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean),
      assetsDir: env.TRICKLE_ASSETS_DIR?.trim() || undefined,
      publicUrl: env.TRICKLE_PUBLIC_URL?.trim() || undefined,
      trustProxy: env.TRICKLE_TRUST_PROXY === '1' || env.TRICKLE_TRUST_PROXY === 'true',
      mailer: env.TRICKLE_MAIL_DIR?.trim()
        ? fileMailer(resolve(env.TRICKLE_MAIL_DIR))
        : consoleMailer(log),
      destinations: destinationsFromEnv(config, env),
    })
  } catch (error) {
    await database.close()
    throw error
  }

  const listening = await new Promise<{ http: ServerType; port: number }>(
    (resolveListen, reject) => {
      const http = serve({ fetch: server.app.fetch, port, hostname: host }, (info) =>
        resolveListen({ http, port: info.port }),
      )
      http.once('error', reject)
    },
  ).catch(async (error: unknown) => {
    await database.close()
    throw new Error(
      `Could not listen on ${host}:${port}: ${(error as Error).message}. Set PORT to a free port.`,
      { cause: error },
    )
  })
  const shownHost = host.includes(':') ? `[${host}]` : host
  const url = `http://${shownHost}:${listening.port}`
  const storage = databaseUrl ? 'PostgreSQL' : `PGlite in ${resolve(dataDir)}`
  // The CLI reads it to reach this server while it holds the folder.
  await database.recordUrl?.(url).catch((error: unknown) => {
    log(
      `[trickle] could not record the address in the data folder's lock: ${(error as Error).name}`,
    )
  })
  log(`Trickle server listening on ${url} (${storage})`)

  let closing: Promise<void> | undefined
  return {
    url,
    server,
    close() {
      closing ??= new Promise<void>((done) => {
        listening.http.close(() => done())
        // Idle keep-alive connections would hold close() open.
        ;(listening.http as { closeIdleConnections?: () => void }).closeIdleConnections?.()
      }).then(() => server.close())
      return closing
    },
  }
}

/** Each destination's URL and secret from the environment (a missing one is refused later, by name). */
function destinationsFromEnv(
  config: Config,
  env: TrickleServerEnv,
): Record<string, { url: string | undefined; secret: string | undefined }> {
  const destinations: Record<string, { url: string | undefined; secret: string | undefined }> =
    Object.create(null)
  for (const destination of config.destinations ?? []) {
    const names = destinationEnv(destination)
    destinations[destination.id] = {
      url: env[names.url as `TRICKLE_DESTINATION_${string}`]?.trim() || undefined,
      secret: env[names.secret as `TRICKLE_DESTINATION_${string}`]?.trim() || undefined,
    }
  }
  return destinations
}

function parsePort(value: string | undefined): number {
  if (value === undefined || value.trim() === '') return defaultPort
  const port = Number(value)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a number from 0 to 65535 (got "${value}").`)
  }
  return port
}

/** Reads and validates the config file; every problem is listed with its JSON Pointer. */
export async function loadConfig(path: string | undefined): Promise<Config> {
  const file = resolve(path?.trim() || 'trickle.config.json')
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    throw new Error(
      `No config at ${file}. Set TRICKLE_CONFIG to the path of your Trickle config JSON.`,
      { cause: error },
    )
  }
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (error) {
    throw new Error(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error })
  }
  const parsed = parseConfig(json, { compilePattern: compileLinearPattern })
  if (!parsed.ok) {
    const issues = parsed.issues.map((issue) => `  ${issue.path || '/'}: ${issue.message}`)
    throw new Error(`${file} is not a valid Trickle config:\n${issues.join('\n')}`)
  }
  return parsed.config
}
