import { spawn } from 'node:child_process'
import { copyFile, readFile, rename, rm, writeFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { basename, dirname, join, resolve } from 'node:path'
import { parseConfig } from '@trickle/core'
import { compileLinearPattern } from './compileLinearPattern'
import { CliError, type CliIo } from './io'

export interface StudioOptions {
  config: string
  /** 0 (default): a free port. */
  port?: number | undefined
  locale?: 'en' | 'de' | undefined
  /** A running Trickle server whose report the studio shows (with TRICKLE_ADMIN_TOKEN). */
  server?: string | undefined
  /** Open the page in the browser (default: yes, except in CI). */
  open?: boolean | undefined
}

export interface RunningStudio {
  url: string
  close(): Promise<void>
}

/** A saved config may be this large; a form's config is a few kB. */
const maxConfigBytes = 1024 * 1024
/** The report routes the studio's proxy passes on to --server (reads only). */
const reportPaths = /^\/v1\/admin\/(funnel|funnel\.csv|insights)$/

function send(
  response: ServerResponse,
  status: number,
  body: string,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, {
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  })
  response.end(body)
}

const sendError = (response: ServerResponse, status: number, message: string): void =>
  send(response, status, JSON.stringify({ error: { message } }), {
    'content-type': 'application/json; charset=utf-8',
  })

async function readBody(request: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = []
  let size = 0
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > maxConfigBytes) return null
    chunks.push(chunk)
  }
  return Buffer.concat(chunks).toString('utf8')
}

/** Why a body is not a config to save, or null when it is one. */
function refusal(text: string): string | null {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    return `The text is not JSON (${(error as Error).message}); nothing was written.`
  }
  const result = parseConfig(data, { compilePattern: compileLinearPattern })
  if (result.ok) return null
  const first = result.issues[0]
  return `The config has ${result.issues.length} error(s)${first ? `, first at ${first.path || '/'}: ${first.message}` : ''}; nothing was written.`
}

