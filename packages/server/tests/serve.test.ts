import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { failingStart, startServeProcess, type ServerProcess } from './support/child'
import { createDatabase } from './support/postgres'
import { testSecret } from './support/fixtures'
import { readFileSync } from 'node:fs'

const root = mkdtempSync(join(tmpdir(), 'trickle-serve-'))
const configPath = join(root, 'trickle.config.json')
writeFileSync(
  configPath,
  readFileSync(new URL('../../core/tests/fixtures/b2b-whitepaper.json', import.meta.url)),
)
const running = new Set<ServerProcess>()
afterAll(() => {
  for (const server of running) server.child.kill('SIGKILL')
  rmSync(root, { recursive: true, force: true })
})

const start = async (env: Record<string, string>) => {
  const server = await startServeProcess({
    TRICKLE_CONFIG: configPath,
    TRICKLE_MAIL_DIR: join(root, 'mail'),
    ...env,
  })
  running.add(server)
  return server
}

interface Acknowledged {
  cookie: string
  company: string
}

/**
 * A bounded load of first-visit submissions from fresh visitors on loopback. The server is
 * killed with SIGKILL as soon as `killAfterAcknowledged` submissions were acknowledged, while
 * the other workers' requests are in flight. Bounded by counts, never by time: a slow machine
 * only makes it take longer.
 */
async function loadThenKill(
  server: ServerProcess,
  options: { workers: number; killAfterAcknowledged: number; maxRequests: number },
) {
  const acknowledged: Acknowledged[] = []
  let sent = 0
  let unanswered = 0
  let killed = false
  const kill = () => {
    if (killed) return
    killed = true
    server.child.kill('SIGKILL')
  }
  const worker = async (w: number) => {
    while (!killed && sent < options.maxRequests) {
      const n = sent++
      const company = `Company ${w}-${n}`
      try {
        const response = await fetch(`${server.url}/v1/submissions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            formId: 'whitepaper',
            idempotencyKey: crypto.randomUUID(),
            locale: 'en',
            values: {
              email: `load${n}@example.com`,
              firstName: 'Load',
              lastName: `Test ${n}`,
              company,
            },
            consents: { newsletter: false, sales: n % 2 === 0 },
          }),
        })
        if (response.status !== 201)
          throw new Error(`status ${response.status}: ${await response.text()}`)
        const cookie = /trickle_vid=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1]
        if (!cookie) throw new Error('no cookie')
        acknowledged.push({ cookie, company })
        if (acknowledged.length >= options.killAfterAcknowledged) kill()
      } catch (error) {
        if (!killed) throw error
        unanswered++
      }
    }
  }
  await Promise.all(Array.from({ length: options.workers }, (_, w) => worker(w)))
  kill()
  expect(await server.exited).toBe('SIGKILL')
  running.delete(server)
  return { acknowledged, sent, unanswered }
}

async function countFound(server: ServerProcess, acknowledged: Acknowledged[]) {
  let found = 0
  for (const { cookie, company } of acknowledged) {
    const response = await fetch(`${server.url}/v1/me/export`, {
      headers: { cookie: `trickle_vid=${cookie}` },
    })
    const exported = (await response.json()) as { fields: { id: string; value?: unknown }[] }
    if (exported.fields.find((field) => field.id === 'company')?.value === company) found++
  }
  return found
}

const postgres = inject('postgres')
const kinds = [
  {
    name: 'PGlite',
    skipped: null as string | null,
    env: async () => ({ TRICKLE_DATA_DIR: join(root, `data-${Date.now()}`) }),
  },
  {
    name: 'PostgreSQL',
    skipped: 'skipped' in postgres ? postgres.skipped : null,
    env: async () => ({
      DATABASE_URL: await createDatabase((postgres as { url: string }).url),
      TRICKLE_SECRET: testSecret,
    }),
  },
]

for (const kind of kinds) {
  describe.skipIf(kind.skipped !== null)(
    `serve.ts on ${kind.name}${kind.skipped ? ` (SKIPPED: ${kind.skipped})` : ''}`,
    () => {
      it('keeps every acknowledged submission through a SIGKILL mid-load, then stops cleanly on SIGTERM', async () => {
        const env = await kind.env()
        const first = await start(env)
        const load = await loadThenKill(first, {
          workers: 8,
          killAfterAcknowledged: 20,
          maxRequests: 400,
        })
        // Killed after the 20th acknowledgement, with up to 7 requests still in flight.
        expect(load.acknowledged.length).toBeGreaterThanOrEqual(20)
        expect(load.sent).toBeLessThanOrEqual(400)

        const second = await start(env)
        const found = await countFound(second, load.acknowledged)
        console.info(
          `[crash test, ${kind.name}] sent ${load.sent}, acknowledged ${load.acknowledged.length}, ` +
            `cut off by the kill (never acknowledged) ${load.unanswered}, acknowledged found after restart ${found}`,
        )
        expect(found).toBe(load.acknowledged.length)

        second.child.kill('SIGTERM')
        expect(await second.exited).toBe(0)
        running.delete(second)
        expect(second.output()).toMatch(/stopping \(SIGTERM\)/)
      }, 180_000)
    },
  )
}

describe('serve.ts on one PGlite data folder', () => {
  it('refuses a second process on the same folder, naming the folder and the other process', async () => {
    const dataDir = join(root, 'shared-folder')
    const first = await start({ TRICKLE_DATA_DIR: dataDir })
    const second = await failingStart({ TRICKLE_CONFIG: configPath, TRICKLE_DATA_DIR: dataDir })
    expect(second.code).toBe(1)
    expect(second.output).toContain(dataDir)
    expect(second.output).toContain(`process ${first.child.pid}`)
    expect(second.output).toMatch(/since \d{4}-\d{2}-\d{2}T/)
    // The first one is untouched and still answers.
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200)

    // Released on a clean stop: the next process starts.
    first.child.kill('SIGTERM')
    expect(await first.exited).toBe(0)
    running.delete(first)
    const third = await start({ TRICKLE_DATA_DIR: dataDir })
    expect((await fetch(`${third.url}/healthz`)).status).toBe(200)

    // The lock of a process killed with SIGKILL stays behind and is taken over.
    third.child.kill('SIGKILL')
    expect(await third.exited).toBe('SIGKILL')
    running.delete(third)
    const fourth = await start({ TRICKLE_DATA_DIR: dataDir })
    expect((await fetch(`${fourth.url}/healthz`)).status).toBe(200)
    fourth.child.kill('SIGTERM')
    expect(await fourth.exited).toBe(0)
    running.delete(fourth)
  }, 240_000)
})

describe('serve.ts configuration', () => {
  it('refuses to start with DATABASE_URL but no TRICKLE_SECRET, saying what to set', async () => {
    const { code, output } = await failingStart({
      TRICKLE_CONFIG: configPath,
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none',
    })
    expect(code).toBe(1)
    expect(output).toMatch(/TRICKLE_SECRET is not set/)
  })

  it('lists the problems of an invalid config file', async () => {
    const broken = join(root, 'broken.json')
    writeFileSync(
      broken,
      JSON.stringify({ version: 1, purposes: [], fields: [], forms: [{ id: 'x', perVist: 3 }] }),
    )
    const { code, output } = await failingStart({
      TRICKLE_CONFIG: broken,
      TRICKLE_DATA_DIR: join(root, 'unused'),
    })
    expect(code).toBe(1)
    expect(output).toMatch(/is not a valid Trickle config/)
    expect(output).toMatch(/\/forms\/0/)
  })
})
