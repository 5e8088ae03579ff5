import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { serve, type ServerType } from '@hono/node-server'
import { parseConfig, type Config } from '@trickle/core'
import { createTrickleServer, openDatabase, tables, type TrickleServer } from '@trickle/server'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { noColors } from '../src/codeFrame'
import { runCli } from '../src/runCli'

const token = 'admin-token-for-cli-tests'
const whitepaper = resolve(import.meta.dirname, '../../core/tests/fixtures/b2b-whitepaper.json')

function config(): Config {
  const json = JSON.parse(readFileSync(whitepaper, 'utf8')) as Record<string, unknown>
  const result = parseConfig({
    ...json,
    destinations: [
      { id: 'crm', type: 'webhook', purposes: ['delivery', 'sales'] },
      { id: 'backup-hook', type: 'webhook', purposes: ['delivery'] },
    ],
  })
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('; '))
  return result.config
}

/** Receivers that are down: the rows of the test keep their state while it looks at them. */
const down = {
  deliver: async () => ({ ok: false as const, error: 'receiver down (test)', retry: true }),
}

let server: TrickleServer
let http: ServerType
let url = ''

beforeAll(async () => {
  const database = await openDatabase({ dataDir: 'memory://' })
  server = createTrickleServer({
    config: config(),
    database,
    secret: 'cli-test-secret-0123456789-abcdefghijklmnopqrstuvwxyz',
    adminToken: token,
    rateLimit: false,
    log: () => {},
    destinations: {
      crm: { url: 'http://127.0.0.1:9/hook', secret: 'whsec_dGVzdA==', adapter: down },
      'backup-hook': { url: 'http://127.0.0.1:9/hook', secret: 'whsec_dGVzdA==', adapter: down },
    },
  })
  const now = Date.now()
  const row = (
    id: string,
    destinationId: string,
    status: string,
    minutesAgo: number,
    extra: Partial<typeof tables.deliveries.$inferInsert> = {},
  ): typeof tables.deliveries.$inferInsert => ({
    id,
    eventId: `event-${id}`,
    destinationId,
    type: 'submission.created',
    visitorId: 'visitor-personal-77aa',
    formId: 'whitepaper',
    payload: { fieldIds: ['email'], pageUri: 'https://www.example.com/lp', hutk: 'hutk-4f4f' },
    status,
    attempts: 0,
    nextAttemptAt: new Date(now + 24 * 60 * 60_000),
    createdAt: new Date(now - minutesAgo * 60_000),
    ...extra,
  })
  await database.db.insert(tables.deliveries).values([
    row('0b4e7f52-delivered', 'crm', 'delivered', 3, {
      attempts: 1,
      lastStatus: 200,
      deliveredAt: new Date(now - 2 * 60_000),
    }),
    row('7d1c9a30-dead', 'crm', 'dead', 2, {
      attempts: 10,
      lastStatus: 500,
      lastError: 'HTTP 500 Internal Server Error',
    }),
    row('c2f81b6e-pending', 'backup-hook', 'pending', 1, { attempts: 2, lastStatus: 503 }),
  ])
  await database.db.insert(tables.destinationStates).values({
    destinationId: 'crm',
    disabledAt: new Date(now),
    disabledReason: 'HTTP 410 Gone',
  })
  await new Promise<void>((done) => {
    http = serve({ fetch: server.app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
      url = `http://127.0.0.1:${info.port}`
      done()
    })
  })
}, 60_000)

afterAll(async () => {
  await new Promise<void>((done) => http.close(() => done()))
  await server.close()
})

afterEach(() => {
  vi.unstubAllEnvs()
})

async function trickle(...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd: import.meta.dirname,
    colors: noColors,
  })
  return { code, stdout, stderr }
}

