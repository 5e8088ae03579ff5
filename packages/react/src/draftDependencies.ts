import type { Condition, Config, Draft, FieldValue } from '@trickle/core'
import type { TrickleFormValues } from './components'

/**
 * What a form's plan can change with: the answers its `askIf` conditions read, the purposes of
 * `consented` conditions, and the offered consents (the planner counts a ticked offered consent
 * as granted for the plan). Only these go into the draft, so other typing never re-plans.
 */
export interface DraftDependencies {
  fieldIds: readonly string[]
  purposeIds: readonly string[]
  /** The react-hook-form names to watch. */
  names: readonly (`values.${string}` | `consents.${string}`)[]
}

function collect(condition: Condition, fieldIds: Set<string>, purposeIds: Set<string>): void {
  if ('all' in condition) for (const c of condition.all) collect(c, fieldIds, purposeIds)
  else if ('any' in condition) for (const c of condition.any) collect(c, fieldIds, purposeIds)
  else if ('not' in condition) collect(condition.not, fieldIds, purposeIds)
  else if ('consented' in condition) purposeIds.add(condition.consented)
  else fieldIds.add(condition.field)
}

const cache = new WeakMap<Config, Map<string, DraftDependencies>>()

/** The draft dependencies of a form (cached per config and form). */
export function draftDependencies(config: Config, formId: string): DraftDependencies {
  let byForm = cache.get(config)
  if (!byForm) cache.set(config, (byForm = new Map()))
  const cached = byForm.get(formId)
  if (cached) return cached

  const form = config.forms.find((f) => f.id === formId)
  const asked = new Set([...(form?.always ?? []), ...(form?.sequence ?? [])])
  const fieldIds = new Set<string>()
  const purposeIds = new Set<string>(form?.offerConsents ?? [])
  for (const field of config.fields) {
    if (asked.has(field.id) && field.askIf) collect(field.askIf, fieldIds, purposeIds)
  }
  const result: DraftDependencies = {
    fieldIds: [...fieldIds],
    purposeIds: [...purposeIds],
    names: [
      ...[...fieldIds].map((id) => `values.${id}` as const),
      ...[...purposeIds].map((id) => `consents.${id}` as const),
    ],
  }
  byForm.set(formId, result)
  return result
}

export function isFieldValue(value: unknown): value is FieldValue {
  return (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    (Array.isArray(value) && value.every((item) => typeof item === 'string'))
  )
}

function sameValue(a: FieldValue | undefined, b: FieldValue | undefined): boolean {
  if (Array.isArray(a) && Array.isArray(b)) {
    return a.length === b.length && a.every((item, index) => item === b[index])
  }
  return a === b
}

/** The draft for the planner: the watched answers and consents, nothing else. */
export function draftFrom(values: Partial<TrickleFormValues>, deps: DraftDependencies): Draft {
  const draftValues: Record<string, FieldValue | undefined> = {}
  for (const id of deps.fieldIds) {
    const value: unknown = values.values?.[id]
    if (isFieldValue(value) && value !== '') draftValues[id] = value
  }
  const draftConsents: Record<string, boolean | undefined> = {}
  for (const id of deps.purposeIds) {
    if (values.consents?.[id] === true) draftConsents[id] = true
  }
  return { values: draftValues, consents: draftConsents }
}

/** Equal drafts keep the previous object, so React does not re-render for nothing. */
export function sameDraft(a: Draft | undefined, b: Draft): boolean {
  if (!a) return false
  const same = <T extends FieldValue | boolean>(
    x: Record<string, T | undefined> = {},
    y: Record<string, T | undefined> = {},
  ) => {
    const keys = Object.keys(x)
    return (
      keys.length === Object.keys(y).length &&
      keys.every((key) => Object.hasOwn(y, key) && sameValue(x[key], y[key]))
    )
  }
  return same(a.values, b.values) && same(a.consents, b.consents)
}
