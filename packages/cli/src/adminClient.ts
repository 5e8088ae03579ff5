import { randomBytes } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { hostname } from 'node:os'
import { join, resolve } from 'node:path'
import { destinationEnv, type Config } from '@trickle/core'
import { CliError, type CliIo } from './io'
import { readConfigFile } from './readConfigFile'

/** One answer of the admin API. */
export interface AdminAnswer {
  /** The parsed JSON body, or undefined for another type (an HTML page). */
  body: unknown
  text: string
  /** The file name of a `content-disposition: attachment` answer. */
  fileName: string | undefined
}

/** The admin API, reached over HTTP or served in this process. */
export interface AdminClient {
  /** Throws a CliError (exit code 1) with the API's message when it refuses. */
  request(method: string, path: string): Promise<AdminAnswer>
  close(): Promise<void>
}

const requestTimeoutMs = 30_000

/** The admin API of a running server; `flag` is the option that names its address. */
export function httpAdminClient(url: string, token: string, flag = '--url'): AdminClient {
  return {
    async request(method, path) {
      let response: Response
      try {
        response = await fetch(new URL(path, url), {
          method,
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
          signal: AbortSignal.timeout(requestTimeoutMs),
        })
      } catch (error) {
        const reason =
          (error as Error).name === 'TimeoutError' ? 'no answer within 30 s' : 'refused'
        throw new CliError(
          `Cannot reach the Trickle server at ${url} (${reason}). Is it running? Pass its address with ${flag}.`,
          1,
        )
      }
      return answer(
        response,
        `${url} answered ${response.status} without JSON: is it a Trickle server? Check ${flag}.`,
      )
    },
    close: async () => {},
  }
}

async function answer(response: Response, notJson: string): Promise<AdminAnswer> {
  const text = await response.text()
  const html = response.headers.get('content-type')?.startsWith('text/html') ?? false
  let body: unknown
  if (!html || !response.ok) {
    try {
      body = JSON.parse(text)
    } catch {
      throw new CliError(notJson, 1)
    }
  }
  if (!response.ok) {
    // `{ error, message }`, or `{ error: { code, message } }`.
    const { error, message } = body as { error?: { message?: unknown }; message?: unknown }
    const reason = typeof message === 'string' ? message : error?.message
    throw new CliError(
      `${response.status}: ${typeof reason === 'string' ? reason : 'the server refused the request.'}`,
      1,
    )
  }
  const disposition = response.headers.get('content-disposition') ?? ''
  const fileName = /filename="([\w.-]+)"/.exec(disposition)?.[1]
  return { body, text, fileName }
}

export interface AdminTarget {
  /** `--server`, else TRICKLE_SERVER_URL. */
  server?: string | undefined
  /** `--data`, else TRICKLE_DATA_DIR, else `.trickle-data`. */
  dataDir?: string | undefined
  /** `--config`, else TRICKLE_CONFIG, else `trickle.config.json` (for the database opened here). */
  config?: string | undefined
}

const env = (name: string) => process.env[name]?.trim() || undefined

/**
 * Where the admin commands go: a server named by `--server`/TRICKLE_SERVER_URL; else the database
 * itself (DATABASE_URL, or the data folder) with the server's routes served in this process;
 * else, when a running server holds the data folder, that server's API (its lock file says where).
 */
export async function openAdminClient(io: CliIo, target: AdminTarget): Promise<AdminClient> {
  const server = target.server ?? env('TRICKLE_SERVER_URL')
  if (server !== undefined) return httpAdminClient(serverAddress(server), token(), '--server')
  const databaseUrl = env('DATABASE_URL')
  const dataDir = resolve(io.cwd, target.dataDir ?? env('TRICKLE_DATA_DIR') ?? '.trickle-data')
  if (databaseUrl === undefined) {
    const holder = runningServer(dataDir)
    if (holder !== undefined) {
      if (holder.url === undefined) {
        throw new CliError(
          `The data folder ${dataDir} is in use by process ${holder.pid}: pass the address of that Trickle server with --server (and its admin token in TRICKLE_ADMIN_TOKEN).`,
        )
      }
      const admin = env('TRICKLE_ADMIN_TOKEN')
      if (admin === undefined) {
        throw new CliError(
          `The data folder ${dataDir} is in use by the Trickle server at ${holder.url} (process ${holder.pid}): set TRICKLE_ADMIN_TOKEN to its admin token to go through its API.`,
        )
      }
      io.stderr(`The Trickle server at ${holder.url} holds ${dataDir}: going through its API.\n`)
      return httpAdminClient(holder.url, admin, '--server')
    }
    if (!existsSync(join(dataDir, 'pglite'))) {
      throw new CliError(
        `No Trickle database at ${dataDir}. Say where it is: --server <url> (or TRICKLE_SERVER_URL) with TRICKLE_ADMIN_TOKEN for a running server, DATABASE_URL for PostgreSQL, or --data <folder> (TRICKLE_DATA_DIR) for the embedded database.`,
      )
    }
  }
  return inProcessClient(io, target, databaseUrl, dataDir)
}

