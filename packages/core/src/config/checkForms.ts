import { checkPurposeReference } from './checkFields'
import { nameOf, namesNothing, type ConfigCatalog, type Entry } from './configCatalog'
import { capitalize, createIssue, listSome, quote, type Path } from './configIssue'
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
          catalog.errors.push(
            createIssue(
              path,
              'field-twice-in-form',
              `Field ${quote(id)} is already in ${first} of ${nameOf('form', 'forms', form)}. A field has one place per form: remove this one.`,
            ),
          )
          return
        }
        placed.set(id, `${list}[${position}]`)
        checkFieldReference(catalog, id, path)
      })
    }
    if (offered !== undefined) warnAboutConsents(catalog, form, offered)
  }
}

/** Reports a reference to a field that does not exist; true when the field exists. */
export function checkFieldReference(catalog: ConfigCatalog, id: string, path: Path): boolean {
  if (catalog.fields.has(id)) return true
  if (!namesNothing(catalog, 'fields', id)) return false
  const known = [...catalog.fields.keys()]
  catalog.errors.push(
    createIssue(
      path,
      'unknown-field',
      `There is no field ${quote(id)} in fields. Add it to fields or use one of: ${listSome(known) || '(none yet)'}.`,
      didYouMean(id, known),
    ),
  )
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
      catalog.errors.push(
        createIssue(
          path,
          'duplicate-reference',
          `Consent ${quote(id)} is offered twice in ${nameOf('form', 'forms', form)}. Remove the second one.`,
        ),
      )
      return
    }
    offered.add(id)
    if (!checkPurposeReference(catalog, id, path)) return
    const basis = catalog.purposes.get(id)?.basis
    if (basis === undefined || basis === 'consent') return
    catalog.errors.push(
      createIssue(
        path,
        'not-a-consent-purpose',
        `${capitalize(nameOf('form', 'forms', form))} offers a consent checkbox for ${quote(id)}, but that purpose has basis ${quote(basis)} and needs no consent. Remove it from offerConsents, or change its basis to "consent".`,
      ),
    )
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
  const name = nameOf('form', 'forms', form)
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
    catalog.warnings.push(
      createIssue(
        ['forms', form.index, 'sequence'],
        'sequence-needs-consent',
        `Every field in the sequence of ${name} needs a consent this form does not offer (${listSome(needed)}), so the form asks nothing new until the visitor consented elsewhere. Add ${listSome(needed.map((id) => `"${id}"`))} to offerConsents, or put fields without consent purposes in the sequence.`,
      ),
    )
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
      catalog.warnings.push(
        createIssue(
          ['forms', form.index, list, position],
          'consent-not-offered',
          `Field ${quote(id)} serves ${listSome(missing.map((each) => `"${each}"`))}, which ${name} does not offer, so it is asked only after the visitor consented elsewhere. Add ${listSome(missing.map((each) => `"${each}"`))} to offerConsents if it should be asked here.`,
        ),
      )
    })
  }
}
