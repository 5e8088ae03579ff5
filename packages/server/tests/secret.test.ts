import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { resolveSecret } from '../src/secret'

const root = mkdtempSync(join(tmpdir(), 'trickle-secret-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('resolveSecret', () => {
  it('creates a secret once in the embedded data folder, readable by the owner only', async () => {
    const dataDir = join(root, 'data')
    const first = await resolveSecret({ dataDir })
    expect(first.length).toBeGreaterThanOrEqual(32)
    expect(statSync(join(dataDir, 'secret')).mode & 0o777).toBe(0o600)
    expect(await resolveSecret({ dataDir })).toBe(first)
    expect(readFileSync(join(dataDir, 'secret'), 'utf8')).toBe(first)
  })

  it('creates one secret when several starts race', async () => {
    const dataDir = join(root, 'race')
    const secrets = await Promise.all(Array.from({ length: 5 }, () => resolveSecret({ dataDir })))
    expect(new Set(secrets).size).toBe(1)
  })

  it('uses TRICKLE_SECRET when given, and refuses a short one', async () => {
    const secret = 'e'.repeat(40)
    expect(await resolveSecret({ secret, databaseUrl: 'postgres://db/x' })).toBe(secret)
    await expect(resolveSecret({ secret: 'short' })).rejects.toThrow(/too short.*openssl rand/)
  })

  it('refuses to start PostgreSQL mode without a secret, saying what to set', async () => {
    await expect(
      resolveSecret({ databaseUrl: 'postgres://db/x', dataDir: join(root, 'pg') }),
    ).rejects.toThrow(/TRICKLE_SECRET is not set.*DATABASE_URL/)
  })

  it('tightens a stored secret file and refuses a truncated one', async () => {
    const dataDir = join(root, 'loose')
    await resolveSecret({ dataDir })
    writeFileSync(join(dataDir, 'secret'), 'x'.repeat(40), { mode: 0o644 })
    await resolveSecret({ dataDir })
    expect(statSync(join(dataDir, 'secret')).mode & 0o777).toBe(0o600)
    writeFileSync(join(dataDir, 'secret'), 'short')
    await expect(resolveSecret({ dataDir })).rejects.toThrow(/too short.*Delete the file/)
  })
})
