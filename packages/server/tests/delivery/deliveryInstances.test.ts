import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { startServeProcess, type ServerProcess } from '../support/child'
import { testSecret } from '../support/fixtures'
import { createDatabase } from '../support/postgres'
import { receivedFor, submitLoad, writeWebhookConfig } from './processLoad'
import { startReceiver, webhookSecret, type Receiver } from './webhookReceiver'

const root = mkdtempSync(join(tmpdir(), 'trickle-delivery-instances-'))
const configPath = writeWebhookConfig(root)
const running = new Set<ServerProcess>()
let receiver: Receiver | undefined
afterAll(async () => {
  for (const server of running) server.child.kill('SIGKILL')
  await receiver?.close()
  rmSync(root, { recursive: true, force: true })
})

const postgres = inject('postgres')
const skipped = 'skipped' in postgres ? postgres.skipped : null

/** Enough for a killed instance's claims to lapse (50 s) and the other to deliver them. */
const deliveredWithin = { timeout: 180_000, interval: 100 }

describe.skipIf(skipped !== null)(
  `two serve.ts instances on one PostgreSQL${skipped ? ` (SKIPPED: ${skipped})` : ''}`,
  () => {
    it('deliver every event once under load, and all of them when one is killed mid-way', async () => {
      const secret = webhookSecret()
      receiver = await startReceiver(secret, () => 200)
      const env = {
        TRICKLE_CONFIG: configPath,
        TRICKLE_MAIL_DIR: join(root, 'mail'),
        TRICKLE_DESTINATION_CRM_URL: receiver.url,
        TRICKLE_DESTINATION_CRM_SECRET: secret,
        DATABASE_URL: await createDatabase((postgres as { url: string }).url),
        TRICKLE_SECRET: testSecret,
      }
      const a = await startServeProcess(env)
      running.add(a)
      const b = await startServeProcess(env)
      running.add(b)
      const undelivered = (tag: string, acknowledged: string[]) => () => {
        const { idsByEmail } = receivedFor(receiver!, tag)
        return acknowledged.filter((email) => !idsByEmail.has(email))
      }

      // Phase 1, normal operation: 200 submissions spread over both instances.
      const normal = await submitLoad({
        tag: 'normal',
        count: 200,
        workers: 8,
        servers: () => [a, b],
      })
      expect(normal).toMatchObject({ failed: 0 })
      expect(normal.acknowledged).toHaveLength(200)
      await expect.poll(undelivered('normal', normal.acknowledged), deliveredWithin).toEqual([])
      const phase1 = receivedFor(receiver, 'normal')
      for (const email of normal.acknowledged) expect(phase1.idsByEmail.get(email)?.size).toBe(1)
      expect(receiver.requests.every((r) => r.verified)).toBe(true)
      console.info(
        `[two instances, normal operation] submissions 200, events delivered ${phase1.deliveriesById.size}, duplicates ${phase1.duplicates}`,
      )
      expect(phase1.duplicates).toBe(0)

      // Phase 2: instance a is killed after 100 acknowledgements; the load goes on at b.
      let killed = false
      const killing = submitLoad({
        tag: 'killed',
        count: 200,
        workers: 8,
        servers: () => (killed ? [b] : [a, b]),
        onAcknowledged: (n) => {
          if (n >= 100 && !killed) {
            killed = true
            a.child.kill('SIGKILL')
          }
        },
      })
      const phase2Load = await killing
      expect(await a.exited).toBe('SIGKILL')
      running.delete(a)
      expect(phase2Load.acknowledged.length).toBeGreaterThanOrEqual(100)
      await expect.poll(undelivered('killed', phase2Load.acknowledged), deliveredWithin).toEqual([])
      const phase2 = receivedFor(receiver, 'killed')
      for (const email of phase2Load.acknowledged) {
        expect(phase2.idsByEmail.get(email)?.size).toBe(1)
      }
      console.info(
        `[two instances, one killed] submissions acknowledged ${phase2Load.acknowledged.length}, ` +
          `cut off by the kill ${phase2Load.failed}, events delivered ${phase2.deliveriesById.size}, ` +
          `duplicates ${phase2.duplicates} (allowed: an attempt in flight at the kill is sent again)`,
      )

      b.child.kill('SIGTERM')
      expect(await b.exited).toBe(0)
      running.delete(b)
    }, 420_000)
  },
)
