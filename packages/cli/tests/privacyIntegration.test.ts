import { spawn, type ChildProcess } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { parseConfig } from '@trickle/core'
import { createTrickleServer, openDatabase, resolveSecret } from '@trickle/server'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { noColors } from '../src/codeFrame'
import { runCli } from '../src/runCli'

/**
 * The privacy commands against the real admin routes: the embedded data folder opened by the
 * CLI itself, PostgreSQL (DATABASE_URL), and a data folder held by a running `trickle serve`.
 */
const root = resolve(import.meta.dirname, '../../..')
const whitepaper = resolve(root, 'packages/core/tests/fixtures/b2b-whitepaper.json')
/** The server tests' PostgreSQL harness, loaded at run time: it belongs to the server's project. */
interface PostgresServer {
  createDatabase(): Promise<string>
  stop(): Promise<void>
}
const { postgresMissingReason, startPostgres } = (await import(
  resolve(root, 'packages/server/tests/support/postgres.ts')
)) as {
  postgresMissingReason(): string | null
  startPostgres(): Promise<PostgresServer>
}
const folders: string[] = []
const children: ChildProcess[] = []
let postgres: PostgresServer | undefined

function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'trickle-privacy-'))
  folders.push(dir)
  return dir
}

afterEach(() => {
  vi.unstubAllEnvs()
})
afterAll(async () => {
  for (const child of children) child.kill('SIGTERM')
  await postgres?.stop()
  for (const dir of folders) rmSync(dir, { recursive: true, force: true })
}, 60_000)

async function trickle(cwd: string, ...argv: string[]) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd,
    colors: noColors,
  })
  return { code, stdout, stderr }
}

/** Two browsers (two cookies) leave the same address, the second in another case. */
async function submitTwice(
  send: (path: string, init: RequestInit) => Response | Promise<Response>,
) {
  for (const email of ['klaus@example.com', 'KLAUS@Example.com']) {
    const response = await send('/v1/submissions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        formId: 'whitepaper',
        idempotencyKey: randomUUID(),
        locale: 'en',
        values: { email, firstName: 'Klaus', lastName: 'Kunde', company: 'ACME' },
        consents: { newsletter: false, sales: true },
      }),
    })
    expect(response.status, await response.clone().text()).toBe(201)
  }
}

/** Fills a database through the real routes, as visitors would, then closes it. */
async function seed(
  options: { dataDir: string } | { url: string },
  secret: string,
  { configFile = whitepaper, now }: { configFile?: string; now?: () => Date } = {},
) {
  const parsed = parseConfig(JSON.parse(readFileSync(configFile, 'utf8')))
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('; '))
  const database = await openDatabase(options)
  const server = createTrickleServer({
    config: parsed.config,
    database,
    secret,
    rateLimit: false,
    log: () => {},
    ...(now && { now }),
  })
  try {
    await submitTwice((path, init) => server.app.request(path, init))
  } finally {
    await server.close()
  }
}

/** find, export, erase, and find again: the whole request, against whatever the env names. */
async function answerRequest(cwd: string, actor: string, ...where: string[]) {
  const found = await trickle(cwd, 'privacy', 'find', '--email', ' Klaus@example.COM ', ...where)
  expect(found, found.stderr).toMatchObject({ code: 0 })
  expect(found.stdout).toMatch(/^2 profiles hold this address/)
  expect(found.stdout.match(/klaus@example\.com/gi)).toHaveLength(2)
  expect(found.stdout).toMatch(/sales\s+granted/)

  const exported = await trickle(
    cwd,
    'privacy',
    'export',
    '--email',
    'klaus@example.com',
    '--out',
    'export.json',
    ...where,
  )
  expect(exported.code, exported.stderr).toBe(0)
  const document = JSON.parse(readFileSync(join(cwd, 'export.json'), 'utf8')) as {
    profiles: unknown[]
  }
  expect(document.profiles).toHaveLength(2)
  expect(JSON.stringify(document)).toContain('Yes, ')

  const page = await trickle(
    cwd,
    'privacy',
    'export',
    '--email',
    'klaus@example.com',
    '--format',
    'html',
    '--locale',
    'de',
    '--out',
    'auskunft.html',
    ...where,
  )
  expect(page.code, page.stderr).toBe(0)
  const html = readFileSync(join(cwd, 'auskunft.html'), 'utf8')
  expect(html).toMatch(/<html[^>]*lang="de"/)
  expect(html).toContain('Yes, sales may contact me')

  const proof = await trickle(
    cwd,
    'privacy',
    'proof',
    '--email',
    'klaus@example.com',
    '--purpose',
    'sales',
    ...where,
  )
  expect(proof.code, proof.stderr).toBe(0)
  expect(proof.stdout).toContain('Proof of consent to sales: 2 records.')

  const erased = await trickle(
    cwd,
    'privacy',
    'erase',
    '--email',
    'klaus@example.com',
    '--yes',
    '--reason',
    'letter',
    ...where,
  )
  expect(erased.code, erased.stderr).toBe(0)
  expect(erased.stdout).toContain('Erased 2 profiles.')
  expect(erased.stdout).not.toMatch(/klaus/i)

  const again = await trickle(cwd, 'privacy', 'find', '--email', 'klaus@example.com', ...where)
  expect(again.stdout).toMatch(/^No profile holds this address/)
  const audit = await trickle(cwd, 'privacy', 'audit', ...where)
  // The audit log names who acted: the token of the server, or the command's own.
  expect(audit.stdout).toMatch(new RegExp(`\\s${actor}\\s+erase\\s`))
  expect(audit.stdout).toMatch(/\bfind\b/)
  expect(audit.stdout).not.toMatch(/klaus/i)
  return { found, erased }
}

