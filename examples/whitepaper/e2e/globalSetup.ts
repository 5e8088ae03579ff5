import { randomBytes } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createServer, type ViteDevServer } from 'vite'
import type { TestProject } from 'vitest/node'
import {
  exampleDir,
  freePort,
  repoRoot,
  startTrickleServer,
  type RunningTrickleServer,
} from '../scripts/trickleServer.mjs'

let dataDir: string | undefined
let server: RunningTrickleServer | undefined
const sites: ViteDevServer[] = []

async function serveExample(
  configFile: string,
  entry: string,
  { port, cacheDir }: { port?: number; cacheDir?: string } = {},
): Promise<string> {
  port ??= await freePort()
  const vite = await createServer({
    configFile,
    ...(cacheDir && { cacheDir }),
    logLevel: 'warn',
    clearScreen: false,
    server: { host: '127.0.0.1', port, strictPort: true, hmr: false },
  })
  sites.push(vite)
  await vite.listen()
  const url = `http://127.0.0.1:${port}`
  // Transform the entry once, so the first test does not pay for it (and Vite has found
  // every dependency before a browser asks).
  await fetch(`${url}/`)
  await vite.warmupRequest(entry)
  return url
}

/**
 * Starts what the browser tests drive: the Trickle server (PGlite in a throwaway folder, mails
 * written to files), the whitepaper site with and without it, and the plain-DOM example, each
 * on a Vite dev server, all on free loopback ports.
 */
export async function setup(project: TestProject): Promise<void> {
  dataDir = await mkdtemp(join(tmpdir(), 'trickle-e2e-'))
  const adminToken = randomBytes(24).toString('base64url')
  const mailDir = join(dataDir, 'mail')
  const sitePort = await freePort()
  server = await startTrickleServer({
    port: await freePort(),
    dataDir: join(dataDir, 'data'),
    adminToken,
    mailDir,
    // Links in mails go through the site's proxy, like every other request of the browser.
    publicUrl: `http://127.0.0.1:${sitePort}/api`,
  })
  process.env['TRICKLE_API_URL'] = server.url
  const baseUrl = await serveExample(join(exampleDir, 'vite.config.ts'), '/src/main.tsx', {
    port: sitePort,
  })
  delete process.env['TRICKLE_API_URL']
  // The same site without a server (its own dependency cache: the two configs differ).
  const localUrl = await serveExample(join(exampleDir, 'vite.config.ts'), '/src/main.tsx', {
    cacheDir: join(exampleDir, 'node_modules', '.vite-local'),
  })
  // The same local site on React 18.3 (`TRICKLE_REACT=18`; its own dependency cache).
  process.env['TRICKLE_REACT'] = '18'
  const react18Url = await serveExample(join(exampleDir, 'vite.config.ts'), '/src/main.tsx', {
    cacheDir: join(exampleDir, 'node_modules', '.vite-react18'),
  })
  delete process.env['TRICKLE_REACT']
  const vanillaUrl = await serveExample(
    join(repoRoot, 'examples', 'vanilla', 'vite.config.ts'),
    '/src/main.ts',
  )
  const webComponentUrl = await serveExample(
    join(repoRoot, 'examples', 'web-component', 'vite.config.ts'),
    '/src/main.ts',
  )

  project.provide('baseUrl', baseUrl)
  project.provide('localUrl', localUrl)
  project.provide('react18Url', react18Url)
  project.provide('vanillaUrl', vanillaUrl)
  project.provide('webComponentUrl', webComponentUrl)
  project.provide('apiUrl', server.url)
  project.provide('adminToken', adminToken)
  project.provide('mailDir', mailDir)
  project.provide('artifactsDir', join(repoRoot, 'artifacts', 'e2e'))
}

export async function teardown(): Promise<void> {
  await Promise.all(sites.splice(0).map((site) => site.close()))
  await server?.stop()
  if (dataDir) await rm(dataDir, { recursive: true, force: true })
}