/** The routes served in this process, over the database opened here, with a one-off token. */
async function inProcessClient(
  io: CliIo,
  target: AdminTarget,
  databaseUrl: string | undefined,
  dataDir: string,
): Promise<AdminClient> {
  const path = target.config ?? env('TRICKLE_CONFIG') ?? 'trickle.config.json'
  if (!existsSync(resolve(io.cwd, path))) {
    throw new CliError(
      `No config at ${path}: the database is opened here and needs the server's config. Pass it with --config <file> (or set TRICKLE_CONFIG).`,
    )
  }
  const read = await readConfigFile(io.cwd, path)
  if (!read.ok)
    throw new CliError(`${path} has errors. Run \`trickle validate ${path}\` to see them.`, 1)
  const { createTrickleServer, openDatabase, resolveSecret } = await import('@trickle/server')
  let database: Awaited<ReturnType<typeof openDatabase>>
  let secret: string
  try {
    secret = await resolveSecret({ secret: env('TRICKLE_SECRET'), databaseUrl, dataDir })
    database = await openDatabase(databaseUrl ? { url: databaseUrl } : { dataDir })
  } catch (error) {
    throw new CliError((error as Error).message, 1)
  }
  const oneOff = randomBytes(32).toString('base64url')
  let app: ReturnType<typeof createTrickleServer>
  try {
    app = createTrickleServer({
      config: read.config,
      database,
      secret,
      adminTokens: { cli: oneOff },
      rateLimit: false,
      log: () => {},
      destinations: destinationsFromEnv(read.config),
    })
  } catch (error) {
    await database.close()
    throw new CliError((error as Error).message, 1)
  }
  return {
    async request(method, path) {
      const response = await app.app.request(path, {
        method,
        headers: { authorization: `Bearer ${oneOff}`, accept: 'application/json' },
      })
      return answer(response, `The server answered ${response.status} without JSON.`)
    },
    close: () => app.close(),
  }
}

/** The server holding the data folder's lock, when it runs on this machine. */
function runningServer(dataDir: string): { pid: number; url: string | undefined } | undefined {
  let lock: { pid?: unknown; hostname?: unknown; url?: unknown }
  try {
    lock = JSON.parse(readFileSync(join(dataDir, 'server.lock'), 'utf8')) as typeof lock
  } catch {
    return undefined
  }
  const { pid, url } = lock
  if (typeof pid !== 'number' || lock.hostname !== hostname()) return undefined
  try {
    process.kill(pid, 0)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return undefined
  }
  return { pid, url: typeof url === 'string' && /^https?:\/\//.test(url) ? url : undefined }
}

function serverAddress(url: string): string {
  if (!/^https?:\/\//.test(url) || !URL.canParse(url)) {
    throw new CliError(
      `--server takes the server's address, e.g. http://127.0.0.1:8787, not "${url}".`,
    )
  }
  return url.replace(/\/+$/, '')
}

function token(): string {
  const value = env('TRICKLE_ADMIN_TOKEN')
  if (value === undefined) {
    throw new CliError("The admin API needs the server's admin token: set TRICKLE_ADMIN_TOKEN.")
  }
  return value
}

/** Each destination's address and secret from the environment, as the server reads them. */
function destinationsFromEnv(config: Config): Record<string, { url?: string; secret?: string }> {
  const destinations: Record<string, { url?: string; secret?: string }> = Object.create(null)
  for (const destination of config.destinations ?? []) {
    const names = destinationEnv(destination)
    const url = env(names.url)
    const secret = env(names.secret)
    destinations[destination.id] = { ...(url && { url }), ...(secret && { secret }) }
  }
  return destinations
}
