import type { Condition, Config } from '@trickle/core'
import type { TrickleFieldName } from './components'

function collect(condition: Condition, names: Set<TrickleFieldName>): void {
  if ('all' in condition) for (const c of condition.all) collect(c, names)
  else if ('any' in condition) for (const c of condition.any) collect(c, names)
  else if ('not' in condition) collect(condition.not, names)
  else if ('consented' in condition) names.add(`consents.${condition.consented}`)
  else names.add(`values.${condition.field}`)
}

/**
 * What a form's plan can change with, as react-hook-form names: the answers its `askIf`
 * conditions read, the purposes of `consented` conditions, and the offered consents (the
 * planner counts a ticked offered consent as granted for the plan). Only changes of these
 * re-plan while the visitor types.
 */
export function draftDependencies(config: Config, formId: string): TrickleFieldName[] {
  const form = config.forms.find((f) => f.id === formId)
  const asked = new Set([...(form?.always ?? []), ...(form?.sequence ?? [])])
  const names = new Set<TrickleFieldName>()
  for (const field of config.fields) {
    if (asked.has(field.id) && field.askIf) collect(field.askIf, names)
  }
  for (const id of form?.offerConsents ?? []) names.add(`consents.${id}`)
  return [...names]
}
