import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { repoRoot } from '../lib/repoRoot.mjs'

const entry = fileURLToPath(new URL('./appServer.mjs', import.meta.url))

/**
 * Starts appServer.mjs (`mode` trickle, webhook or baseline on `target`, a PostgreSQL URL or a
 * PGlite folder; `receiverUrl` for webhook) in its own process and waits for its "listening on" line. `stop()` closes its stdin,
 * which ends it; a SIGKILL follows when it has not ended 10 s later.
 */
export function startAppServer(mode, target, { timeoutMs = 60_000, receiverUrl } = {}) {
  return startServerProcess([entry, mode, target, ...(receiverUrl ? [receiverUrl] : [])], {
    cwd: repoRoot,
    label: `${mode} server`,
    timeoutMs,
  })
}

/**
 * Runs `node --import tsx --conditions=@trickle/source ...args` in `cwd` (tsx and the sources
 * resolve from there) with NODE_ENV=production, and waits for its "listening on" line; returns
 * `{ url, pid, stop, output }` as startAppServer does.
 */
export function startServerProcess(args, { cwd, label, timeoutMs = 60_000 }) {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@trickle/source', ...args],
    {
      cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NODE_ENV: 'production' },
    },
  )
  let output = ''
  const exited = new Promise((resolve) =>
    child.once('exit', (code, signal) => resolve(code ?? signal)),
  )
  const stop = async () => {
    child.stdin.end()
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
    await exited
    clearTimeout(timer)
  }
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`${label} did not start within ${timeoutMs} ms:\n${output}`))
    }, timeoutMs)
    const onData = (chunk) => {
      output += chunk.toString()
      const match = /listening on (http:\/\/\S+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve({ url: match[1], pid: child.pid, stop, output: () => output })
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`${label} exited (${code}) before listening:\n${output}`))
    })
  })
}
