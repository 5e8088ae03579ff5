import { defaultLocale } from '../defaultLocale'
import { configIndex } from '../config/configIndex'
import { consentStateOf } from '../plan/consentState'
import { fieldFreshness } from '../plan/isKnown'
import { localize } from '../localize'
import { sha256 } from '../sha256'
import type {
  Config,
  ConsentEvent,
  ConsentState,
  FieldValue,
  LegalBasis,
  Profile,
  Purpose,
  Text,
} from '../types'

/** The format name of a profile export; `formatVersion` changes when its shape does. */
export const profileExportFormat = 'trickle-profile-export'

export interface ExportedPurpose {
  id: string
  label: string
  /** `unknown` for a purpose the config no longer defines. */
  basis: LegalBasis | 'unknown'
}

export interface ExportedField {
  id: string
  /** The question as asked (the id for a field the config no longer defines). */
  label: string
  /** Absent when the optional field was declined or the value is not kept where exported. */
  value?: FieldValue
  purposes: ExportedPurpose[]
  collectedAt: string
  formId: string
  /** Older than the field's `maxAgeDays`: no longer used, asked again. */
  stale: boolean
  /** The visitor left this optional field empty. */
  declined: boolean
}

export interface ExportedConsentEvent extends ConsentEvent {
  purposeLabel: string
  /** The consent text agreed to or refused, when it is the current text (its hash matches). */
  text?: string
}

export interface ExportedConsentState {
  purposeId: string
  label: string
  basis: LegalBasis
  state: ConsentState
}

/** A person's data and consent history (GDPR Art. 15 and 20), readable and re-importable. */
export interface ProfileExport {
  format: typeof profileExportFormat
  formatVersion: 1
  exportedAt: string
  /** The language of the labels and texts. */
  locale: string
  visitorId: string
  fields: ExportedField[]
  /** Every consent event, oldest first. */
  consentHistory: ExportedConsentEvent[]
  /** The current state of every purpose of the config. */
  consentStates: ExportedConsentState[]
  /** The profile as stored, for re-import (e.g. with parseProfile). */
  profile: Profile
}

export interface ExportProfileOptions {
  /** Decides what is stale and which consents expired. Default: now. */
  now?: Date
  /** Language of labels and texts. Default: the config's first locale. */
  locale?: string
}

/** Every text a purpose has (one per locale), by SHA-256. */
function textsByHash(purpose: Purpose): Map<string, string> {
  const texts = new Map<string, string>()
  const text: Text | undefined = purpose.text
  if (text === undefined) return texts
  for (const value of typeof text === 'string' ? [text] : Object.values(text)) {
    texts.set(sha256(value), value)
  }
  return texts
}

/**
 * Exports what is stored about a visitor as JSON a person can read and a machine can import:
 * each field with its label, value, purposes (label and legal basis), when and on which form
 * it was collected, and whether it is stale or declined; the full consent history with purpose
 * labels, versions, locales, text hashes and, where the hash matches the current text, the text
 * itself; the current state of each purpose; and the raw profile. Fields the config no longer
 * defines are exported too: nothing stored is left out.
 */
export function exportProfile(
  config: Config,
  profile: Profile,
  options: ExportProfileOptions = {},
): ProfileExport {
  const now = options.now ?? new Date()
  const locale = options.locale ?? defaultLocale(config)
  const index = configIndex(config)
  const label = (text: Text): string => localize(text, locale, config)
  const exportedPurpose = (id: string): ExportedPurpose => {
    const purpose = index.purposes.get(id)
    return purpose === undefined
      ? { id, label: id, basis: 'unknown' }
      : { id, label: label(purpose.label), basis: purpose.basis }
  }

  const fields: ExportedField[] = []
  const ids = [
    ...config.fields.map((f) => f.id).filter((id) => Object.hasOwn(profile.fields, id)),
    ...Object.keys(profile.fields).filter((id) => !index.fields.has(id)),
  ]
  for (const id of [...new Set(ids)]) {
    const record = profile.fields[id]
    if (record === undefined) continue
    const field = index.fields.get(id)
    fields.push({
      id,
      label: field === undefined ? id : label(field.label),
      ...(record.value === undefined ? {} : { value: structuredClone(record.value) }),
      purposes: field === undefined ? [] : field.purposes.map(exportedPurpose),
      collectedAt: record.collectedAt,
      formId: record.formId,
      stale: field !== undefined && fieldFreshness(field, record, now) === 'stale',
      declined: record.declined === true,
    })
  }

  const hashes = new Map<string, Map<string, string>>()
  const consentHistory = profile.consents.map((event): ExportedConsentEvent => {
    const purpose = index.purposes.get(event.purposeId)
    let text: string | undefined
    if (purpose !== undefined && event.textHash !== undefined) {
      let texts = hashes.get(purpose.id)
      if (texts === undefined) {
        texts = textsByHash(purpose)
        hashes.set(purpose.id, texts)
      }
      text = texts.get(event.textHash)
    }
    return {
      ...event,
      purposeLabel: exportedPurpose(event.purposeId).label,
      ...(text === undefined ? {} : { text }),
    }
  })

  const consentStates = config.purposes.map((purpose): ExportedConsentState => ({
    purposeId: purpose.id,
    label: label(purpose.label),
    basis: purpose.basis,
    state: consentStateOf(purpose, profile.consents, now),
  }))

  return {
    format: profileExportFormat,
    formatVersion: 1,
    exportedAt: now.toISOString(),
    locale,
    visitorId: profile.visitorId,
    fields,
    consentHistory,
    consentStates,
    profile: JSON.parse(JSON.stringify(profile)) as Profile,
  }
}
