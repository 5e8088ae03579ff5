import { randomUUID } from 'node:crypto'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** The double opt-in e-mail for one pending consent. */
export interface ConfirmationMail {
  /** The visitor's e-mail address (the first answered field of type `email`). */
  to: string
  locale: string
  purposeId: string
  /** The purpose's label in `locale`, e.g. "Newsletter". */
  purposeLabel: string
  /** The exact consent text the visitor ticked. */
  consentText: string
  /** The confirmation page (`GET /v1/doi/confirm?token=...`); only its button confirms. */
  confirmUrl: string
  /** ISO time after which the link no longer works. */
  expiresAt: string
}

/** Sends double opt-in e-mails. Plug in SMTP or a mail API by implementing this. */
export interface Mailer {
  sendConfirmation(mail: ConfirmationMail): Promise<void>
}

/**
 * The development default: prints the confirmation link. The address is masked (`a***@example.com`),
 * because personal values never go to the logs.
 */
export function consoleMailer(log: (line: string) => void = console.log): Mailer {
  return {
    async sendConfirmation(mail) {
      log(
        `[trickle] double opt-in mail for "${mail.purposeId}" to ${maskAddress(mail.to)}: ${mail.confirmUrl}`,
      )
    },
  }
}

/** Writes every mail as a JSON file into `dir` (owner-readable only), e.g. to inspect in tests. */
export function fileMailer(dir: string): Mailer {
  return {
    async sendConfirmation(mail) {
      await mkdir(dir, { recursive: true, mode: 0o700 })
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${randomUUID()}.json`
      await writeFile(join(dir, name), `${JSON.stringify(mail, null, 2)}\n`, { mode: 0o600 })
    },
  }
}

/** `ada.lovelace@example.com` -> `a***@example.com`. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@')
  if (at <= 0) return '***'
  return `${address.slice(0, 1)}***${address.slice(at)}`
}
