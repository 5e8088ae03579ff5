// Starts the Trickle server (packages/server/src/serve.ts) as a child process on the TypeScript
// sources, through tsx, with the example's config and PDFs. Used by `npm start` and by the
// browser tests, so both run the server exactly the same way.
import { spawn } from 'node:child_process'
import { createServer } from 'node:net'
import { join } from 'node:path'
import process from 'node:process'
import { setTimeout as sleep } from 'node:timers/promises'

export const exampleDir = join(import.meta.dirname, '..')
export const repoRoot = join(exampleDir, '..', '..')
export const exampleConfig = join(exampleDir, 'src', 'trickle.config.json')
export const exampleAssets = join(exampleDir, 'assets')

/**
 * A free TCP port on the loopback interface (the OS picks it; it is released right away).
 * @param {number} [preferred] tried first when given
 * @returns {Promise<number>}
 */
export async function freePort(preferred) {
  const tryPort = (/** @type {number} */ port) =>
    new Promise((resolve) => {
      const server = createServer()
      server.once('error', () => resolve(null))
      server.listen(port, '127.0.0.1', () => {
        const address = server.address()
        server.close(() => resolve(typeof address === 'object' && address ? address.port : null))
      })
    })
  if (preferred !== undefined) {
    const port = await tryPort(preferred)
    if (typeof port === 'number') return port
  }
  const port = await tryPort(0)
  if (typeof port !== 'number') throw new Error('No free port on 127.0.0.1.')
  return port
}

/**
 * @typedef {object} TrickleServerOptions
 * @property {number} port
 * @property {string} dataDir the embedded PGlite data folder
 * @property {string} adminToken enables GET /v1/report
 * @property {string} [mailDir] double opt-in mails are written there as JSON (default: printed)
 * @property {string} [publicUrl] where browsers reach the API, for links in mails, e.g. the
 *   site's `/api` proxy: http://localhost:5173/api
 * @property {(line: string) => void} [log] the server's output, line by line
 */

/**
 * @typedef {object} RunningTrickleServer
 * @property {string} url e.g. http://127.0.0.1:8787
 * @property {import('node:child_process').ChildProcess} child
 * @property {() => Promise<void>} stop SIGTERM, then SIGKILL after 5 s
 */

/**
 * Spawns the server and resolves once `GET /healthz` answers. Rejects with the server's own
 * output when it exits or does not answer within `timeoutMs`.
 * @param {TrickleServerOptions} options
 * @param {number} [timeoutMs]
 * @returns {Promise<RunningTrickleServer>}
 */
export async function startTrickleServer(options, timeoutMs = 60_000) {
  const url = `http://127.0.0.1:${options.port}`
  /** @type {string[]} */
  const output = []
  const child = spawn(
    process.execPath,
    [
      '--conditions=@trickle/source',
      '--import',
      'tsx',
      join('packages', 'server', 'src', 'serve.ts'),
    ],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        PORT: String(options.port),
        HOST: '127.0.0.1',
        TRICKLE_CONFIG: exampleConfig,
        TRICKLE_ASSETS_DIR: exampleAssets,
        TRICKLE_DATA_DIR: options.dataDir,
        TRICKLE_ADMIN_TOKEN: options.adminToken,
        ...(options.mailDir && { TRICKLE_MAIL_DIR: options.mailDir }),
        ...(options.publicUrl && { TRICKLE_PUBLIC_URL: options.publicUrl }),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  const onData = (/** @type {Buffer} */ chunk) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue
      output.push(line)
      if (output.length > 200) output.shift()
      options.log?.(line)
    }
  }
  child.stdout.on('data', onData)
  child.stderr.on('data', onData)
  let exited = false
  child.once('exit', () => {
    exited = true
  })

  const stop = async () => {
    if (exited) return
    const gone = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000)
    await gone
    clearTimeout(timer)
  }

  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(`The Trickle server exited before it was ready:\n${output.join('\n')}`)
    }
    try {
      const response = await fetch(`${url}/healthz`)
      if (response.ok) return { url, child, stop }
    } catch {
      // not listening yet
    }
    await sleep(200)
  }
  await stop()
  throw new Error(`The Trickle server did not answer within ${timeoutMs} ms:\n${output.join('\n')}`)
}
