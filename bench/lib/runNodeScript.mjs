import { spawn } from 'node:child_process'
import { repoRoot } from './repoRoot.mjs'

/** The line prefix a bench child uses for its one JSON result. */
export const resultMarker = 'BENCH_RESULT '

/**
 * Runs a bench script in its own Node process on the TypeScript sources of the workspace
 * (tsx as a module hook, the `@trickle/source` export condition). Its output is passed through
 * with a prefix; the line starting with `BENCH_RESULT ` is parsed as the result. The process is
 * stopped after `timeoutMs` (SIGTERM, then SIGKILL 10 s later). `nodeArgs` go to Node itself (e.g. `--expose-gc`).
 */
export function runNodeScript(
  script,
  { args = [], nodeArgs = [], timeoutMs, label, log = console.log },
) {
  const child = spawn(
    process.execPath,
    [...nodeArgs, '--import', 'tsx', '--conditions=@trickle/source', script, ...args],
    {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NODE_ENV: 'production' },
    },
  )
  let result
  let tail = ''
  const onOutput = (chunk) => {
    const lines = (tail + chunk.toString()).split('\n')
    tail = lines.pop() ?? ''
    for (const line of lines) {
      if (line.startsWith(resultMarker)) result = JSON.parse(line.slice(resultMarker.length))
      else if (line.trim() !== '') log(`  [${label}] ${line}`)
    }
  }
  child.stdout.on('data', onOutput)
  child.stderr.on('data', onOutput)
  return new Promise((resolve, reject) => {
    let killer
    const timer = setTimeout(() => {
      // SIGTERM lets the child clean up (the server bench stops its databases), then SIGKILL.
      child.kill('SIGTERM')
      killer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      reject(new Error(`${label}: stopped after ${Math.round(timeoutMs / 1000)} s (time limit).`))
    }, timeoutMs)
    child.once('error', (error) => {
      clearTimeout(timer)
      reject(error)
    })
    child.once('exit', (code, signal) => {
      clearTimeout(timer)
      clearTimeout(killer)
      onOutput('\n')
      if (code === 0 && result !== undefined) resolve(result)
      else
        reject(new Error(`${label}: the bench process ended (${code ?? signal}) without a result.`))
    })
  })
}

/** Prints the result for the parent process (the last thing a bench child does). */
export function sendResult(result) {
  process.stdout.write(`${resultMarker}${JSON.stringify(result)}\n`)
}
