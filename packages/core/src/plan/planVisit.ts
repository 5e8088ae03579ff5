import { configIndex, throwUnknownId } from '../config/configIndex'
import { consentStateOf } from './consentState'
import { evaluateCondition, type ConditionContext } from './evaluateCondition'
import { fieldFreshness, recordOf, type FieldFreshness } from './isKnown'
import type {
  Config,
  Decision,
  Draft,
  Field,
  FieldValue,
  PlanOptions,
  PlannedConsent,
  PlannedField,
  Profile,
  SkipReason,
  VisitPlan,
} from '../types'

/** A draft answer as a condition sees it: trimmed, and `undefined` when empty. */
function draftAnswer(draft: Draft | undefined, fieldId: string): FieldValue | undefined {
  const values = draft?.values
  const value: unknown = values && Object.hasOwn(values, fieldId) ? values[fieldId] : undefined
  if (typeof value === 'string') return value.trim() || undefined
  if (Array.isArray(value)) {
    const choices = value
      .filter((choice): choice is string => typeof choice === 'string')
      .map((choice) => choice.trim())
      .filter(Boolean)
    return choices.length > 0 ? choices : undefined
  }
  const usable = typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))
  return usable ? value : undefined
}

/**
 * Decides which fields and consents to ask on this visit of `formId`, and why every other field
 * of the form is not asked. Pure and deterministic: the same inputs give an equal plan.
 *
 * 1. Walk `always`, then `sequence`.
 * 2. A field is asked only when each of its consent purposes is granted (`consent-missing`
 *    otherwise). A draft consent `true` for a purpose this plan offers counts as granted for
 *    this plan, unless the purpose uses double opt-in (then it is only pending).
 * 3. `askIf` sees known values and the draft answers, draft first (`condition-unmet`).
 * 4. `always` fields are asked every visit and do not count. Unknown and stale fields are taken
 *    in sequence order up to `perVisit`; declined optional fields only after all others; the
 *    rest is `limit-reached`. Known fields of the sequence are `known`.
 * 5. Offered consents: the form's `offerConsents` whose state is none, outdated or expired.
 * 6. `complete`: every asked `always` field is known, no new field is asked, no consent offered.
 *
 * Throws a TypeError for a form id the config does not define, or a form that names a field the
 * config does not define (a config that did not go through `parseConfig`).
 */
export function planVisit(config: Config, profile: Profile, options: PlanOptions): VisitPlan {
  const { formId, now = new Date(), draft } = options
  const index = configIndex(config)
  const form = index.forms.get(formId) ?? throwUnknownId('planVisit', 'form', formId, config.forms)
  const states = new Map(
    [...index.purposes].map(([id, purpose]) => [
      id,
      consentStateOf(purpose, profile.consents, now),
    ]),
  )

  const consents: PlannedConsent[] = []
  for (const purposeId of new Set(form.offerConsents)) {
    const purpose = index.purposes.get(purposeId)
    const reason = states.get(purposeId)
    if (purpose && (reason === 'none' || reason === 'outdated' || reason === 'expired')) {
      consents.push({ purposeId, purpose, reason })
    }
  }

  const consented = (purposeId: string): boolean =>
    states.get(purposeId) === 'granted' ||
    (draft?.consents?.[purposeId] === true &&
      consents.some((offer) => offer.purposeId === purposeId && !offer.purpose.doubleOptIn))
  const usable = (purposeId: string): boolean =>
    states.get(purposeId) === 'not-required' || consented(purposeId)
  const freshnessOf = (field: Field): FieldFreshness =>
    fieldFreshness(field, recordOf(profile, field.id), now)
  const isKnownId = (fieldId: string): boolean => {
    const field = index.fields.get(fieldId)
    return field !== undefined && freshnessOf(field) === 'known'
  }
  const context: ConditionContext = {
    value: (fieldId) =>
      draftAnswer(draft, fieldId) ??
      (isKnownId(fieldId) ? recordOf(profile, fieldId)?.value : undefined),
    known: (fieldId) => draftAnswer(draft, fieldId) !== undefined || isKnownId(fieldId),
    consented,
  }
  // Each field gets one decision, at its first place in the form.
  const alwaysIds = new Set(form.always)
  const decisions: Decision[] = []
  const asked = new Map<Decision, PlannedField>()
  // Unknown and stale fields, in form order; optional fields the visitor declined, after them.
  const candidates: [Decision, PlannedField][] = []
  const declined: [Decision, PlannedField][] = []
  let alwaysKnown = true
  for (const fieldId of new Set([...form.always, ...form.sequence])) {
    const field = index.fields.get(fieldId)
    if (field === undefined) {
      throw new TypeError(
        `planVisit: form ${JSON.stringify(formId)} names an unknown field ${JSON.stringify(fieldId)}.`,
      )
    }
    const always = alwaysIds.has(fieldId)
    const freshness = freshnessOf(field)
    // The first reason that applies.
    const skip: SkipReason | undefined =
      !always && freshness === 'known'
        ? 'known'
        : !field.purposes.every(usable)
          ? 'consent-missing'
          : field.askIf && !evaluateCondition(field.askIf, context)
            ? 'condition-unmet'
            : undefined
    // 'limit-reached' until perVisit has picked among the candidates.
    const decision: Decision = { fieldId, ask: false, reason: skip ?? 'limit-reached' }
    decisions.push(decision)
    if (skip !== undefined) continue
    if (always) {
      asked.set(decision, { id: fieldId, field, reason: 'always' })
      alwaysKnown &&= freshness === 'known'
      continue
    }
    const reason = freshness === 'stale' ? 'stale' : 'unknown'
    const queue = freshness === 'declined' ? declined : candidates
    queue.push([decision, { id: fieldId, field, reason }])
  }

  const chosen = [...candidates, ...declined].slice(0, form.perVisit)
  for (const [decision, planned] of chosen) asked.set(decision, planned)
  for (const [decision, planned] of asked) {
    decision.ask = true
    decision.reason = planned.reason
  }

  const fields = decisions.flatMap((decision) => asked.get(decision) ?? [])
  const complete = alwaysKnown && chosen.length === 0 && consents.length === 0
  return { formId, fields, consents, decisions, complete }
}
