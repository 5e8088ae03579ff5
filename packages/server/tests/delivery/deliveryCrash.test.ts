import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, inject, it } from 'vitest'
import { startServeProcess, type ServerProcess } from '../support/child'
import { testSecret } from '../support/fixtures'
import { createDatabase } from '../support/postgres'
import { receivedFor, submitLoad, writeWebhookConfig } from './processLoad'
import { startReceiver, webhookSecret, type Receiver } from './webhookReceiver'

const root = mkdtempSync(join(tmpdir(), 'trickle-delivery-crash-'))
const configPath = writeWebhookConfig(root)
const running = new Set<ServerProcess>()
const receivers = new Set<Receiver>()
afterAll(async () => {
  for (const server of running) server.child.kill('SIGKILL')
  for (const receiver of receivers) await receiver.close()
  rmSync(root, { recursive: true, force: true })
})

const postgres = inject('postgres')
const kinds = [
  {
    name: 'PGlite',
    skipped: null as string | null,
    env: async (): Promise<Record<string, string>> => ({
      TRICKLE_DATA_DIR: join(root, `data-${Date.now()}`),
    }),
  },
  {
    name: 'PostgreSQL',
    skipped: 'skipped' in postgres ? postgres.skipped : null,
    env: async (): Promise<Record<string, string>> => ({
      DATABASE_URL: await createDatabase((postgres as { url: string }).url),
      TRICKLE_SECRET: testSecret,
    }),
  },
]

/** Enough for a claim of the killed process to lapse (50 s) and the retries after it. */
const deliveredWithin = { timeout: 150_000, interval: 100 }

for (const kind of kinds) {
  describe.skipIf(kind.skipped !== null)(
    `deliveries through a SIGKILL of serve.ts on ${kind.name}${kind.skipped ? ` (SKIPPED: ${kind.skipped})` : ''}`,
    () => {
      it('delivers the event of every acknowledged submission after a restart, with one event id each', async () => {
        const secret = webhookSecret()
        // The receiver is down (500) until the server was killed.
        let up = false
        const receiver = await startReceiver(secret, () => (up ? 200 : 500))
        receivers.add(receiver)
        const env = {
          TRICKLE_CONFIG: configPath,
          TRICKLE_MAIL_DIR: join(root, 'mail'),
          TRICKLE_DESTINATION_CRM_URL: receiver.url,
          TRICKLE_DESTINATION_CRM_SECRET: secret,
          ...(await kind.env()),
        }
        const first = await startServeProcess(env)
        running.add(first)
        let killed = false
        const kill = () => {
          if (killed) return
          killed = true
          first.child.kill('SIGKILL')
        }
        // Killed after the 30th acknowledgement once attempts failed, with other submissions in
        // flight and the deliveries of the acknowledged ones failing (500) or waiting to retry.
        const load = await submitLoad({
          tag: `crash-${kind.name}`,
          count: 120,
          workers: 6,
          servers: () => [first],
          onAcknowledged: (n) => {
            if (n >= 30 && receiver.requests.length >= 3) kill()
          },
        })
        // Had the load ended first: the kill still comes while deliveries are failing.
        await expect.poll(() => receiver.requests.length, deliveredWithin).toBeGreaterThanOrEqual(3)
        kill()
        expect(await first.exited).toBe('SIGKILL')
        running.delete(first)
        const attemptsBeforeKill = receiver.requests.length
        expect(load.acknowledged.length).toBeGreaterThanOrEqual(30)
        // Nothing was delivered before the kill: every acknowledged event was pending.
        expect(receiver.acknowledged()).toEqual([])

        up = true
        const second = await startServeProcess(env)
        running.add(second)
        const tag = `crash-${kind.name}`
        await expect
          .poll(
            () =>
              load.acknowledged.filter(
                (email) => !receivedFor(receiver, tag).idsByEmail.has(email),
              ),
            deliveredWithin,
          )
          .toEqual([])
        const received = receivedFor(receiver, tag)
        // One event id per submission, on the failed attempts and the delivered one alike.
        for (const email of load.acknowledged) {
          expect(received.idsByEmail.get(email)?.size, email).toBe(1)
        }
        const ids = new Set([...received.idsByEmail.values()].flatMap((set) => [...set]))
        for (const request of receiver.requests) {
          if (request.event.type === 'submission.created' && ids.has(request.id)) {
            expect(request.verified).toBe(true)
          }
        }
        console.info(
          `[delivery crash test, ${kind.name}] acknowledged ${load.acknowledged.length}, ` +
            `cut off by the kill ${load.failed}, failed attempts before the kill ${attemptsBeforeKill}, ` +
            `delivered after the restart ${received.idsByEmail.size}, duplicates ${received.duplicates}`,
        )

        second.child.kill('SIGTERM')
        expect(await second.exited).toBe(0)
        running.delete(second)
      }, 300_000)
    },
  )
}
