import { configIndex } from './configIndex'
import { consentStateOf } from './consentState'
import { evaluateCondition, type ConditionContext } from './evaluateCondition'
import { fieldFreshness, isKnown, recordOf, type FieldFreshness } from './isKnown'
import type {
  Config,
  ConsentOfferReason,
  ConsentState,
  Decision,
  Draft,
  Field,
  FieldReason,
  FieldValue,
  PlanOptions,
  PlannedConsent,
  PlannedField,
  Profile,
  VisitPlan,
} from './types'

/** A draft answer as a condition sees it: trimmed, and `undefined` when empty. */
function draftAnswer(draft: Draft | undefined, fieldId: string): FieldValue | undefined {
  const values = draft?.values
  if (values === undefined || !Object.hasOwn(values, fieldId)) return undefined
  const value: unknown = values[fieldId]
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim()
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined
  if (typeof value === 'boolean') return value
  if (Array.isArray(value)) {
    const choices = value
      .filter((choice): choice is string => typeof choice === 'string')
      .map((choice) => choice.trim())
      .filter((choice) => choice !== '')
    return choices.length > 0 ? choices : undefined
  }
  return undefined
}

const isOfferable = (state: ConsentState | undefined): state is ConsentOfferReason =>
  state === 'none' || state === 'outdated' || state === 'expired'

interface Candidate {
  field: Field
  reason: FieldReason
  declined: boolean
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
  const form = index.forms.get(formId)
  if (form === undefined) {
    const known = config.forms.map((f) => JSON.stringify(f.id)).join(', ')
    throw new TypeError(
      `planVisit: unknown form ${JSON.stringify(formId)}. Known forms: ${known || '(none)'}.`,
    )
  }

  const states = new Map<string, ConsentState | undefined>()
  const stateOf = (purposeId: string): ConsentState | undefined => {
    if (!states.has(purposeId)) {
      const purpose = index.purposes.get(purposeId)
      states.set(purposeId, purpose && consentStateOf(purpose, profile.consents, now))
    }
    return states.get(purposeId)
  }

  const consents: PlannedConsent[] = []
  const offered = new Set<string>()
  for (const purposeId of form.offerConsents) {
    const purpose = index.purposes.get(purposeId)
    const state = stateOf(purposeId)
    if (purpose === undefined || offered.has(purposeId) || !isOfferable(state)) continue
    offered.add(purposeId)
    consents.push({ purposeId, purpose, reason: state })
  }

  const draftConsents = draft?.consents
  const consented = (purposeId: string): boolean => {
    if (stateOf(purposeId) === 'granted') return true
    const purpose = index.purposes.get(purposeId)
    return (
      purpose !== undefined &&
      !purpose.doubleOptIn &&
      offered.has(purposeId) &&
      draftConsents !== undefined &&
      Object.hasOwn(draftConsents, purposeId) &&
      draftConsents[purposeId] === true
    )
  }
  const usable = (purposeId: string): boolean => {
    const purpose = index.purposes.get(purposeId)
    return purpose !== undefined && (purpose.basis !== 'consent' || consented(purposeId))
  }

  const freshness = new Map<string, FieldFreshness>()
  const freshnessOf = (field: Field): FieldFreshness => {
    let value = freshness.get(field.id)
    if (value === undefined) {
      value = fieldFreshness(field, recordOf(profile, field.id), now)
      freshness.set(field.id, value)
    }
    return value
  }
  const context: ConditionContext = {
    value: (fieldId) => {
      const answer = draftAnswer(draft, fieldId)
      if (answer !== undefined) return answer
      const field = index.fields.get(fieldId)
      return field && freshnessOf(field) === 'known' ? recordOf(profile, fieldId)?.value : undefined
    },
    known: (fieldId) => {
      if (draftAnswer(draft, fieldId) !== undefined) return true
      const field = index.fields.get(fieldId)
      return field !== undefined && freshnessOf(field) === 'known'
    },
    consented,
  }

  const fieldOf = (fieldId: string): Field => {
    const field = index.fields.get(fieldId)
    if (field === undefined) {
      throw new TypeError(
        `planVisit: form ${JSON.stringify(formId)} names the field ${JSON.stringify(fieldId)}, which the config does not define. Validate the config with parseConfig first.`,
      )
    }
    return field
  }

  // Each field gets one decision, at its first place in the form.
  const seen = new Set<string>()
  const decisions: Decision[] = []
  const asked = new Map<string, PlannedField>()
  const alwaysIds: string[] = []
  const candidates: Candidate[] = []

  const blocked = (field: Field): 'consent-missing' | 'condition-unmet' | undefined => {
    if (!field.purposes.every(usable)) return 'consent-missing'
    if (field.askIf !== undefined && !evaluateCondition(field.askIf, context)) {
      return 'condition-unmet'
    }
    return undefined
  }

  for (const fieldId of form.always) {
    if (seen.has(fieldId)) continue
    seen.add(fieldId)
    const field = fieldOf(fieldId)
    const skip = blocked(field)
    decisions.push({ fieldId, ask: skip === undefined, reason: skip ?? 'always' })
    if (skip === undefined) {
      alwaysIds.push(fieldId)
      asked.set(fieldId, { id: fieldId, field, reason: 'always' })
    }
  }
  for (const fieldId of form.sequence) {
    if (seen.has(fieldId)) continue
    seen.add(fieldId)
    const field = fieldOf(fieldId)
    const state = freshnessOf(field)
    const skip = state === 'known' ? 'known' : blocked(field)
    // Placeholder; candidates are settled below.
    decisions.push({ fieldId, ask: false, reason: skip ?? 'limit-reached' })
    if (skip === undefined) {
      const reason = state === 'stale' ? 'stale' : 'unknown'
      candidates.push({ field, reason, declined: state === 'declined' })
    }
  }

  // Unknown and stale fields in sequence order first, declined ones after them.
  const chosen = [
    ...candidates.filter((c) => !c.declined),
    ...candidates.filter((c) => c.declined),
  ].slice(0, form.perVisit)
  for (const { field, reason } of chosen) asked.set(field.id, { id: field.id, field, reason })
  for (const decision of decisions) {
    const planned = asked.get(decision.fieldId)
    if (planned !== undefined) {
      decision.ask = true
      decision.reason = planned.reason
    }
  }

  const fields = decisions.flatMap((d) => {
    const planned = asked.get(d.fieldId)
    return planned === undefined ? [] : [planned]
  })
  const complete =
    chosen.length === 0 &&
    consents.length === 0 &&
    alwaysIds.every((id) => isKnown(fieldOf(id), recordOf(profile, id), now))

  return { formId, fields, consents, decisions, complete }
}
