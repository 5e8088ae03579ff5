import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, request, type IncomingHttpHeaders, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startServer, type RunningServer, type TrickleServerEnv } from '../src/startServer'
import { firstVisit, testSecret, whitepaperConfig } from './support/fixtures'

// The framework recipes of docs/react-guide.md, run as written in front of the real server: the
// Vite config on a real Vite dev server, the Next.js rewrite through a proxy that sends exactly
// what a Next.js rewrite sends (Next.js itself is too heavy to install for one test).

const root = resolve(import.meta.dirname, '../../..')
const guide = readFileSync(join(root, 'docs/react-guide.md'), 'utf8')
const documented = 'http://127.0.0.1:8787'

/** The code block of the guide titled `title`, or a failure that says it is missing. */
function block(title: string): string {
  const match = new RegExp(
    '```\\w+ title="' + title.replace('.', '\\.') + '"\\n([\\s\\S]*?)\\n```',
  ).exec(guide)
  if (!match?.[1]) throw new Error(`docs/react-guide.md has no block titled "${title}"`)
  return match[1]
}

const work = mkdtempSync(join(tmpdir(), 'trickle-recipes-'))
const servers: RunningServer[] = []
const closers: (() => Promise<void>)[] = []
afterAll(async () => {
  for (const close of closers) await close()
  for (const server of servers) await server.close()
  rmSync(work, { recursive: true, force: true })
})

async function trickleServer(name: string, env: TrickleServerEnv): Promise<string> {
  const running = await startServer({
    env: { PORT: '0', TRICKLE_DATA_DIR: join(work, name), TRICKLE_SECRET: testSecret, ...env },
    config: whitepaperConfig(),
    log: () => {},
  })
  servers.push(running)
  return running.url
}

/** What a browser on `site` sends: its Origin and Host, and a JSON body. */
function browserPost(
  url: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: string }> {
  return new Promise((done, fail) => {
    const req = request(
      url,
      { method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }))
      },
    )
    req.setTimeout(60_000, () => req.destroy(new Error(`no answer from ${url}`)))
    req.on('error', fail)
    req.end(JSON.stringify(firstVisit('recipe@example.org')))
  })
}

describe('the Vite recipe', () => {
  let site = ''
  beforeAll(async () => {
    const api = await trickleServer('vite', {})
    // The documented config, pointed at this test's server; written inside the repository so
    // that its `import ... from 'vite'` resolves.
    const cache = join(root, 'node_modules/.cache')
    mkdirSync(cache, { recursive: true })
    const dir = mkdtempSync(join(cache, 'trickle-vite-recipe-'))
    closers.push(async () => rmSync(dir, { recursive: true, force: true }))
    const source = block('vite.config.ts')
    expect(source).toContain(documented)
    writeFileSync(join(dir, 'vite.config.ts'), source.replace(documented, api))
    writeFileSync(join(dir, 'index.html'), '<!doctype html><title>site</title>')
    const { createServer: createVite } = await import('vite')
    const vite = await createVite({
      root: dir,
      configFile: join(dir, 'vite.config.ts'),
      logLevel: 'silent',
      server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null },
    })
    closers.unshift(() => vite.close())
    await vite.listen()
    const { port } = vite.httpServer?.address() as AddressInfo
    site = `http://localhost:${port}`
  }, 120_000)

  it('submits from the site through the proxy and sets the first-party cookie', async () => {
    const url = `${site.replace('localhost', '127.0.0.1')}/api/v1/submissions`
    const own = await browserPost(url, { host: new URL(site).host, origin: site })
    expect({ status: own.status, body: own.body }).toMatchObject({ status: 201 })
    expect(String(own.headers['set-cookie'])).toMatch(/^trickle_vid=/)
    const foreign = await browserPost(url, {
      host: new URL(site).host,
      origin: 'https://evil.example',
    })
    expect(foreign.status).toBe(403)
  })
})

/**
 * A proxy doing what a Next.js rewrite to an external URL does (next's proxy-request.ts: http-proxy
 * with `changeOrigin: true` and `xfwd: true`): Host becomes the destination's, the browser's
 * Origin and cookies go on, X-Forwarded-For, -Port and -Proto get the proxy's view appended, and
 * X-Forwarded-Host keeps what the client sent or else gets the browser's Host.
 */
