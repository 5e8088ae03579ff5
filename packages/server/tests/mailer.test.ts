import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { consoleMailer, fileMailer, maskAddress, type ConfirmationMail } from '../src/mailer'

const root = mkdtempSync(join(tmpdir(), 'trickle-mail-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const mail: ConfirmationMail = {
  to: 'ada.lovelace@example.com',
  locale: 'en',
  purposeId: 'newsletter',
  purposeLabel: 'Newsletter',
  consentText: 'Send me the newsletter.',
  confirmUrl: 'https://forms.example.com/v1/doi/confirm?token=abc',
  expiresAt: '2025-03-08T10:00:00.000Z',
}

describe('mailers', () => {
  it('prints the link with a masked address', async () => {
    const lines: string[] = []
    await consoleMailer((line) => lines.push(line)).sendConfirmation(mail)
    expect(lines).toEqual([
      '[trickle] double opt-in mail for "newsletter" to a***@example.com: https://forms.example.com/v1/doi/confirm?token=abc',
    ])
  })

  it('writes each mail as an owner-only JSON file', async () => {
    const dir = join(root, 'outbox')
    await fileMailer(dir).sendConfirmation(mail)
    const [file] = readdirSync(dir)
    expect(JSON.parse(readFileSync(join(dir, file!), 'utf8'))).toEqual(mail)
    expect(statSync(join(dir, file!)).mode & 0o777).toBe(0o600)
  })

  it('masks every kind of address', () => {
    expect(maskAddress('a@b.co')).toBe('a***@b.co')
    expect(maskAddress('no-at-sign')).toBe('***')
    expect(maskAddress('@example.com')).toBe('***')
  })
})
