import { checkConditions } from './checkConditions'
import { checkDestinations } from './checkDestinations'
import { checkFields } from './checkFields'
import { checkForms } from './checkForms'
import { checkPurposes } from './checkPurposes'
import { checkTexts } from './checkTexts'
import type { CompilePattern } from './compilePattern'
import { readConfigCatalog, report, type ConfigCatalog } from './configCatalog'
import type { ConfigIssue } from './configIssueCodes'
import type { MessageLocale } from './configWords'
import { isId, isRecord, own } from '../jsonValue'

export interface MeaningIssues {
  errors: ConfigIssue[]
  warnings: ConfigIssue[]
}

/**
 * The checks a schema cannot express: unique ids, references between purposes, fields and
 * forms, askIf cycles, consent texts, options, patterns, destinations, and warnings for settings that are
 * lawful but probably not meant. They run on whatever parts of the input are readable, so a
 * marketer sees every problem at once, even while the shape still has errors.
 */
export function checkConfigMeaning(
  input: unknown,
  compilePattern?: CompilePattern,
  locale: MessageLocale = 'en',
): MeaningIssues {
  if (!isRecord(input)) return { errors: [], warnings: [] }
  const catalog = readConfigCatalog(input, locale)
  checkPurposes(catalog)
  checkFields(catalog, compilePattern)
  checkConditions(catalog)
  checkForms(catalog)
  checkTexts(catalog)
  checkDestinations(catalog)
  warnAboutUnused(catalog)
  return { errors: catalog.errors, warnings: catalog.warnings }
}

/** Fields no form asks, purposes nothing uses: usually leftovers or a missing entry. */
function warnAboutUnused(catalog: ConfigCatalog): void {
  if (!catalog.formsComplete || !catalog.fieldsComplete) return
  const usedFields = new Set<string>()
  const usedPurposes = new Set<string>()
  for (const { record } of catalog.formList) {
    for (const key of ['always', 'sequence', 'offerConsents'] as const) {
      const ids = own(record, key) ?? []
      if (!Array.isArray(ids)) return
      const used = key === 'offerConsents' ? usedPurposes : usedFields
      for (const id of ids as unknown[]) if (isId(id)) used.add(id)
    }
  }
  for (const { record } of catalog.fieldList) {
    const purposes = own(record, 'purposes')
    if (!Array.isArray(purposes)) return
    for (const id of purposes as unknown[]) if (isId(id)) usedPurposes.add(id)
    collectConsented(own(record, 'askIf'), usedPurposes)
  }
  for (const [id, { index }] of catalog.fields) {
    if (usedFields.has(id)) continue
    report(catalog, 'warnings', ['fields', index], 'unused-field', { id })
  }
  if (!catalog.purposesComplete) return
  for (const [id, { index }] of catalog.purposes) {
    if (usedPurposes.has(id)) continue
    report(catalog, 'warnings', ['purposes', index], 'unused-purpose', { id })
  }
}

function collectConsented(condition: unknown, into: Set<string>): void {
  const stack = [condition]
  while (stack.length > 0) {
    const node = stack.pop()
    if (!isRecord(node)) continue
    const consented = own(node, 'consented')
    if (isId(consented)) into.add(consented)
    stack.push(own(node, 'not'))
    for (const key of ['all', 'any']) {
      const list = own(node, key)
      if (Array.isArray(list)) for (const item of list as unknown[]) stack.push(item)
    }
  }
}
