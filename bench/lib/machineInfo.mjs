import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import os from 'node:os'
import { repoRoot } from './repoRoot.mjs'

/** The machine and software a run measured on, read at run time. */
export function machineInfo() {
  const cpus = os.cpus()
  return {
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    availableParallelism: os.availableParallelism(),
    memoryBytes: os.totalmem(),
    os: osName(),
    kernel: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    npm: npmVersion(),
    commit: gitCommit(),
    loadAverage: os.loadavg(),
  }
}

function osName() {
  if (!existsSync('/etc/os-release')) return os.type()
  const match = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(readFileSync('/etc/os-release', 'utf8'))
  return match?.[1] ?? os.type()
}

function npmVersion() {
  const agent = /npm\/(\S+)/.exec(process.env.npm_config_user_agent ?? '')
  if (agent) return agent[1]
  try {
    return execFileSync('npm', ['--version'], { encoding: 'utf8' }).trim()
  } catch {
    return 'unknown'
  }
}

/** The commit measured (read-only git), with `+changes` when the tree has uncommitted edits. */
function gitCommit() {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: repoRoot,
      encoding: 'utf8',
    }).trim()
    const status = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      cwd: repoRoot,
      encoding: 'utf8',
    })
    return status.trim() === '' ? commit : `${commit}+changes`
  } catch {
    return 'unknown'
  }
}
