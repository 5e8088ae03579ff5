import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { repoRoot } from './repoRoot.mjs'

/** Workspace folders whose own node_modules may hold a package npm did not hoist. */
const nodeModulesFolders = ['bench', 'packages/server', 'packages/react', 'packages/core', '.'].map(
  (folder) => join(repoRoot, folder, 'node_modules'),
)

const workspacePackages = {
  core: '@trickle/core',
  react: '@trickle/react',
  server: '@trickle/server',
}

/**
 * The package an esbuild metafile input belongs to: the name after the last `node_modules/`,
 * a Trickle workspace package by its folder, or `(entry)` for the bench's own entry code.
 */
export function packageOfInput(path) {
  const parts = path.split('/')
  const last = parts.lastIndexOf('node_modules')
  if (last >= 0) {
    const first = parts[last + 1] ?? path
    return first.startsWith('@') ? `${first}/${parts[last + 2]}` : first
  }
  if (parts[0] === 'packages' && parts[1] !== undefined) {
    return workspacePackages[parts[1]] ?? `packages/${parts[1]}`
  }
  return '(entry)'
}

/** The installed version of a package, read from its package.json; `null` when not installed. */
export function installedVersion(name) {
  for (const folder of nodeModulesFolders) {
    const file = join(folder, name, 'package.json')
    if (existsSync(file)) {
      const json = JSON.parse(readFileSync(file, 'utf8'))
      if (typeof json.version === 'string') return json.version
    }
  }
  return null
}
