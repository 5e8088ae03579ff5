import { localize, type Config } from '@trickle/core'

/** A field's label in the UI language, or its id when the config does not know it. */
export function fieldLabel(config: Config | null, fieldId: string, locale: string): string {
  const field = config?.fields.find((candidate) => candidate.id === fieldId)
  return field ? localize(field.label, locale, config ?? { locales: [] }) : fieldId
}

/** A purpose's label in the UI language, or its id when the config does not know it. */
export function purposeLabel(config: Config | null, purposeId: string, locale: string): string {
  const purpose = config?.purposes.find((candidate) => candidate.id === purposeId)
  return purpose ? localize(purpose.label, locale, config ?? { locales: [] }) : purposeId
}
