import {
  consentState,
  defaultLocale,
  localize,
  type Config,
  type ConsentState,
} from '@trickle/core'
import { asc, inArray } from 'drizzle-orm'
import type { TrickleDb } from '../openDatabase'
import { rebuild } from '../profileStore'
import { consentEvents, consentTexts, fieldValues, submissions, visitors } from '../schema'

/** One stored answer, as the desk shows it. */
export interface PersonField {
  fieldId: string
  /** The question in the config's first language (the id for a field the config dropped). */
  label: string
  /** Null when the optional field was declined. */
  value: unknown
  declined: boolean
  purposes: string[]
  /** The legal bases of those purposes, in the same order (`unknown` for a dropped purpose). */
  legalBasis: string[]
  collectedAt: string
  formId: string
}

/** One row of the consent ledger, with the exact text shown when the server kept it. */
export interface PersonConsent {
  seq: number
  purposeId: string
  decision: string
  version: number
  at: string
  formId: string | null
  locale: string | null
  textHash: string | null
  source: string | null
  /** The keyed hash of the profile's address when recorded (for a confirmation: mailed to). */
  addressHash: string | null
  /** A double opt-in confirmation: when the link was mailed. */
  mailedAt: string | null
  text: string | null
}

export interface PersonSubmission {
  id: string
  formId: string
  visit: number
  at: string
  locale: string
  fieldIds: string[]
  declined: string[]
  consents: { purposeId: string; decision: string }[]
}

/** Everything stored about one profile (visitor) of a person. */
export interface Person {
  visitorId: string
  createdAt: string
  visits: number
  fields: PersonField[]
  consents: PersonConsent[]
  consentState: Record<string, ConsentState>
  submissions: PersonSubmission[]
}

/** The stored consent texts with these hashes. */
export async function consentTextsByHash(
  db: TrickleDb,
  hashes: Iterable<string>,
): Promise<Map<string, string>> {
  const wanted = [...new Set(hashes)]
  if (wanted.length === 0) return new Map()
  const rows = await db
    .select({ hash: consentTexts.hash, text: consentTexts.text })
    .from(consentTexts)
    .where(inArray(consentTexts.hash, wanted))
  return new Map(rows.map((row) => [row.hash, row.text]))
}

/**
 * Reads the profiles of these visitors as the desk shows them: every stored field (also of
 * fields the config no longer defines), the whole consent ledger with the texts, the current
 * state of each purpose, and the submissions (without values). A few queries for all of them.
 */
export async function findPeople(
  db: TrickleDb,
  config: Config,
  visitorIds: readonly string[],
  options: {
    now: Date
    log: (line: string) => void
    /** The language of the labels (one of the config's locales; default its first). */
    locale?: string | undefined
  },
): Promise<Person[]> {
  const ids = [...new Set(visitorIds)]
  if (ids.length === 0) return []
  const visitorRows = await db
    .select()
    .from(visitors)
    .where(inArray(visitors.id, ids))
    .orderBy(asc(visitors.createdAt), asc(visitors.id))
  if (visitorRows.length === 0) return []
  const found = visitorRows.map((row) => row.id)
  const [fieldRows, eventRows, submissionRows] = [
    await db.select().from(fieldValues).where(inArray(fieldValues.visitorId, found)),
    await db
      .select()
      .from(consentEvents)
      .where(inArray(consentEvents.visitorId, found))
      .orderBy(asc(consentEvents.seq)),
    await db
      .select()
      .from(submissions)
      .where(inArray(submissions.visitorId, found))
      .orderBy(asc(submissions.at), asc(submissions.visit)),
  ]
  const texts = await consentTextsByHash(
    db,
    eventRows.flatMap((row) => (row.textHash === null ? [] : [row.textHash])),
  )
  const locale =
    options.locale !== undefined && config.locales.includes(options.locale)
      ? options.locale
      : defaultLocale(config)
  const fieldsById = new Map(config.fields.map((field) => [field.id, field]))
  const purposesById = new Map(config.purposes.map((purpose) => [purpose.id, purpose]))
  const fieldOrder = new Map(config.fields.map((field, index) => [field.id, index]))

  return visitorRows.map((visitor): Person => {
    const ownFields = fieldRows
      .filter((row) => row.visitorId === visitor.id)
      .sort(
        (a, b) =>
          (fieldOrder.get(a.fieldId) ?? Infinity) - (fieldOrder.get(b.fieldId) ?? Infinity) ||
          a.fieldId.localeCompare(b.fieldId),
      )
    const ownEvents = eventRows.filter((row) => row.visitorId === visitor.id)
    const profile = rebuild(config, visitor.id, ownFields, ownEvents, options)
    return {
      visitorId: visitor.id,
      createdAt: visitor.createdAt.toISOString(),
      visits: visitor.visits,
      fields: ownFields.map((row) => {
        const field = fieldsById.get(row.fieldId)
        const purposes = field?.purposes ?? []
        return {
          fieldId: row.fieldId,
          label: field === undefined ? row.fieldId : localize(field.label, locale, config),
          value: row.value ?? null,
          declined: row.declined,
          purposes: [...purposes],
          legalBasis: purposes.map((id) => purposesById.get(id)?.basis ?? 'unknown'),
          collectedAt: row.collectedAt.toISOString(),
          formId: row.formId,
        }
      }),
      consents: ownEvents.map((row) => ({
        seq: row.seq,
        purposeId: row.purposeId,
        decision: row.decision,
        version: row.version,
        at: row.at.toISOString(),
        formId: row.formId,
        locale: row.locale,
        textHash: row.textHash,
        source: row.source,
        addressHash: row.addressHash,
        mailedAt: row.mailedAt?.toISOString() ?? null,
        text: row.textHash === null ? null : (texts.get(row.textHash) ?? null),
      })),
      consentState: Object.fromEntries(
        config.purposes.map((purpose) => [
          purpose.id,
          consentState(config, profile, purpose.id, options.now),
        ]),
      ),
      submissions: submissionRows
        .filter((row) => row.visitorId === visitor.id)
        .map((row) => ({
          id: row.id,
          formId: row.formId,
          visit: row.visit,
          at: row.at.toISOString(),
          locale: row.locale,
          fieldIds: row.fieldIds,
          declined: row.declined,
          consents: row.consents,
        })),
    }
  })
}
