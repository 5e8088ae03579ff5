// Checks what we publish, as a consumer would see it: publint (package.json and exports) and
// "Are the types wrong?" (types resolve under node16 and bundler resolution). Run after a build.
import { execFileSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const packagesDir = join(import.meta.dirname, '..', 'packages')
const bin = (name) => join(import.meta.dirname, '..', 'node_modules', '.bin', name)
let failed = 0

for (const name of readdirSync(packagesDir).sort()) {
  const dir = join(packagesDir, name)
  if (!existsSync(join(dir, 'dist', 'index.js'))) {
    console.error(`@trickle/${name}: dist/index.js is missing. Run \`npm run build\` first.`)
    failed++
    continue
  }
  // Stylesheets and JSON files have no type declarations to check.
  const { exports = {} } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
  const assets = Object.keys(exports).filter((subpath) => /\.(css|json)$/.test(subpath))
  const exclude = assets.length > 0 ? ['--exclude-entrypoints', ...assets] : []
  for (const [tool, args] of [
    ['publint', ['run', dir, '--strict']],
    ['attw', ['--pack', dir, '--profile', 'esm-only', '--format', 'table-flipped', ...exclude]],
  ]) {
    try {
      execFileSync(bin(tool), args, { stdio: 'inherit' })
    } catch {
      console.error(`@trickle/${name}: ${tool} found problems (see above).`)
      failed++
    }
  }
}

if (failed > 0) process.exit(1)
console.log('check:packages: every package is clean (publint, attw).')
