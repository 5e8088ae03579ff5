import { checkPurposeReference } from './checkFields'
import { namesNothing, refOf, report, type ConfigCatalog, type Entry } from './configCatalog'
import type { Path } from './configIssue'
import { didYouMean } from './didYouMean'
import { isId, own } from '../jsonValue'

/** The field lists of a form, in the order the planner walks them. */
const fieldLists = ['always', 'sequence'] as const

/** Field and consent references of every form, and fields that a form can never ask. */
export function checkForms(catalog: ConfigCatalog): void {
  for (const form of catalog.formList) {
    const offered = checkOfferConsents(catalog, form)
    const placed = new Map<string, string>()
    for (const list of fieldLists) {
      const ids = own(form.record, list)
      if (!Array.isArray(ids)) continue
      ids.forEach((id: unknown, position) => {
        const path: Path = ['forms', form.index, list, position]
        if (!isId(id)) return
        const first = placed.get(id)
        if (first !== undefined) {
          report(catalog, 'errors', path, 'field-twice-in-form', {
            id,
            first,
            form: refOf('form', 'forms', form),
          })
          return
        }
        placed.set(id, `${list}[${position}]`)
        checkFieldReference(catalog, id, path)
      })
    }
    if (offered !== undefined) warnAboutConsents(catalog, form, offered)
    checkPerVisit(catalog, form)
  }
}

/** Reports a reference to a field that does not exist; true when the field exists. */
export function checkFieldReference(catalog: ConfigCatalog, id: string, path: Path): boolean {
  if (catalog.fields.has(id)) return true
  if (!namesNothing(catalog, 'fields', id)) return false
  const known = [...catalog.fields.keys()]
  report(catalog, 'errors', path, 'unknown-field', { id, known }, didYouMean(id, known))
  return false
}

/** Checks offerConsents; returns the offered purpose ids, or `undefined` when unreadable. */
function checkOfferConsents(catalog: ConfigCatalog, form: Entry): Set<string> | undefined {
  const offers = own(form.record, 'offerConsents') ?? []
  if (!Array.isArray(offers)) return undefined
  const offered = new Set<string>()
  offers.forEach((id: unknown, position) => {
    const path: Path = ['forms', form.index, 'offerConsents', position]
    if (!isId(id)) return
    if (offered.has(id)) {
      report(catalog, 'errors', path, 'duplicate-reference.consent', {
        id,
        form: refOf('form', 'forms', form),
      })
      return
    }
    offered.add(id)
    if (!checkPurposeReference(catalog, id, path)) return
    const basis = catalog.purposes.get(id)?.basis
    if (basis === undefined || basis === 'consent') return
    report(catalog, 'errors', path, 'not-a-consent-purpose.offered', {
      form: refOf('form', 'forms', form),
      id,
      basis,
    })
  })
  return offered
}

/** The consent purposes a field serves that this form does not offer. */
function consentsMissing(catalog: ConfigCatalog, fieldId: string, offered: Set<string>): string[] {
  const purposes = own(catalog.fields.get(fieldId)?.record ?? {}, 'purposes')
  if (!Array.isArray(purposes)) return []
  return purposes.filter(
    (id: unknown): id is string =>
      isId(id) && catalog.purposes.get(id)?.basis === 'consent' && !offered.has(id),
  )
}

/**
 * A field that serves a consent purpose can only be asked once the visitor consented. When the
 * form does not offer that consent, the field waits for a consent given elsewhere (another
 * form, a consent manager): lawful, but often a forgotten entry in offerConsents.
 */
function warnAboutConsents(catalog: ConfigCatalog, form: Entry, offered: Set<string>): void {
  const name = refOf('form', 'forms', form)
  const sequence = own(form.record, 'sequence')
  const blocked = new Map<string, string[]>()
  const sequenceIds = Array.isArray(sequence)
    ? sequence.filter((id: unknown): id is string => isId(id) && catalog.fields.has(id))
    : []
  for (const id of sequenceIds) blocked.set(id, consentsMissing(catalog, id, offered))
  const allBlocked =
    sequenceIds.length > 0 && sequenceIds.every((id) => (blocked.get(id)?.length ?? 0) > 0)
  if (allBlocked) {
    const needed = [...new Set(sequenceIds.flatMap((id) => blocked.get(id) ?? []))]
    report(catalog, 'warnings', ['forms', form.index, 'sequence'], 'sequence-needs-consent', {
      form: name,
      needed,
    })
  }
  for (const list of fieldLists) {
    if (list === 'sequence' && allBlocked) continue
    const ids = own(form.record, list)
    if (!Array.isArray(ids)) continue
    const seen = new Set<string>()
    ids.forEach((id: unknown, position) => {
      if (!isId(id) || seen.has(id) || !catalog.fields.has(id)) return
      seen.add(id)
      const missing = consentsMissing(catalog, id, offered)
      if (missing.length === 0) return
      report(catalog, 'warnings', ['forms', form.index, list, position], 'consent-not-offered', {
        id,
        missing,
        form: name,
      })
    })
  }
}

/**
 * `perVisit: 0` with no `always` fields makes a form that can never ask anything: almost always
 * a misunderstanding of the setting (it counts new fields per visit, not visits).
 */
function checkPerVisit(catalog: ConfigCatalog, form: Entry): void {
  const always = own(form.record, 'always')
  if (own(form.record, 'perVisit') !== 0 || (Array.isArray(always) && always.length > 0)) return
  const sequence = own(form.record, 'sequence')
  report(catalog, 'errors', ['forms', form.index, 'perVisit'], 'per-visit-zero', {
    form: refOf('form', 'forms', form),
    sequence: Array.isArray(sequence) ? sequence.length : 0,
  })
}
