import { execFileSync } from 'node:child_process'
import { copyFileSync, existsSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { repoRoot } from '../lib/repoRoot.mjs'

const serverSource = fileURLToPath(new URL('./commitServer.mjs', import.meta.url))

/** Where commitServer.mjs is copied in a checkout: ignored by git, resolving its packages. */
export const commitServerEntry = (dir) =>
  join(dir, 'node_modules', '.trickle-compare', 'commitServer.mjs')

const git = (args, cwd = repoRoot) =>
  execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim()

/** The full hash of a revision of this repository (a hash, `main`, `923b85f^1`, …). */
export function resolveCommit(rev) {
  try {
    return git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`])
  } catch {
    throw new Error(`"${rev}" is not a commit of this repository.`)
  }
}

/**
 * A checkout of `rev` with its own dependencies, ready to run that commit's server unchanged:
 * a detached git worktree in the temporary folder (`trickle-commit-<hash>`, reused by later
 * runs), `npm ci` there under `flock /tmp/npm.lock` when it has no node_modules yet, and
 * commitServer.mjs copied into its node_modules. A reused checkout must still be at the commit
 * with no local changes. Returns `{ rev, sha, dir }`.
 */
export function prepareCheckout(rev, { log = console.log } = {}) {
  const sha = resolveCommit(rev)
  const dir = join(tmpdir(), `trickle-commit-${sha.slice(0, 12)}`)
  if (!existsSync(dir)) {
    log(`${rev}: git worktree add --detach ${dir} ${sha.slice(0, 12)}`)
    git(['worktree', 'add', '--detach', dir, sha])
  }
  const head = git(['rev-parse', 'HEAD'], dir)
  if (head !== sha) throw new Error(`${dir} is at ${head}, not at ${rev} (${sha}).`)
  const changes = git(['status', '--porcelain'], dir)
  if (changes !== '') {
    throw new Error(
      `${dir} has local changes; the comparison needs the commit as it is:\n${changes}`,
    )
  }
  if (!existsSync(join(dir, 'node_modules', '.package-lock.json'))) {
    log(`${rev}: npm ci in ${dir}`)
    execFileSync('flock', ['/tmp/npm.lock', 'npm', 'ci', '--no-audit', '--no-fund'], {
      cwd: dir,
      stdio: ['ignore', 'inherit', 'inherit'],
    })
  }
  const entry = commitServerEntry(dir)
  mkdirSync(join(entry, '..'), { recursive: true })
  copyFileSync(serverSource, entry)
  return { rev, sha, dir }
}
