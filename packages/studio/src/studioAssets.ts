import { existsSync, readdirSync, statSync } from 'node:fs'
import { mkdir, readFile, rename, rm } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The studio's browser app, as the CLI and the server serve it. */
export interface StudioAssets {
  /** The app's script (an ES module, everything bundled). */
  script: string
  /** The app's stylesheet. */
  style: string
}

/** The package folder: one level above both `src/` (workspace) and `dist/` (published). */
const packageDir = dirname(dirname(fileURLToPath(import.meta.url)))
const appDir = join(packageDir, 'dist', 'app')
const appConfig = join(packageDir, 'vite.app.config.ts')

let loading: Promise<StudioAssets> | undefined

/**
 * The prebuilt app from `dist/app`. In the repository (where nothing is built after `npm
 * install`), the app is built here on first use with Vite, and again when a source file of the
 * studio, `@trickle/react` or `@trickle/core` is newer than the bundle, so `trickle studio`, the
 * server's /admin/studio and the tests never serve a missing or stale bundle. A published
 * package ships `dist/app` and never builds. Read once per process.
 */
export function studioAssets(): Promise<StudioAssets> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined
    throw error
  })
  return loading
}

async function load(): Promise<StudioAssets> {
  if (existsSync(appConfig) && isStale()) await buildApp()
  const script = join(appDir, 'studio.js')
  if (!existsSync(script)) {
    throw new Error(
      `The studio's app is missing (${script}). Build it with \`npm run build -w @trickle/studio\`.`,
    )
  }
  const [js, css] = await Promise.all([
    readFile(script, 'utf8'),
    readFile(join(appDir, 'studio.css'), 'utf8').catch(() => ''),
  ])
  return { script: js, style: css }
}

/** The folders whose sources end up in the app. */
function sourceDirs(): string[] {
  const packages = dirname(packageDir)
  return [join(packageDir, 'src'), join(packages, 'react', 'src'), join(packages, 'core', 'src')]
}

function newestIn(dir: string): number {
  let newest = 0
  if (!existsSync(dir)) return newest
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue
    newest = Math.max(newest, statSync(join(entry.parentPath, entry.name)).mtimeMs)
  }
  return newest
}

function isStale(): boolean {
  const bundle = join(appDir, 'studio.js')
  if (!existsSync(bundle)) return true
  const built = statSync(bundle).mtimeMs
  return sourceDirs().some((dir) => newestIn(dir) > built)
}

/**
 * Builds into a folder of its own, then swaps it in: two processes building at once (two test
 * workers) never serve a half-written bundle.
 */
async function buildApp(): Promise<void> {
  const { build } = await import('vite')
  const outDir = join(packageDir, 'dist', `app-${process.pid}-${Date.now()}`)
  await mkdir(dirname(outDir), { recursive: true })
  // A production build even inside a test runner (NODE_ENV=test would make JSX development calls).
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  try {
    await build({ configFile: appConfig, mode: 'production', logLevel: 'error', build: { outDir } })
    await rm(appDir, { recursive: true, force: true })
    await rename(outDir, appDir).catch((error: unknown) => {
      // Another process swapped its build in first: theirs is as good.
      if (!existsSync(join(appDir, 'studio.js'))) throw error
    })
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV
    else process.env.NODE_ENV = nodeEnv
    await rm(outDir, { recursive: true, force: true })
  }
}
