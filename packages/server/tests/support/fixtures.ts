import { readFileSync } from 'node:fs'
import { parseConfig, type Config } from '@trickle/core'
import type { Mailer, ConfirmationMail } from '../../src/mailer'

/** The realistic B2B config, read as outside JSON (unknown) and parsed like the server does. */
export function whitepaperConfig(): Config {
  const json: unknown = JSON.parse(
    readFileSync(
      new URL('../../../core/tests/fixtures/b2b-whitepaper.json', import.meta.url),
      'utf8',
    ),
  )
  return parsed(json)
}

export function parsed(json: unknown): Config {
  const result = parseConfig(json)
  if (!result.ok) {
    throw new Error(
      `test config invalid: ${result.issues.map((i) => `${i.path} ${i.message}`).join('; ')}`,
    )
  }
  return result.config
}

export const testSecret = 'test-secret-0123456789-abcdefghijklmnopqrstuvwxyz'
export const adminToken = 'admin-token-for-tests-only'

/** A mailer that keeps the mails for assertions. */
export function memoryMailer(): Mailer & { sent: ConfirmationMail[] } {
  const sent: ConfirmationMail[] = []
  return {
    sent,
    async sendConfirmation(mail) {
      sent.push(mail)
    },
  }
}

/** The answers of a first whitepaper visit (e-mail plus the first three fields of the sequence). */
export function firstVisit(email = 'ada@example.com') {
  return {
    formId: 'whitepaper',
    idempotencyKey: crypto.randomUUID(),
    locale: 'en',
    values: { email, firstName: 'Ada', lastName: 'Lovelace', company: 'Analytical Engines Ltd' },
    consents: { newsletter: false, sales: false },
  }
}
