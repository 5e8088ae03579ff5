import { shownConsentText, type Config } from '@trickle/core'
import { inArray } from 'drizzle-orm'
import type { MiddlewareHandler } from 'hono'
import { ApiError } from './apiError'
import type { TrickleDatabase, TrickleDb } from './openDatabase'
import { consentTexts } from './schema'

/**
 * A consent text that was edited without raising its purpose's `version`: consents given to the
 * recorded words would silently cover the new ones.
 */
export interface ConsentTextChange {
  purposeId: string
  /** Index of the purpose in `config.purposes` (for `/purposes/<index>/text`). */
  purposeIndex: number
  version: number
  locale: string
  /** SHA-256 of the text already recorded for this purpose, version and locale. */
  recordedHash: string
  recordedText: string
  /** SHA-256 of the config's text. */
  configHash: string
}

/**
 * Compares every consent purpose's text, per locale, with the texts recorded in `consent_texts`
 * for the same purpose, version and locale. Returns the differences (none: the texts agree).
 */
export async function findConsentTextChanges(
  db: TrickleDb,
  config: Config,
): Promise<ConsentTextChange[]> {
  const purposes = config.purposes.filter((purpose) => purpose.basis === 'consent')
  if (purposes.length === 0) return []
  const rows = await db
    .select()
    .from(consentTexts)
    .where(
      inArray(
        consentTexts.purposeId,
        purposes.map((purpose) => purpose.id),
      ),
    )
  const changes: ConsentTextChange[] = []
  const seen = new Set<string>()
  config.purposes.forEach((purpose, purposeIndex) => {
    if (purpose.basis !== 'consent') return
    for (const requested of config.locales) {
      const shown = shownConsentText(config, purpose, requested)
      for (const row of rows) {
        if (row.purposeId !== purpose.id || row.version !== purpose.version) continue
        if (row.locale !== shown.locale || row.hash === shown.hash) continue
        const key = `${purpose.id}\u0000${shown.locale}\u0000${row.hash}`
        if (seen.has(key)) continue
        seen.add(key)
        changes.push({
          purposeId: purpose.id,
          purposeIndex,
          version: purpose.version,
          locale: shown.locale,
          recordedHash: row.hash,
          recordedText: row.text,
          configHash: shown.hash,
        })
      }
    }
  })
  return changes
}

/** What to do about one change, in plain words. */
export function describeConsentTextChange(change: ConsentTextChange): string {
  const shortText =
    change.recordedText.length > 200 ? `${change.recordedText.slice(0, 200)}…` : change.recordedText
  return (
    `The consent text of purpose "${change.purposeId}" (version ${change.version}, locale ` +
    `"${change.locale}") differs from the text already recorded for that version ` +
    `(recorded sha256 ${change.recordedHash}, config sha256 ${change.configHash}). ` +
    `Consents given to the recorded text must not cover new wording: raise \`version\` of ` +
    `"${change.purposeId}" to ${change.version + 1} (a material change; keep \`requireVersion\` ` +
    `at ${change.version} only if the edit is not material), or restore the recorded text: ` +
    `"${shortText}"`
  )
}

/**
 * Refuses a config whose consent texts changed without a version bump (see
 * `findConsentTextChanges`): throws an Error that lists every change and what to do.
 */
export async function assertConsentTexts(db: TrickleDb, config: Config): Promise<void> {
  const changes = await findConsentTextChanges(db, config)
  if (changes.length === 0) return
  throw new Error(changes.map(describeConsentTextChange).join('\n'))
}

/**
 * Middleware for the routes that record consents, for a server created directly (`startServer`
 * refuses such a config at start): while a consent text differs from the recorded one, they
 * answer 503 and the change is logged. Withdrawals and erasures stay possible. Checked once; a
 * failed check is tried again with the next request.
 */
export function consentTextGuard(
  database: TrickleDatabase,
  config: Config,
  log: (line: string) => void,
): MiddlewareHandler {
  let checked: Promise<ConsentTextChange[]> | undefined
  const check = () => {
    checked ??= findConsentTextChanges(database.db, config).then(
      (changes) => {
        for (const change of changes) log(`[trickle] ${describeConsentTextChange(change)}`)
        return changes
      },
      (error: unknown) => {
        checked = undefined
        throw error
      },
    )
    return checked
  }
  return async (_c, next) => {
    if ((await check()).length > 0) {
      throw new ApiError(
        503,
        'consent-text-changed',
        'The server records nothing now: a consent text of its config differs from the text recorded for the same version. The operator has to raise the version or restore the text (see the server log).',
      )
    }
    await next()
  }
}
