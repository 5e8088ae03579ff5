import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { startServer } from '../../src/startServer'
import { firstVisit, testSecret } from '../support/fixtures'
import { configWithWebhooks } from './deliveryFixtures'
import { startReceiver, webhookSecret } from './webhookReceiver'

const root = mkdtempSync(join(tmpdir(), 'trickle-destinations-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

describe('startServer with destinations', () => {
  it('refuses to start without a destination URL or secret, naming the variable', async () => {
    const env = { TRICKLE_DATA_DIR: join(root, 'refused'), PORT: '0', TRICKLE_SECRET: testSecret }
    const log = () => undefined
    await expect(startServer({ config: configWithWebhooks(), env, log })).rejects.toThrow(
      /TRICKLE_DESTINATION_CRM_URL/,
    )
    await expect(
      startServer({
        config: configWithWebhooks(),
        env: {
          ...env,
          TRICKLE_DESTINATION_CRM_URL: 'http://127.0.0.1:9/hooks',
          TRICKLE_DESTINATION_CRM_SECRET: webhookSecret(),
          TRICKLE_DESTINATION_NEWS_URL: 'http://127.0.0.1:9/hooks',
        },
        log,
      }),
    ).rejects.toThrow(/TRICKLE_DESTINATION_NEWS_SECRET/)
  }, 60_000)

  it('reads each destination from TRICKLE_DESTINATION_<ID>_URL and _SECRET', async () => {
    const secrets = { crm: webhookSecret(), news: webhookSecret() }
    const crm = await startReceiver(secrets.crm)
    const news = await startReceiver(secrets.news)
    const running = await startServer({
      config: configWithWebhooks(),
      env: {
        TRICKLE_DATA_DIR: join(root, 'started'),
        PORT: '0',
        TRICKLE_SECRET: testSecret,
        TRICKLE_DESTINATION_CRM_URL: crm.url,
        TRICKLE_DESTINATION_CRM_SECRET: secrets.crm,
        TRICKLE_DESTINATION_NEWS_URL: news.url,
        TRICKLE_DESTINATION_NEWS_SECRET: secrets.news,
      },
      log: () => undefined,
    })
    try {
      const response = await fetch(`${running.url}/v1/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(firstVisit()),
      })
      expect(response.status).toBe(201)
      await vi.waitFor(
        () => {
          expect(crm.acknowledged().map((r) => r.event.type)).toContain('submission.created')
          expect(news.acknowledged().map((r) => r.event.type)).toContain('submission.created')
        },
        { timeout: 60_000, interval: 25 },
      )
      expect([...crm.requests, ...news.requests].every((r) => r.verified)).toBe(true)
    } finally {
      await running.close()
      await crm.close()
      await news.close()
    }
  }, 120_000)
})
