import { checkConsentText } from './checkTexts'
import { refOf, report, type ConfigCatalog } from './configCatalog'
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
    const purpose = refOf('purpose', 'purposes', entry)
    if (basis === 'consent') {
      const text = own(record, 'text')
      if (text === undefined) {
        report(catalog, 'errors', ['purposes', index], 'missing-consent-text.purpose', {
          purpose,
          locales: catalog.locales,
        })
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
        report(
          catalog,
          'errors',
          ['purposes', index, 'requireVersion'],
          'require-version-above-version',
          { purpose, required: requireVersion, version },
        )
      }
    } else if (basis !== undefined) {
      for (const key of consentOnly) {
        const value = own(record, key)
        if (value === undefined || value === false) continue
        report(catalog, 'warnings', ['purposes', index, key], 'setting-ignored.basis', {
          key,
          purpose,
          basis,
        })
      }
    }
  }
}