/**
 * Writes the file as a whole or not at all: the text goes to a temporary file next to it, the
 * previous version is kept as `<file>.bak`, then the temporary file takes the file's place.
 */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`)
  try {
    await writeFile(temporary, text, 'utf8')
    await copyFile(path, `${path}.bak`).catch(() => undefined)
    await rename(temporary, path)
  } finally {
    await rm(temporary, { force: true })
  }
}

/**
 * The studio's local server (127.0.0.1 only): the page, the config file (read, and written back
 * when the page saves a valid config), and the report API of `--server` with the admin token
 * from TRICKLE_ADMIN_TOKEN, which never reaches the page.
 */
export async function startStudio(io: CliIo, options: StudioOptions): Promise<RunningStudio> {
  const path = resolve(io.cwd, options.config)
  try {
    await readFile(path, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new CliError(
      code === 'ENOENT'
        ? `No such file: ${options.config}`
        : `Cannot read ${options.config}: ${(error as Error).message}`,
    )
  }
  const upstream = options.server?.replace(/\/+$/, '')
  if (upstream !== undefined && (!/^https?:\/\//.test(upstream) || !URL.canParse(upstream))) {
    throw new CliError(
      `--server takes the server's address, e.g. http://127.0.0.1:8787, not "${options.server}".`,
    )
  }
  const token = process.env.TRICKLE_ADMIN_TOKEN?.trim()
  if (upstream !== undefined && !token) {
    throw new CliError("The report needs the server's admin token: set TRICKLE_ADMIN_TOKEN.")
  }
  const { studioAssets, studioPage } = await import('@trickle/studio')
  const assets = await studioAssets()
  let origin = ''

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const url = new URL(request.url ?? '/', origin)
    // Only this machine's browser, by this server's own name (no DNS rebinding).
    if (
      request.headers.host !== new URL(origin).host &&
      request.headers.host !== `localhost:${new URL(origin).port}`
    ) {
      return sendError(response, 403, 'Open the studio at the address trickle studio printed.')
    }
    const method = request.method ?? 'GET'
    if (url.pathname === '/' && method === 'GET') {
      const page = studioPage({
        mode: 'file',
        fileName: basename(path),
        locale: options.locale,
        apiBase: upstream === undefined ? undefined : '/studio/api',
      })
      return send(response, 200, page.html, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': page.contentSecurityPolicy,
        'referrer-policy': 'no-referrer',
      })
    }
    if (url.pathname === '/favicon.ico') return send(response, 204, '')
    if (url.pathname === '/studio.js' && method === 'GET') {
      return send(response, 200, assets.script, {
        'content-type': 'text/javascript; charset=utf-8',
      })
    }
    if (url.pathname === '/studio.css' && method === 'GET') {
      return send(response, 200, assets.style, { 'content-type': 'text/css; charset=utf-8' })
    }
    if (url.pathname === '/studio/config') {
      if (method === 'GET') {
        const text = await readFile(path, 'utf8')
        return send(response, 200, text, { 'content-type': 'application/json; charset=utf-8' })
      }
      if (method === 'PUT') {
        const from = request.headers.origin
        if (from !== undefined && from !== origin) {
          return sendError(response, 403, 'Only the studio page may save the config.')
        }
        if (!request.headers['content-type']?.startsWith('application/json')) {
          return sendError(response, 415, 'Send the config as application/json.')
        }
        const text = await readBody(request)
        if (text === null) return sendError(response, 413, 'The config is larger than 1 MB.')
        const why = refusal(text)
        if (why) return sendError(response, 422, why)
        await writeAtomically(path, text)
        io.stdout(`Saved ${options.config}.\n`)
        return send(response, 200, JSON.stringify({ saved: true }), {
          'content-type': 'application/json; charset=utf-8',
        })
      }
      return sendError(response, 405, 'GET reads the config, PUT saves it.')
    }
    if (url.pathname.startsWith('/studio/api/')) {
      const apiPath = url.pathname.slice('/studio/api'.length)
      if (upstream === undefined)
        return sendError(response, 404, 'No server: start the studio with --server <address>.')
      if (method !== 'GET' || !reportPaths.test(apiPath)) {
        return sendError(response, 404, 'The studio passes on only the report (funnel, insights).')
      }
      try {
        const answer = await fetch(`${upstream}${apiPath}${url.search}`, {
          headers: { authorization: `Bearer ${token ?? ''}` },
        })
        const headers: Record<string, string> = {}
        for (const name of ['content-type', 'content-disposition']) {
          const value = answer.headers.get(name)
          if (value) headers[name] = value
        }
        return send(response, answer.status, await answer.text(), headers)
      } catch (error) {
        return sendError(
          response,
          502,
          `The server at ${upstream} did not answer: ${(error as Error).message}`,
        )
      }
    }
    return sendError(response, 404, 'Not found.')
  }

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendError(response, 500, (error as Error).message)
      else response.end()
    })
  })
  await new Promise<void>((ready, fail) => {
    server.once('error', fail)
    server.listen(options.port ?? 0, '127.0.0.1', () => ready())
  }).catch((error: unknown) => {
    throw new CliError(
      `The studio cannot listen on port ${options.port ?? 0}: ${(error as Error).message}`,
      1,
    )
  })
  const address = server.address()
  const port = typeof address === 'object' && address ? address.port : options.port
  origin = `http://127.0.0.1:${port}`
  return {
    url: `${origin}/`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections()
        server.close(() => done())
      }),
  }
}

/** Opens the address in the system's browser; a failure only means the user opens it. */
function openBrowser(url: string): void {
  const command =
    process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open'
  try {
    const child = spawn(command, [url], { detached: true, stdio: 'ignore' })
    child.on('error', () => undefined)
    child.unref()
  } catch {
    // No browser to open: the printed address is enough.
  }
}

/**
 * `trickle studio`: the studio for a config file on this machine. Prints the address, opens it
 * (unless --no-open or CI), and runs until SIGINT/SIGTERM.
 */
export async function studioCommand(io: CliIo, options: StudioOptions): Promise<number> {
  const studio = await startStudio(io, options)
  io.stdout(`Trickle studio for ${options.config}: ${studio.url}\nStop it with Ctrl+C.\n`)
  if (options.open !== false && !process.env.CI) openBrowser(studio.url)
  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop)
      process.off('SIGTERM', stop)
      void studio.close().then(done, done)
    }
    process.on('SIGINT', stop)
    process.on('SIGTERM', stop)
  })
  return 0
}
