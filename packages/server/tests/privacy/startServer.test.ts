import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { lockFileName } from '../../src/dataDirLock'
import type { AuditEntry } from '../../src/privacy/auditLog'
import { startServer } from '../../src/startServer'
import { testSecret, whitepaperConfig } from '../support/fixtures'

const folder = mkdtempSync(join(tmpdir(), 'trickle-desk-start-'))
afterAll(() => rmSync(folder, { recursive: true, force: true }))

it('reads named tokens from TRICKLE_ADMIN_TOKENS and records where it listens in the data folder lock', async () => {
  const lines: string[] = []
  const running = await startServer({
    config: whitepaperConfig(),
    env: {
      PORT: '0',
      HOST: '127.0.0.1',
      TRICKLE_SECRET: testSecret,
      TRICKLE_DATA_DIR: folder,
      TRICKLE_ADMIN_TOKENS: 'dpo:dpo-token-for-tests-0001,ops:ops-token-for-tests-0002',
      TRICKLE_RETENTION_DAILY: '1',
    },
    log: (line) => lines.push(line),
  })
  try {
    const lock = JSON.parse(readFileSync(join(folder, lockFileName), 'utf8')) as {
      url?: string
      pid: number
    }
    expect(lock).toMatchObject({ url: running.url, pid: process.pid })
    const find = await fetch(`${running.url}/v1/admin/people?email=a%40example.com`, {
      headers: { authorization: 'Bearer ops-token-for-tests-0002' },
    })
    expect(find.status).toBe(200)
    // The daily run at start (actor retention) runs in the background: wait for its entry.
    let entries: AuditEntry[] = []
    for (let attempt = 0; attempt < 600; attempt++) {
      const audit = await fetch(`${running.url}/v1/admin/audit`, {
        headers: { authorization: 'Bearer dpo-token-for-tests-0001' },
      })
      entries = ((await audit.json()) as { entries: AuditEntry[] }).entries
      if (entries.some((e) => e.actor === 'retention')) break
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
    expect(entries.map((e) => [e.actor, e.action])).toEqual(
      expect.arrayContaining([
        ['ops', 'find'],
        ['retention', 'retention'],
      ]),
    )
    expect((await fetch(`${running.url}/v1/admin/audit`)).status).toBe(401)
  } finally {
    await running.close()
  }
}, 60_000)
