import type { FieldValue, VisitPlan } from '@trickle/core'
import { readField } from './renderField'

/** What the DOM holds: answers by field id, consent choices by purpose id. */
export interface Answers {
  values: Record<string, FieldValue | undefined>
  consents: Record<string, boolean>
}

/** The answers and consent choices in the DOM, for the fields and consents of `plan`. */
export function readAnswers(body: HTMLElement, plan: VisitPlan): Answers {
  const input: Answers = { values: {}, consents: {} }
  for (const planned of plan.fields) {
    const wrapper = body.querySelector(`[data-field="${planned.id}"]`)
    input.values[planned.id] = wrapper ? readField(wrapper, planned) : undefined
  }
  for (const { purposeId } of plan.consents) {
    const box = body.querySelector<HTMLInputElement>(`[data-consent="${purposeId}"] input`)
    input.consents[purposeId] = box?.checked === true
  }
  return input
}
