import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import * as esbuild from 'esbuild'
import { installedVersion, packageOfInput } from '../lib/packageInfo.mjs'
import { repoRoot } from '../lib/repoRoot.mjs'
import { buildBundle, measureStylesheet } from './buildBundle.mjs'
import { floorEntries, issueTargets, sizeEntries } from './sizeEntries.mjs'
import { checkEntriesRender } from './checkEntriesRender.mjs'

const stylesheets = [
  { name: '@trickle/react styles.css', file: 'packages/react/styles.css' },
  { name: 'SurveyJS survey-core.min.css', file: 'node_modules/survey-core/survey-core.min.css' },
]

/**
 * Part 1: bundle sizes. Builds every entry of sizeEntries.mjs, checks in Chromium that the
 * entries that render a form really render it, and breaks the Trickle bundles down by package
 * (minified bytes from the esbuild metafile, and the gzip bytes saved when the package is left
 * out of the bundle) and by module.
 */
export async function measureSizes({ log = console.log } = {}) {
  const bundles = []
  const contributors = []
  for (const entry of sizeEntries) {
    const built = await buildBundle(entry.file)
    bundles.push({
      id: entry.id,
      group: entry.group,
      name: entry.name,
      imports: entry.imports,
      minBytes: built.minBytes,
      gzipBytes: built.gzipBytes,
      packages: bundledPackages(built.metafile),
    })
    log(`  ${entry.name}: ${built.minBytes} B min, ${built.gzipBytes} B gz`)
    if (entry.detail) contributors.push(await breakDown(entry, built))
  }

  const rendered = await checkEntriesRender(sizeEntries.filter((entry) => entry.renders))
  for (const bundle of bundles) {
    const check = rendered.get(bundle.id)
    if (check) bundle.renderedControls = check.controls
  }

  const styles = []
  for (const sheet of stylesheets) {
    styles.push({ name: sheet.name, ...(await measureStylesheet(join(repoRoot, sheet.file))) })
  }

  const floors = new Map()
  for (const floor of floorEntries) {
    const built = await buildBundle(floor.file)
    floors.set(floor.id, { name: floor.name, gzipBytes: built.gzipBytes })
    log(`  floor, ${floor.name}: ${built.gzipBytes} B gz`)
  }

  const gated = bundles.find((bundle) => bundle.id === 'gated-form')
  return {
    esbuild: esbuild.version,
    declaredNotBundled: declaredNotBundled(gated),
    bundles,
    contributors,
    stylesheets: styles,
    budgets: await sizeLimitBudgets(bundles),
    targets: issueTargets.map((target) => {
      const bundle = bundles.find((item) => item.id === target.bundleId)
      const detail = contributors.find((item) => item.bundleId === target.bundleId)
      return {
        ...target,
        name: bundle.name,
        gzipBytes: bundle.gzipBytes,
        floor: floors.get(target.floorId),
        ownCodeGzipBytes: detail?.ownCodeGzipBytes ?? null,
      }
    }),
  }
}

/**
 * The dependencies @trickle/react and @trickle/core declare that the gated form does not
 * contain (their code never imports them), so nobody looks for them in the figures.
 */
function declaredNotBundled(bundle) {
  const names = new Set(bundle.packages.map((item) => item.name))
  const declared = ['react', 'core'].flatMap((folder) => {
    const file = join(repoRoot, 'packages', folder, 'package.json')
    return Object.keys(JSON.parse(readFileSync(file, 'utf8')).dependencies ?? {})
  })
  return [...new Set(declared)].filter((name) => !names.has(name)).sort()
}

/** The packages in a bundle with their installed versions (workspace packages by name only). */
function bundledPackages(metafile) {
  const names = new Set()
  for (const output of Object.values(metafile.outputs)) {
    for (const path of Object.keys(output.inputs)) names.add(packageOfInput(path))
  }
  names.delete('(entry)')
  return [...names].sort().map((name) => ({ name, version: installedVersion(name) }))
}

/**
 * Where the bytes of one bundle go: minified bytes per package and per module (metafile), and
 * per package the gzip bytes saved when it is left out (gzip does not split into exact shares).
 * A third-party package is left out of the whole bundle. A Trickle package is left out of
 * Trickle's own code (every third-party package out of both builds), so that what it pulls in
 * (zod, zustand) is not counted twice.
 */
async function breakDown(entry, built) {
  const output = Object.values(built.metafile.outputs)[0]
  const byPackage = new Map()
  const modules = []
  for (const [path, input] of Object.entries(output.inputs)) {
    const name = packageOfInput(path)
    byPackage.set(name, (byPackage.get(name) ?? 0) + input.bytesInOutput)
    modules.push({ path, package: name, minBytes: input.bytesInOutput })
  }
  byPackage.delete('(entry)')
  const leaveOut = (names) => names.flatMap((name) => [name, `${name}/*`])
  const thirdParty = [...byPackage.keys()].filter((name) => !name.startsWith('@trickle/'))
  const ownCode = await buildBundle(entry.file, { external: leaveOut(thirdParty) })
  const packages = []
  for (const [name, minBytes] of [...byPackage].sort((a, b) => b[1] - a[1])) {
    const own = name.startsWith('@trickle/')
    const base = own ? ownCode : built
    const without = await buildBundle(entry.file, {
      external: leaveOut(own ? [...thirdParty, name] : [name]),
    })
    packages.push({
      name,
      minBytes,
      share: minBytes / built.minBytes,
      gzipSavedBytes: base.gzipBytes - without.gzipBytes,
    })
  }
  modules.sort((a, b) => b.minBytes - a.minBytes)
  return {
    bundleId: entry.id,
    name: entry.name,
    minBytes: built.minBytes,
    gzipBytes: built.gzipBytes,
    ownCodeGzipBytes: ownCode.gzipBytes,
    packages,
    modules: modules.slice(0, 12),
  }
}

/** The browser budgets of .size-limit.js next to the same import sets measured here. */
async function sizeLimitBudgets(bundles) {
  const { default: entries } = await import(pathToFileURL(join(repoRoot, '.size-limit.js')).href)
  const budgets = []
  for (const item of entries) {
    const bundleId = budgetBundle(item)
    if (bundleId === null) continue
    const bundle = bundles.find((candidate) => candidate.id === bundleId)
    budgets.push({
      name: item.name,
      limitBytes: parseLimit(item.limit),
      bundleId,
      gzipBytes: bundle.gzipBytes,
    })
  }
  return budgets
}

/** Which measured bundle has the import set of a .size-limit.js entry (null: none measured here). */
function budgetBundle(item) {
  // Node packages, and the studio page (a whole app, measured in its own part).
  if (item.modifyEsbuildConfig || item.import === undefined) return null
  const imports = typeof item.import === 'string' ? item.import : JSON.stringify(item.import)
  if (imports === '*') return 'core-everything'
  if (imports.includes('TrickleProvider')) {
    return imports.includes('ConsentManager') ? 'gated-form-consent-manager' : 'gated-form'
  }
  if (imports.includes('createTrickle')) return 'core-runtime'
  return null
}

function parseLimit(limit) {
  const match = /^([\d.]+)\s*(B|kB|KB)$/.exec(String(limit).trim())
  if (!match)
    throw new Error(`.size-limit.js: cannot read the limit "${limit}"; write it like "12 kB".`)
  return Math.round(Number(match[1]) * (match[2] === 'B' ? 1 : 1000))
}
