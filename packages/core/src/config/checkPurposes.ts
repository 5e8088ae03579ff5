import { checkConsentText } from './checkTexts'
import { nameOf, type ConfigCatalog } from './configCatalog'
import { capitalize, createIssue, listSome, quote } from './configIssue'
import { isPositiveInteger, own } from '../jsonValue'

/** Settings that only mean something for consent purposes. */
const consentOnly = [
  'requireVersion',
  'refreshAfterDays',
  'doubleOptIn',
  'confirmWithinDays',
] as const

/** Consent texts, versions, and consent settings on purposes that need no consent. */
export function checkPurposes(catalog: ConfigCatalog): void {
  for (const entry of catalog.purposeList) {
    const { index, record, basis } = entry
    const name = nameOf('purpose', 'purposes', entry)
    if (basis === 'consent') {
      const text = own(record, 'text')
      if (text === undefined) {
        const locales = catalog.locales === undefined ? '' : ` (${listSome(catalog.locales)})`
        catalog.errors.push(
          createIssue(
            ['purposes', index],
            'missing-consent-text',
            `${capitalize(name)} asks for consent but has no "text". Add "text": the exact words shown next to its checkbox, in every configured language${locales}.`,
          ),
        )
      } else {
        checkConsentText(catalog, text, ['purposes', index, 'text'])
      }
      const version = own(record, 'version') ?? 1
      const requireVersion = own(record, 'requireVersion')
      if (
        isPositiveInteger(version) &&
        isPositiveInteger(requireVersion) &&
        requireVersion > version
      ) {
        catalog.errors.push(
          createIssue(
            ['purposes', index, 'requireVersion'],
            'require-version-above-version',
            `${capitalize(name)} requires consent version ${requireVersion}, but its current version is ${version}, so no consent could ever count. Set requireVersion to ${version} or lower.`,
          ),
        )
      }
    } else if (basis !== undefined) {
      for (const key of consentOnly) {
        const value = own(record, key)
        if (value === undefined || value === false) continue
        catalog.warnings.push(
          createIssue(
            ['purposes', index, key],
            'setting-ignored',
            `${key} of ${name} is ignored: it only applies to purposes with basis "consent", and this one has basis ${quote(basis)}. Remove it or change the basis.`,
          ),
        )
      }
    }
  }
}