async function nextRewrites(
  rewrites: { source: string; destination: string }[],
  api: string,
): Promise<string> {
  const rules = rewrites.map(({ source, destination }) => ({
    pattern: new RegExp(`^${source.replace(/\/:(\w+)\*/g, '(?:/(?<$1>.*))?')}$`),
    destination: destination.replace(documented, api),
  }))
  const proxy: Server = createServer((req, res) => {
    const path = req.url ?? '/'
    const rule = rules.find((r) => r.pattern.test(path.split('?')[0] ?? ''))
    if (!rule) {
      res.writeHead(404).end()
      return
    }
    const groups = rule.pattern.exec(path.split('?')[0] ?? '')?.groups ?? {}
    const target = new URL(
      rule.destination.replace(/:(\w+)\*/g, (_, name: string) => groups[name] ?? ''),
    )
    const headers: IncomingHttpHeaders = { ...req.headers, host: target.host }
    const append = (name: string, value: string) => {
      const before = req.headers[name]
      headers[name] = before ? `${String(before)},${value}` : value
    }
    append('x-forwarded-for', req.socket.remoteAddress ?? '')
    append('x-forwarded-port', String(req.socket.localPort))
    append('x-forwarded-proto', 'http')
    headers['x-forwarded-host'] = req.headers['x-forwarded-host'] ?? req.headers.host ?? ''
    const upstream = request(target, { method: req.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.headers)
      answer.pipe(res)
    })
    upstream.on('error', () => res.writeHead(502).end())
    req.pipe(upstream)
  })
  await new Promise<void>((done) => proxy.listen(0, '127.0.0.1', done))
  closers.push(() => new Promise((done) => proxy.close(() => done())))
  return `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`
}

describe('the Next.js recipe', () => {
  let rewrites: { source: string; destination: string }[] = []
  const site = 'http://localhost:3000'
  beforeAll(async () => {
    const dir = join(work, 'next')
    mkdirSync(dir)
    writeFileSync(join(dir, 'next.config.mjs'), block('next.config.mjs'))
    const config = (await import(pathToFileURL(join(dir, 'next.config.mjs')).href)) as {
      default: { rewrites(): Promise<{ source: string; destination: string }[]> }
    }
    rewrites = await config.default.rewrites()
  })

  it('is refused until the site is listed, and trusting the proxy does not change that', async () => {
    const api = await trickleServer('next-unset', { TRICKLE_TRUST_PROXY: '1' })
    const next = await nextRewrites(rewrites, api)
    const response = await browserPost(`${next}/api/v1/submissions`, {
      host: 'localhost:3000',
      origin: site,
    })
    expect(response.status).toBe(403)
    expect(JSON.parse(response.body)).toMatchObject({ error: 'origin-not-allowed' })
    expect(JSON.parse(response.body).message).toContain('TRICKLE_ALLOWED_ORIGINS')
  }, 120_000)

  it('submits with the documented TRICKLE_ALLOWED_ORIGINS, and a forged X-Forwarded-Host stays out', async () => {
    const setting = /TRICKLE_ALLOWED_ORIGINS=(\S+) npx @trickle\/cli serve/.exec(guide)?.[1]
    expect(setting?.split(',')).toContain(site)
    const api = await trickleServer('next-listed', { TRICKLE_ALLOWED_ORIGINS: setting ?? '' })
    const next = await nextRewrites(rewrites, api)
    const own = await browserPost(`${next}/api/v1/submissions`, {
      host: 'localhost:3000',
      origin: site,
    })
    expect({ status: own.status, body: own.body }).toMatchObject({ status: 201 })
    expect(String(own.headers['set-cookie'])).toMatch(/^trickle_vid=/)
    const forged = await browserPost(`${next}/api/v1/submissions`, {
      host: 'localhost:3000',
      // Scheme and host of the forged header match this Origin: it must still not pass.
      origin: 'http://evil.example',
      'x-forwarded-host': 'evil.example',
    })
    expect(forged.status).toBe(403)
  }, 120_000)
})
