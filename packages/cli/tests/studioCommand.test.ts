import { execFileSync, spawn } from 'node:child_process'
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { request } from 'node:http'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { noColors } from '../src/codeFrame'
import type { CliIo } from '../src/io'
import { startStudio, type RunningStudio } from '../src/studioCommand'
import { installPackedApp } from './support/packedApp'

const fixture = resolve(import.meta.dirname, '../../core/tests/fixtures/b2b-whitepaper.json')
const dir = mkdtempSync(join(tmpdir(), 'trickle-studio-'))
const file = join(dir, 'trickle.config.json')
const output: string[] = []
const io: CliIo = {
  stdout: (text) => output.push(text),
  stderr: (text) => output.push(text),
  cwd: dir,
  colors: noColors,
}
let studio: RunningStudio

beforeAll(async () => {
  copyFileSync(fixture, file)
  // The first start may build the app from its sources (see studioAssets).
  studio = await startStudio(io, { config: 'trickle.config.json', open: false })
}, 180_000)

afterAll(async () => {
  await studio.close()
  rmSync(dir, { recursive: true, force: true })
})

const put = (body: string, headers: Record<string, string> = {}) =>
  fetch(new URL('/studio/config', studio.url), {
    method: 'PUT',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  })

describe('trickle studio', () => {
  test('serves the page on 127.0.0.1 with its policy, script and stylesheet', async () => {
    expect(studio.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/)
    const page = await fetch(studio.url)
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(await page.text()).toContain('"mode":"file"')
    const script = await fetch(new URL('/studio.js', studio.url))
    expect(script.headers.get('content-type')).toContain('javascript')
    expect((await script.text()).length).toBeGreaterThan(100_000)
    expect((await fetch(new URL('/studio.css', studio.url))).status).toBe(200)
  })

  test('GET /studio/config is the file’s text, as it is', async () => {
    const response = await fetch(new URL('/studio/config', studio.url))
    expect(await response.text()).toBe(readFileSync(fixture, 'utf8'))
  })

  test('refuses to save text that is not a valid config, and leaves the file alone', async () => {
    const before = readFileSync(file, 'utf8')
    const notJson = await put('{ "version": 1,')
    expect(notJson.status).toBe(422)
    expect(((await notJson.json()) as { error: { message: string } }).error.message).toMatch(
      /not JSON/,
    )
    const invalid = await put(before.replace('"perVisit": 3', '"perVisits": 3'))
    expect(invalid.status).toBe(422)
    expect(((await invalid.json()) as { error: { message: string } }).error.message).toMatch(
      /perVisits/,
    )
    expect((await put(before, { origin: 'http://evil.test' })).status).toBe(403)
    expect(readFileSync(file, 'utf8')).toBe(before)
  })

  test('saves a valid config whole and keeps the previous version as .bak', async () => {
    const before = readFileSync(file, 'utf8')
    const next = before.replace('"perVisit": 3', '"perVisit": 2')
    const response = await put(next)
    expect(response.status).toBe(200)
    expect(readFileSync(file, 'utf8')).toBe(next)
    expect(readFileSync(`${file}.bak`, 'utf8')).toBe(before)
    expect(output.join('')).toContain('Saved trickle.config.json.')
  })

  test('answers only requests addressed to itself (no DNS rebinding)', async () => {
    const status = await new Promise<number>((done, fail) => {
      const req = request(
        new URL('/studio/config', studio.url),
        { headers: { host: 'attacker.test' } },
        (res) => {
          res.resume()
          done(res.statusCode ?? 0)
        },
      )
      req.on('error', fail)
      req.end()
    })
    expect(status).toBe(403)
  })

  test('without --server the report API says how to connect one', async () => {
    const response = await fetch(
      new URL('/studio/api/v1/admin/funnel?from=2026-01-01&to=2026-01-31', studio.url),
    )
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('--server')
  })

  test('a missing file is a one-line error', async () => {
    await expect(startStudio(io, { config: 'nope.json', open: false })).rejects.toThrow(
      'No such file: nope.json',
    )
    expect(existsSync(join(dir, 'nope.json'))).toBe(false)
  })
})

