import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { noColors } from '../src/codeFrame'
import { runCli } from '../src/runCli'
import { startFakeAdminApi, type FakeAdminApi } from './support/fakeAdminApi'

let api: FakeAdminApi
const cwd = mkdtempSync(join(tmpdir(), 'trickle-privacy-cli-'))

beforeAll(async () => {
  api = await startFakeAdminApi()
})
afterAll(async () => {
  await api.close()
  rmSync(cwd, { recursive: true, force: true })
})
beforeEach(() => {
  vi.stubEnv('TRICKLE_SERVER_URL', api.url)
  vi.stubEnv('TRICKLE_ADMIN_TOKEN', api.token)
  api.requests.length = 0
})
afterEach(() => {
  vi.unstubAllEnvs()
})

async function trickle(argv: string[], confirm?: (question: string) => Promise<boolean>) {
  let stdout = ''
  let stderr = ''
  const code = await runCli(argv, {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd,
    colors: noColors,
    confirm,
  })
  return { code, stdout, stderr }
}

describe('trickle privacy find', () => {
  it('prints every profile readably: fields with purpose, basis, collected and form; consents; submissions', async () => {
    const result = await trickle(['privacy', 'find', '--email', 'Klaus@Example.com'])
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(api.requests).toEqual([
      { method: 'GET', path: '/v1/admin/people', query: { email: 'Klaus@Example.com' } },
    ])
    const lines = result.stdout.split('\n')
    expect(lines[0]).toMatch(/^1 profile hold/)
    expect(result.stdout).toContain('Profile v-kiosk-1: created 2026-11-02 09:15:00 UTC, 2 visits')
    expect(result.stdout).toMatch(/FIELD\s+VALUE\s+PURPOSE\s+BASIS\s+COLLECTED \(UTC\)\s+FORM/)
    expect(result.stdout).toMatch(
      /email\s+klaus@example\.com\s+delivery\s+contract\s+2026-11-02 09:15:00\s+whitepaper/,
    )
    expect(result.stdout).toMatch(
      /jobRole\s+head\s+sales\s+consent\s+2026-11-03 10:00:00\s+webinar/,
    )
    expect(result.stdout).toMatch(
      /7\s+newsletter\s+granted\s+2\s+2026-11-02 09:15:00\s+whitepaper\s+de\s+form/,
    )
    expect(result.stdout).toContain('Consent now: newsletter granted, sales none')
    expect(result.stdout).toMatch(/2026-11-02 09:15:00\s+whitepaper\s+1\s+email, jobRole/)
  })

  it('says so when nobody holds the address, and prints the API answer with --json', async () => {
    const none = await trickle(['privacy', 'find', '--email', 'nobody@example.com'])
    expect(none).toMatchObject({ code: 0, stderr: '' })
    expect(none.stdout).toMatch(/^No profile holds this address/)
    const json = await trickle(['privacy', 'find', '--email', 'klaus@example.com', '--json'])
    expect(json.code).toBe(0)
    const body = JSON.parse(json.stdout) as { profiles: { visitorId: string }[] }
    expect(body.profiles.map((p) => p.visitorId)).toEqual(['v-kiosk-1'])
  })
})

describe('trickle privacy export and proof', () => {
  it('writes the export under the name the server gives, owner-readable, and says where', async () => {
    const result = await trickle(['privacy', 'export', '--email', 'klaus@example.com'])
    expect(result).toMatchObject({ code: 0, stderr: '' })
    const file = join(cwd, 'export-Qm9vZ3Vz.json')
    expect(result.stdout).toContain(file)
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({ profiles: [{}, {}] })
    expect(statSync(file).mode & 0o777).toBe(0o600)
  })

  it('writes the printable page in the locale asked for, to --out', async () => {
    const result = await trickle([
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
    ])
    expect(result.code).toBe(0)
    expect(api.requests[0]?.query).toEqual({
      email: 'klaus@example.com',
      format: 'html',
      locale: 'de',
    })
    expect(readFileSync(join(cwd, 'auskunft.html'), 'utf8')).toContain('<html lang="de">')
    expect(result.stdout).toContain(join(cwd, 'auskunft.html'))
    const named = await trickle([
      'privacy',
      'export',
      '--email',
      'klaus@example.com',
      '--format',
      'html',
    ])
    // No name from the server for a page: the time it was written.
    expect(named.stdout).toMatch(/export-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.html\b/)
    const proof = await trickle([
      'privacy',
      'proof',
      '--email',
      'klaus@example.com',
      '--purpose',
      'newsletter',
      '--format',
      'html',
    ])
    expect(proof.stdout).toMatch(/proof-newsletter-\d{4}-\d{2}-\d{2}T[\d-]+\.html\b/)
    const proofJson = await trickle([
      'privacy',
      'proof',
      '--email',
      'klaus@example.com',
      '--purpose',
      'newsletter',
      '--format',
      'json',
    ])
    expect(proofJson.stdout).toContain(join(cwd, 'proof-newsletter-Qm9vZ3Vz.json'))
  })

  it('prints the proof of a consent readably, as JSON, or writes its page', async () => {
    const text = await trickle([
      'privacy',
      'proof',
      '--email',
      'klaus@example.com',
      '--purpose',
      'newsletter',
    ])
    expect(text).toMatchObject({ code: 0, stderr: '' })
    expect(text.stdout).toContain('Proof of consent to newsletter: 1 record.')
    expect(text.stdout).toMatch(
      /2026-11-02 09:15:00 UTC\s+granted\s+version 2\s+by confirmation-link/,
    )
    expect(text.stdout).toContain('matches')
    expect(text.stdout).toContain('Ja, schickt mir den Newsletter.')
    expect(text.stdout).toContain('Confirmation link mailed 2026-11-02 09:15:01 UTC')
    const json = await trickle([
      'privacy',
      'proof',
      '--email',
      'klaus@example.com',
      '--purpose',
      'newsletter',
      '--json',
    ])
    expect((JSON.parse(json.stdout) as { proofs: unknown[] }).proofs).toHaveLength(1)
    const page = await trickle([
      'privacy',
      'proof',
      '--email',
      'klaus@example.com',
      '--purpose',
      'newsletter',
      '--format',
      'html',
      '--out',
      '-',
    ])
    expect(page.stdout).toContain('<title>Proof</title>')
  })
})