describe('trickle deliveries', () => {
  it('lists recent deliveries as a table, and the destinations with their state', async () => {
    const result = await trickle('deliveries', 'list', '--url', url, '--token', token)
    expect(result).toMatchObject({ code: 0, stderr: '' })
    const lines = result.stdout.split('\n')
    const header = lines.findIndex((line) => /^ID\s+DESTINATION\s+TYPE\s+STATUS/.test(line))
    expect(header).toBeGreaterThanOrEqual(0)
    // Newest first; every row names its id (for retry), destination, status and attempts.
    expect(lines[header + 1]).toMatch(
      /^c2f81b6e-pending\s+backup-hook\s+submission\.created\s+pending\s+2\b/,
    )
    expect(lines[header + 2]).toMatch(
      /^7d1c9a30-dead\s+crm\s+submission\.created\s+dead\s+10\b.*HTTP 500/,
    )
    expect(lines[header + 3]).toMatch(
      /^0b4e7f52-delivered\s+crm\s+submission\.created\s+delivered\s+1\b/,
    )
    expect(result.stdout).toMatch(/crm\s+webhook\s+disabled: HTTP 410 Gone/)
    expect(result.stdout).toMatch(/backup-hook\s+webhook\s+enabled/)
    expect(result.stdout).toContain('trickle deliveries enable crm')
    // No personal values: not the visitor id, the page or the HubSpot cookie.
    expect(result.stdout).not.toMatch(/visitor-personal|example\.com|hutk/)
  })

  it('filters, and prints the API answer with --json', async () => {
    const result = await trickle(
      'deliveries',
      'list',
      '--status',
      'dead',
      '--destination',
      'crm',
      '--limit',
      '5',
      '--json',
      '--url',
      url,
      '--token',
      token,
    )
    expect(result.code).toBe(0)
    const body = JSON.parse(result.stdout) as {
      deliveries: { id: string }[]
      destinations: { id: string; disabled: boolean }[]
    }
    expect(body.deliveries.map((d) => d.id)).toEqual(['7d1c9a30-dead'])
    expect(body.destinations.map((d) => [d.id, d.disabled])).toEqual([
      ['crm', true],
      ['backup-hook', false],
    ])
  })

  it('says so when nothing matches', async () => {
    const result = await trickle(
      'deliveries',
      'list',
      '--status',
      'skipped',
      '--url',
      url,
      '--token',
      token,
    )
    expect(result.code).toBe(0)
    expect(result.stdout).toContain('No deliveries')
  })

  it('retries a dead delivery, and explains why a delivered one is not retried', async () => {
    const retried = await trickle(
      'deliveries',
      'retry',
      '7d1c9a30-dead',
      '--url',
      url,
      '--token',
      token,
    )
    expect(retried).toMatchObject({ code: 0, stderr: '' })
    expect(retried.stdout).toMatch(/7d1c9a30-dead.*crm.*pending/)
    const refused = await trickle(
      'deliveries',
      'retry',
      '0b4e7f52-delivered',
      '--url',
      url,
      '--token',
      token,
    )
    expect(refused.code).toBe(1)
    expect(refused.stderr).toContain('only dead or pending deliveries can be retried')
    expect(refused.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('enables a disabled destination', async () => {
    const result = await trickle('deliveries', 'enable', 'crm', '--url', url, '--token', token)
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(result.stdout).toContain('crm')
    expect(result.stdout).toContain('enabled')
    const list = await trickle('deliveries', 'list', '--json', '--url', url, '--token', token)
    const body = JSON.parse(list.stdout) as { destinations: { id: string; disabled: boolean }[] }
    expect(body.destinations.find((d) => d.id === 'crm')?.disabled).toBe(false)
    const unknown = await trickle(
      'deliveries',
      'enable',
      'mailchimp',
      '--url',
      url,
      '--token',
      token,
    )
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('crm, backup-hook')
  })

  it('takes the token from TRICKLE_ADMIN_TOKEN, and the address from PORT like trickle serve', async () => {
    vi.stubEnv('TRICKLE_ADMIN_TOKEN', token)
    expect((await trickle('deliveries', 'list', '--url', url)).code).toBe(0)
    vi.stubEnv('PORT', new URL(url).port)
    expect((await trickle('deliveries', 'list')).code).toBe(0)
  })

  it('answers a missing or wrong token and an unreachable server with one clear line', async () => {
    vi.stubEnv('TRICKLE_ADMIN_TOKEN', '')
    const missing = await trickle('deliveries', 'list', '--url', url)
    expect(missing.code).toBe(2)
    expect(missing.stderr).toContain('--token')
    expect(missing.stderr).toContain('TRICKLE_ADMIN_TOKEN')
    const wrong = await trickle('deliveries', 'list', '--url', url, '--token', 'not-it')
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain('Authorization: Bearer')
    // Port 9 (discard) on the loopback: nothing listens there.
    const down = await trickle(
      'deliveries',
      'list',
      '--url',
      'http://127.0.0.1:9',
      '--token',
      token,
    )
    expect(down.code).toBe(1)
    expect(down.stderr).toContain('Cannot reach the Trickle server at http://127.0.0.1:9')
    for (const result of [missing, wrong, down]) {
      expect(result.stderr.trim().split('\n')).toHaveLength(1)
    }
  })

  it('refuses wrong usage with exit code 2', async () => {
    const cases: [string[], string][] = [
      [['deliveries'], 'list, retry or enable'],
      [['deliveries', 'lst'], 'list, retry or enable'],
      [['deliveries', 'retry'], 'delivery id'],
      [['deliveries', 'enable'], 'destination id'],
      [['deliveries', 'list', 'extra'], 'takes no'],
      [['deliveries', 'list', '--limit', 'ten'], '--limit'],
      [['deliveries', 'list', '--status', 'lost'], '--status'],
      [['deliveries', 'list', '--url', 'ftp://x'], '--url'],
    ]
    for (const [argv, message] of cases) {
      const result = await trickle(...argv, '--token', token)
      expect(result.code, argv.join(' ')).toBe(2)
      expect(result.stderr, argv.join(' ')).toContain(message)
    }
  })

  it('has help with examples, and is listed in the main help', async () => {
    const help = await trickle('deliveries', '--help')
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('trickle deliveries list --status dead')
    expect(help.stdout).toContain('TRICKLE_ADMIN_TOKEN')
    expect((await trickle('--help')).stdout).toContain('deliveries list|retry|enable')
  })
})
