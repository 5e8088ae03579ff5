import { spawn, type ChildProcess } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
export const serveEntry = join(here, '..', '..', 'src', 'serve.ts')
const packageDir = join(here, '..', '..')
/**
 * The server runs in this one process: tsx is loaded as a module hook (not its CLI, which
 * would run the server in a grandchild that a SIGKILL of the child leaves running).
 */
const nodeArgs = ['--import', 'tsx', '--conditions=@trickle/source', serveEntry]

export interface ServerProcess {
  child: ChildProcess
  url: string
  output(): string
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | string>
}

/**
 * Runs `src/serve.ts` in a child process with tsx (on the workspace sources) and waits for its
 * "listening on <url>" line.
 */
export function startServeProcess(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<ServerProcess> {
  const child = spawn(process.execPath, nodeArgs, {
    cwd: packageDir,
    env: {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? '',
      PORT: '0',
      HOST: '127.0.0.1',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'))
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(new Error(`serve.ts did not start within ${timeoutMs} ms:\n${output}`))
    }, timeoutMs)
    const onData = (chunk: Buffer) => {
      output += chunk.toString()
      const match = /listening on (http:\/\/\S+)/.exec(output)
      if (match) {
        clearTimeout(timer)
        resolve({ child, url: match[1]!, output: () => output, exited })
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    void exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`serve.ts exited (${code}) before listening:\n${output}`))
    })
  })
}

/**
 * Runs serve.ts expecting it to fail at start; returns its exit code and output. A process still
 * running after `timeoutMs` (it started after all) is killed and reported as `'still running'`.
 */
export async function failingStart(
  env: Record<string, string>,
  timeoutMs = 60_000,
): Promise<{ code: number | string; output: string }> {
  const child = spawn(process.execPath, nodeArgs, {
    cwd: packageDir,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    child.kill('SIGKILL')
  }, timeoutMs)
  const code = await new Promise<number | string>((resolve) => {
    child.once('exit', (exitCode, signal) => resolve(exitCode ?? signal ?? 'unknown'))
  })
  clearTimeout(timer)
  return { code: timedOut ? 'still running' : code, output }
}