describe('trickle privacy erase', () => {
  it('erases with --yes and prints the receipt, which holds no address', async () => {
    const result = await trickle([
      'privacy',
      'erase',
      '--email',
      'klaus@example.com',
      '--yes',
      '--reason',
      'letter of 2026-12-01',
    ])
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(api.requests).toEqual([
      {
        method: 'DELETE',
        path: '/v1/admin/people',
        query: { email: 'klaus@example.com', reason: 'letter of 2026-12-01' },
      },
    ])
    expect(result.stdout).toContain('Erased 2 profiles.')
    expect(result.stdout).toContain('Receipt r-42 at 2026-12-06 05:00:00 UTC')
    expect(result.stdout).toContain('reason: letter of 2026-12-01')
    expect(result.stdout).toContain('field_values 5, consent_events 3, submissions 2')
    expect(result.stdout).not.toContain('klaus')
  })

  it('asks first in a terminal, and erases nothing when the answer is no', async () => {
    const questions: string[] = []
    const declined = await trickle(
      ['privacy', 'erase', '--email', 'klaus@example.com'],
      async (q) => {
        questions.push(q)
        return false
      },
    )
    expect(declined.code).toBe(1)
    expect(declined.stderr).toContain('Nothing erased')
    expect(questions[0]).toContain('Erase 1 profile holding klaus@example.com')
    expect(api.requests.map((r) => r.method)).toEqual(['GET'])
    const confirmed = await trickle(
      ['privacy', 'erase', '--email', 'klaus@example.com'],
      async () => true,
    )
    expect(confirmed.code).toBe(0)
    expect(api.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'DELETE'])
  })

  it('refuses without --yes when nobody can answer (a script), saying why', async () => {
    const result = await trickle(['privacy', 'erase', '--email', 'klaus@example.com'])
    expect(result.code).toBe(2)
    expect(result.stderr).toContain('--yes')
    expect(api.requests).toEqual([])
  })
})

describe('trickle privacy withdraw and audit', () => {
  it('withdraws a purpose on every profile and says what was erased', async () => {
    const result = await trickle([
      'privacy',
      'withdraw',
      '--email',
      'klaus@example.com',
      '--purpose',
      'newsletter',
    ])
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(api.requests[0]).toMatchObject({ method: 'POST', path: '/v1/admin/people/withdraw' })
    expect(result.stdout).toContain('Withdrew newsletter on 1 of 2 profiles')
    expect(result.stdout).toContain('Erased fields: phone.')
  })

  it('lists the audit log', async () => {
    const result = await trickle(['privacy', 'audit', '--limit', '10'])
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(api.requests[0]?.query).toEqual({ limit: '10' })
    expect(result.stdout).toMatch(/SEQ\s+AT \(UTC\)\s+ACTOR\s+ACTION/)
    expect(result.stdout).toMatch(
      /3\s+2026-12-06 05:00:00\s+dpo\s+erase\s+Qm9vZ3VzSGFz…\s+-\s+\{"profiles":2\}/,
    )
  })
})

