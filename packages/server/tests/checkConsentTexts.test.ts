import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { consentTextHash, type Config } from '@trickle/core'
import { afterAll, describe, expect, it } from 'vitest'
import { findConsentTextChanges } from '../src/checkConsentTexts'
import { createTrickleServer } from '../src/createTrickleServer'
import { startServer } from '../src/startServer'
import { origin } from './support/browser'
import { firstVisit, parsed, testSecret, whitepaperConfig } from './support/fixtures'
import { describeDatabases, useServer } from './support/testServer'

const root = mkdtempSync(join(tmpdir(), 'trickle-texts-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const newWording = 'Yes, send me the weekly newsletter and partner offers by e-mail.'

/** The whitepaper config with the newsletter's English text edited, its version as given. */
function editedConfig(version?: number): Config {
  const config = whitepaperConfig()
  return parsed({
    ...config,
    purposes: config.purposes.map((purpose) =>
      purpose.id === 'newsletter'
        ? {
            ...purpose,
            text: { ...(purpose.text as Record<string, string>), en: newWording },
            ...(version === undefined ? {} : { version, requireVersion: version }),
          }
        : purpose,
    ),
  })
}

const subscribe = (email: string) =>
  JSON.stringify({ ...firstVisit(email), consents: { newsletter: true, sales: false } })

describeDatabases('consent texts changed without a version bump', (kind) => {
  const t = useServer(kind)

  it('are found per purpose, version and locale, with both hashes', async () => {
    const response = await t
      .browser()
      .post('/v1/submissions', JSON.parse(subscribe('texts@example.com')))
    expect(response.status).toBe(201)
    expect(await findConsentTextChanges(t.database.db, t.config)).toEqual([])

    const edited = editedConfig()
    const changes = await findConsentTextChanges(t.database.db, edited)
    expect(changes).toEqual([
      {
        purposeId: 'newsletter',
        purposeIndex: 1,
        version: 2,
        locale: 'en',
        recordedHash: consentTextHash(t.config, 'newsletter', 'en'),
        recordedText: expect.stringMatching(/^Yes, I want to receive the monthly newsletter/),
        configHash: consentTextHash(edited, 'newsletter', 'en'),
      },
    ])
    // A raised version is a new generation of consent: nothing recorded for it yet.
    expect(await findConsentTextChanges(t.database.db, editedConfig(3))).toEqual([])
  })

  it('stop a server created on that database from recording consents', async () => {
    await t.browser().post('/v1/submissions', JSON.parse(subscribe('texts2@example.com')))
    const logs: string[] = []
    const server = createTrickleServer({
      config: editedConfig(),
      database: t.database,
      secret: testSecret,
      rateLimit: false,
      log: (line) => logs.push(line),
    })
    const response = await server.app.request(`${origin}/v1/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: subscribe('texts3@example.com'),
    })
    expect(response.status).toBe(503)
    const body = (await response.json()) as { error: string; message: string }
    expect(body.error).toBe('consent-text-changed')
    expect(logs.join('\n')).toMatch(/raise `version` of "newsletter"/)
  })
})

describe('startServer', () => {
  it('refuses to start when a recorded consent text was edited without raising its version', async () => {
    const env = { TRICKLE_DATA_DIR: join(root, 'data'), PORT: '0', TRICKLE_SECRET: testSecret }
    const log = () => undefined
    const first = await startServer({ config: whitepaperConfig(), env, log })
    try {
      const response = await fetch(`${first.url}/v1/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: subscribe('start@example.com'),
      })
      expect(response.status).toBe(201)
    } finally {
      await first.close()
    }

    const refused = startServer({ config: editedConfig(), env, log })
    await expect(refused).rejects.toThrow(
      /consent text of purpose "newsletter" \(version 2, locale "en"\) differs .*recorded sha256 [0-9a-f]{64}, config sha256 [0-9a-f]{64}.*raise `version` .*or restore the recorded text: "Yes, I want to receive the monthly newsletter/,
    )

    // Raising the version (a new generation of consent) starts; the old text stays recorded.
    const bumped = await startServer({ config: editedConfig(3), env, log })
    await bumped.close()
  }, 120_000)
})