describe('trickle privacy on the real routes', () => {
  it('opens the embedded data folder itself while no server runs', async () => {
    const data = folder()
    await seed({ dataDir: data }, await resolveSecret({ dataDir: data }))
    vi.stubEnv('TRICKLE_SERVER_URL', '')
    vi.stubEnv('DATABASE_URL', '')
    vi.stubEnv('TRICKLE_ADMIN_TOKEN', '')
    const { found } = await answerRequest(data, 'cli', '--data', data, '--config', whitepaper)
    expect(found.stderr).toBe('')
    const dryRun = await trickle(
      data,
      'retention',
      '--dry-run',
      '--data',
      data,
      '--config',
      whitepaper,
    )
    expect(dryRun.code, dryRun.stderr).toBe(0)
    expect(dryRun.stdout).toContain('Dry run at')
  }, 120_000)

  it('lists the values past retention per purpose, erases them with --apply and prints the receipts', async () => {
    const data = folder()
    // Names and company (personalisation) are kept 30 days; the visitors came 400 days ago.
    const json = JSON.parse(readFileSync(whitepaper, 'utf8')) as {
      purposes: { id: string; retainDays?: number }[]
    }
    json.purposes.find((p) => p.id === 'personalisation')!.retainDays = 30
    const configFile = join(data, 'retention.config.json')
    writeFileSync(configFile, JSON.stringify(json))
    const past = new Date(Date.now() - 400 * 24 * 60 * 60_000)
    await seed({ dataDir: data }, await resolveSecret({ dataDir: data }), {
      configFile,
      now: () => past,
    })
    vi.stubEnv('TRICKLE_SERVER_URL', '')
    vi.stubEnv('DATABASE_URL', '')
    const where = ['--data', data, '--config', configFile]

    const dryRun = await trickle(data, 'retention', '--dry-run', ...where)
    expect(dryRun.code, dryRun.stderr).toBe(0)
    expect(dryRun.stdout).toContain('nothing erased yet')
    expect(dryRun.stdout).toMatch(/^personalisation\s+30\s+2\s+.*company/m)
    const stillThere = await trickle(
      data,
      'privacy',
      'find',
      '--email',
      'klaus@example.com',
      ...where,
    )
    expect(stillThere.stdout).toMatch(/^2 profiles hold/)

    const applied = await trickle(data, 'retention', '--apply', ...where)
    expect(applied.code, applied.stderr).toBe(0)
    expect(applied.stdout).toContain('are erased')
    expect(applied.stdout).toMatch(/^personalisation\s+30\s+2\s+.*company/m)
    expect(applied.stdout).toMatch(/Receipt \S+ at .*\(retention, requested by /)
    expect(applied.stdout).not.toMatch(/klaus/i)

    const after = await trickle(data, 'retention', '--dry-run', ...where)
    expect(after.stdout).toContain('no value is past its retention')
  }, 120_000)

  it.skipIf(postgresMissingReason() !== null)(
    'opens PostgreSQL with DATABASE_URL',
    async () => {
      postgres ??= await startPostgres()
      const url = await postgres.createDatabase()
      const secret = 'cli-privacy-secret-0123456789-abcdefghijklmnopqrstuvwxyz'
      await seed({ url }, secret)
      vi.stubEnv('TRICKLE_SERVER_URL', '')
      vi.stubEnv('DATABASE_URL', url)
      vi.stubEnv('TRICKLE_SECRET', secret)
      await answerRequest(folder(), 'cli', '--config', whitepaper)
    },
    120_000,
  )

  it('goes through the API of the server that holds the data folder, and says so', async () => {
    const data = folder()
    const token = 'cli-privacy-admin-token-0123456789'
    const child = spawn(
      process.execPath,
      [
        '--conditions=@trickle/source',
        '--import',
        'tsx',
        'packages/cli/src/bin.ts',
        'serve',
        '--config',
        whitepaper,
        '--port',
        '0',
        '--data',
        data,
      ],
      {
        cwd: root,
        env: { ...process.env, NO_COLOR: '1', TRICKLE_ADMIN_TOKEN: token, DATABASE_URL: '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    children.push(child)
    let output = ''
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
    const url = await new Promise<string>((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no startup line:\n${output}`)), 60_000)
      child.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString()
        const match = /listening on (http:\/\/\S+)/.exec(output)
        if (match?.[1]) {
          clearTimeout(timer)
          done(match[1])
        }
      })
      child.once('exit', (code) => fail(new Error(`exited with ${code}:\n${output}`)))
    })
    await submitTwice((path, init) => fetch(`${url}${path}`, init))

    vi.stubEnv('TRICKLE_SERVER_URL', '')
    vi.stubEnv('DATABASE_URL', '')
    vi.stubEnv('TRICKLE_ADMIN_TOKEN', '')
    const withoutToken = await trickle(
      data,
      'privacy',
      'find',
      '--email',
      'klaus@example.com',
      '--data',
      data,
    )
    expect(withoutToken.code).toBe(2)
    expect(withoutToken.stderr).toContain(url)
    expect(withoutToken.stderr).toContain('TRICKLE_ADMIN_TOKEN')

    vi.stubEnv('TRICKLE_ADMIN_TOKEN', token)
    const { found } = await answerRequest(data, 'admin', '--data', data)
    expect(found.stderr).toContain(`The Trickle server at ${url} holds ${data}`)

    const exit = new Promise<number | null>((done) => child.once('exit', done))
    child.kill('SIGTERM')
    expect(await exit).toBe(0)
  }, 120_000)
})