describe('trickle privacy: errors', () => {
  it('exits 1 with the API message when it refuses', async () => {
    const bad = await trickle(['privacy', 'find', '--email', 'not-an-address'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('422: This is not an e-mail address.')
    const unknown = await trickle([
      'privacy',
      'withdraw',
      '--email',
      'k@example.com',
      '--purpose',
      'sms',
    ])
    expect(unknown.code).toBe(1)
    expect(unknown.stderr).toContain('known: newsletter')
    vi.stubEnv('TRICKLE_ADMIN_TOKEN', 'wrong')
    const wrong = await trickle(['privacy', 'audit'])
    expect(wrong.code).toBe(1)
    expect(wrong.stderr).toContain('Authorization: Bearer')
    for (const result of [bad, unknown, wrong])
      expect(result.stderr.trim().split('\n')).toHaveLength(1)
  })

  it('refuses wrong usage with exit code 2 before reaching the API', async () => {
    const cases: [string[], string][] = [
      [['privacy'], 'find, export, proof, erase, withdraw, audit'],
      [['privacy', 'lookup'], 'Unknown action "lookup"'],
      [['privacy', 'find'], '--email'],
      [['privacy', 'proof', '--email', 'k@example.com'], '--purpose'],
      [['privacy', 'withdraw', '--email', 'k@example.com'], '--purpose'],
      [['privacy', 'export', '--email', 'k@example.com', '--format', 'pdf'], '--format'],
      [['privacy', 'export', '--email', 'k@example.com', '--locale', 'de'], '--format html'],
      [['privacy', 'find', '--email', 'k@example.com', '--yes'], '--yes'],
      [['privacy', 'audit', '--limit', 'many'], '--limit'],
      [['privacy', 'find', '--email', 'k@example.com', '--server', 'ftp://x'], '--server'],
      [['privacy', 'find', '--mail', 'k@example.com'], "Unknown option '--mail'"],
    ]
    for (const [argv, message] of cases) {
      const result = await trickle(argv)
      expect(result.code, argv.join(' ')).toBe(2)
      expect(result.stderr, argv.join(' ')).toContain(message)
    }
    expect(api.requests).toEqual([])
  })

  it('names what to set when it finds no server and no database', async () => {
    vi.stubEnv('TRICKLE_SERVER_URL', '')
    vi.stubEnv('DATABASE_URL', '')
    vi.stubEnv('TRICKLE_DATA_DIR', '')
    const result = await trickle([
      'privacy',
      'find',
      '--email',
      'k@example.com',
      '--data',
      'missing',
    ])
    expect(result.code).toBe(2)
    for (const name of [
      '--server',
      'TRICKLE_SERVER_URL',
      'TRICKLE_ADMIN_TOKEN',
      'DATABASE_URL',
      '--data',
    ]) {
      expect(result.stderr).toContain(name)
    }
    vi.stubEnv('TRICKLE_SERVER_URL', api.url)
    vi.stubEnv('TRICKLE_ADMIN_TOKEN', '')
    const noToken = await trickle(['privacy', 'audit'])
    expect(noToken.code).toBe(2)
    expect(noToken.stderr).toContain('TRICKLE_ADMIN_TOKEN')
  })

  it('has help with examples, and is listed in the main help', async () => {
    const help = await trickle(['privacy', '--help'])
    expect(help.code).toBe(0)
    expect(help.stdout).toContain('trickle privacy erase --email klaus@example.com')
    expect(help.stdout).toContain('TRICKLE_ADMIN_TOKEN')
    const main = (await trickle(['--help'])).stdout
    expect(main).toContain('privacy find|export|proof|erase|withdraw|audit')
    expect(main).toContain('retention --dry-run|--apply')
  })
})

describe('trickle retention', () => {
  it('prints what is due per purpose with --dry-run', async () => {
    const result = await trickle(['retention', '--dry-run'])
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(api.requests).toEqual([
      { method: 'POST', path: '/v1/admin/retention', query: { apply: 'false' } },
    ])
    expect(result.stdout).toContain('Dry run at 2026-12-06 05:00:00 UTC')
    expect(result.stdout).toMatch(/PURPOSE\s+RETAIN DAYS\s+PROFILES\s+FIELDS/)
    expect(result.stdout).toMatch(/sales\s+365\s+12\s+jobRole, budget/)
    expect(result.stdout).toContain('--apply')
  })

  it('erases with --apply and prints the receipts', async () => {
    const result = await trickle(['retention', '--apply'])
    expect(result).toMatchObject({ code: 0, stderr: '' })
    expect(api.requests[0]?.query).toEqual({ apply: 'true' })
    expect(result.stdout).toContain('1 receipt:')
    expect(result.stdout).toMatch(/Receipt r-42 .*\(retention, requested by retention\)/)
  })

  it('refuses without exactly one of --dry-run and --apply', async () => {
    for (const argv of [['retention'], ['retention', '--dry-run', '--apply']]) {
      const result = await trickle(argv)
      expect(result.code, argv.join(' ')).toBe(2)
      expect(result.stderr).toContain('--dry-run')
      expect(result.stderr).toContain('--apply')
    }
    expect(api.requests).toEqual([])
  })
})