describe('trickle studio --server', () => {
  test('passes the report on with the admin token, and nothing else', async () => {
    const { createServer } = await import('node:http')
    const seen: Array<{ url: string; auth: string | undefined }> = []
    const upstream = createServer((req, res) => {
      seen.push({ url: req.url ?? '', auth: req.headers.authorization })
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ from: '2026-01-01', to: '2026-01-31', fields: [], suggestions: [] }))
    })
    await new Promise<void>((ready) => upstream.listen(0, '127.0.0.1', ready))
    const address = upstream.address()
    const port = typeof address === 'object' && address ? address.port : 0
    process.env.TRICKLE_ADMIN_TOKEN = 'studio-proxy-token'
    const proxied = await startStudio(io, {
      config: 'trickle.config.json',
      server: `http://127.0.0.1:${port}`,
      open: false,
    })
    try {
      const page = await (await fetch(proxied.url)).text()
      expect(page).toContain('"apiBase":"/studio/api"')
      expect(page).not.toContain('studio-proxy-token')
      const insights = await fetch(
        new URL('/studio/api/v1/admin/insights?from=2026-01-01&to=2026-01-31', proxied.url),
      )
      expect(insights.status).toBe(200)
      expect(seen).toEqual([
        {
          url: '/v1/admin/insights?from=2026-01-01&to=2026-01-31',
          auth: 'Bearer studio-proxy-token',
        },
      ])
      const other = await fetch(new URL('/studio/api/v1/admin/people?email=a@b.c', proxied.url))
      expect(other.status).toBe(404)
      expect(seen).toHaveLength(1)
    } finally {
      delete process.env.TRICKLE_ADMIN_TOKEN
      await proxied.close()
      await new Promise<void>((done) => upstream.close(() => done()))
    }
  })
})

describe('trickle studio from the packed packages', () => {
  test('an app that installed @trickle/cli serves the prebuilt studio, with no build step', async () => {
    const root = resolve(import.meta.dirname, '../../..')
    // The global setup built the core, the studio (with its app) and the CLI.
    execFileSync('npm', ['run', 'build', '--silent', '-w', '@trickle/server'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'inherit'],
    })
    const packed = mkdtempSync(join(tmpdir(), 'trickle-studio-packed-'))
    try {
      installPackedApp(packed, [
        '@trickle/core',
        '@trickle/studio',
        '@trickle/server',
        '@trickle/cli',
      ])
      const app = join(packed, 'app')
      copyFileSync(fixture, join(app, 'trickle.config.json'))
      // No Vite in the app: the studio can only serve what it ships.
      expect(existsSync(join(app, 'node_modules', 'vite'))).toBe(false)
      const child = spawn(
        process.execPath,
        [
          join(app, 'node_modules', '@trickle', 'cli', 'bin', 'trickle.js'),
          'studio',
          '--config',
          'trickle.config.json',
          '--no-open',
        ],
        { cwd: app, env: { ...process.env, CI: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
      )
      try {
        let out = ''
        child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()))
        const url = await new Promise<string>((done, fail) => {
          const timer = setTimeout(() => fail(new Error(`no address:\n${out}`)), 60_000)
          child.stdout.on('data', (chunk: Buffer) => {
            out += chunk.toString()
            const match = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(out)
            if (match?.[1]) {
              clearTimeout(timer)
              done(match[1])
            }
          })
        })
        expect((await fetch(url)).status).toBe(200)
        const script = await fetch(new URL('/studio.js', url))
        expect(script.status).toBe(200)
        expect((await script.text()).length).toBeGreaterThan(100_000)
      } finally {
        child.kill('SIGTERM')
      }
    } finally {
      rmSync(packed, { recursive: true, force: true })
    }
  }, 180_000)
})
