import { countryCodes } from '@trickle/core'
import type { LocalizedOption } from './components'

/** The countries as options labelled in the visitor's language, sorted by that label. */
export function countryOptions(locale: string): LocalizedOption[] {
  const names = new Intl.DisplayNames([locale, 'en'], { type: 'region', fallback: 'code' })
  const collator = new Intl.Collator(locale)
  return countryCodes
    .map((code) => ({ value: code, label: names.of(code) ?? code }))
    .sort((a, b) => collator.compare(a.label, b.label))
}
