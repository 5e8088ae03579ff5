import { configIndex } from '../config/configIndex'
import type { Condition, Config } from '../types'

/** A draft answer (`values.<fieldId>`) or a draft consent (`consents.<purposeId>`). */
export type DraftPath = `values.${string}` | `consents.${string}`

function collect(condition: Condition, paths: Set<DraftPath>): void {
  if ('all' in condition) for (const c of condition.all) collect(c, paths)
  else if ('any' in condition) for (const c of condition.any) collect(c, paths)
  else if ('not' in condition) collect(condition.not, paths)
  else if ('consented' in condition) paths.add(`consents.${condition.consented}`)
  else paths.add(`values.${condition.field}`)
}

/**
 * What a form's plan can change with while the visitor answers: the answers its `askIf`
 * conditions read, the purposes of `consented` conditions, and the offered consents (the
 * planner counts a ticked offered consent as granted for the plan). Only changes of these
 * re-plan; any other answer leaves the plan as it is. An unknown form depends on nothing.
 */
export function draftDependencies(config: Config, formId: string): DraftPath[] {
  const form = configIndex(config).forms.get(formId)
  const asked = new Set([...(form?.always ?? []), ...(form?.sequence ?? [])])
  const paths = new Set<DraftPath>()
  for (const field of config.fields) {
    if (asked.has(field.id) && field.askIf) collect(field.askIf, paths)
  }
  for (const id of form?.offerConsents ?? []) paths.add(`consents.${id}`)
  return [...paths]
}
