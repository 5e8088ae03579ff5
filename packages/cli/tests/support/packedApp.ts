import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

const root = resolve(import.meta.dirname, '../../../..')

interface LockEntry {
  version?: string
  resolved?: string
  integrity?: string
  link?: boolean
  dependencies?: Record<string, string>
  optionalDependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  peerDependenciesMeta?: Record<string, { optional?: boolean }>
  [key: string]: unknown
}

/** The folder in the repository's lockfile that holds a node_modules path seen from `from`. */
function locate(packages: Record<string, LockEntry>, from: string, name: string) {
  for (let base = from; ;) {
    const candidate = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`
    if (packages[candidate]) return candidate
    if (base === '') return undefined
    const cut = base.lastIndexOf('/node_modules/')
    base = cut === -1 ? '' : base.slice(0, cut)
  }
}

/**
 * An app that installed the packed @trickle packages, the way a user's app does (their
 * tarballs from `npm pack`, their dependencies from the npm cache), without the registry: the
 * app's lockfile takes every dependency's version, address and checksum from the repository's
 * lockfile, so `npm ci --offline` installs exactly what the workspaces were tested with.
 * Needs a build (`npm pack` ships `dist/`).
 */
export function installPackedApp(dir: string, workspaces: readonly string[]): void {
  const tarballs = join(dir, 'tarballs')
  const app = join(dir, 'app')
  mkdirSync(tarballs, { recursive: true })
  mkdirSync(app, { recursive: true })
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, LockEntry>
  }
  const appPackages: Record<string, LockEntry> = {}
  const direct: Record<string, string> = {}
  const pending: string[] = []
  const registry = execFileSync('npm', ['config', 'get', 'registry'], { encoding: 'utf8' })
    .trim()
    .replace(/\/?$/, '/')
  // Where each workspace sits in the repository's tree, and where it lands in the app's.
  const moved = new Map<string, string>()

  for (const workspace of workspaces) {
    const output = execFileSync(
      'npm',
      ['pack', '--silent', '--pack-destination', tarballs, '-w', workspace],
      { cwd: root, encoding: 'utf8' },
    )
    const file = output.trim().split('\n').at(-1) ?? ''
    const tarball = join(tarballs, file)
    const source = lock.packages[`node_modules/${workspace}`]?.resolved ?? ''
    const entry = lock.packages[source]
    if (!entry) throw new Error(`${workspace} is not a workspace of the repository`)
    const spec = `file:../tarballs/${file}`
    direct[workspace] = spec
    const integrity = `sha512-${createHash('sha512').update(readFileSync(tarball)).digest('base64')}`
    const { name: _name, ...rest } = entry
    appPackages[`node_modules/${workspace}`] = { ...rest, resolved: spec, integrity }
    moved.set(source, `node_modules/${workspace}`)
  }
  pending.push(...moved.keys())

  // The dependency closure, resolved as Node does (nearest node_modules first).
  const seen = new Set<string>()
  while (pending.length > 0) {
    const at = pending.pop() ?? ''
    const entry = lock.packages[at]
    if (!entry) continue
    const optionalPeers = entry.peerDependenciesMeta ?? {}
    const names = [
      ...Object.keys(entry.dependencies ?? {}),
      ...Object.keys(entry.optionalDependencies ?? {}),
      ...Object.keys(entry.peerDependencies ?? {}).filter((n) => !optionalPeers[n]?.optional),
    ]
    for (const name of names) {
      if (moved.has(lock.packages[`node_modules/${name}`]?.resolved ?? '')) continue
      const found = locate(lock.packages, at, name)
      if (found === undefined || seen.has(found)) continue
      seen.add(found)
      let target = found
      for (const [source, destination] of moved) {
        if (found.startsWith(`${source}/`)) target = destination + found.slice(source.length)
      }
      const dependency = lock.packages[found] as LockEntry
      // The repository's lockfile leaves out registry addresses: the tarball's usual one.
      const tarballName = name.slice(name.lastIndexOf('/') + 1)
      dependency.resolved ??= `${registry}${name}/-/${tarballName}-${dependency.version}.tgz`
      appPackages[target] = dependency
      pending.push(found)
    }
  }

  const manifest = { name: 'packed-app', private: true, type: 'module', dependencies: direct }
  writeFileSync(join(app, 'package.json'), JSON.stringify(manifest, null, 2))
  writeFileSync(
    join(app, 'package-lock.json'),
    JSON.stringify(
      {
        name: 'packed-app',
        lockfileVersion: 3,
        requires: true,
        packages: { '': { name: 'packed-app', dependencies: direct }, ...appPackages },
      },
      null,
      2,
    ),
  )
  execFileSync('npm', ['ci', '--offline', '--no-audit', '--no-fund', '--ignore-scripts'], {
    cwd: app,
    stdio: ['ignore', 'ignore', 'pipe'],
  })
}
