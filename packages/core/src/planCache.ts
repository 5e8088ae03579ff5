import { deepEqual } from './deepEqual'
import { planVisit } from './planVisit'
import type { Config, Draft, PlanOptions, Profile, VisitPlan } from './types'

/** Plans kept per form: enough for a few components planning one form with different drafts. */
const plansPerForm = 8

export interface PlanCache {
  /** `planVisit`, returning a previous plan object whenever the new plan is equal to it. */
  plan(profile: Profile, formId: string, draft?: Draft): VisitPlan
}

/**
 * Memoises plans by value: the planner runs on every call (so time-based staleness and expiry
 * are never missed), and an equal result is replaced by the object returned before. Selectors
 * (`useSyncExternalStore`) therefore see the same object until something they show changes.
 */
export function createPlanCache(config: Config, now: () => Date): PlanCache {
  const cache = new Map<string, VisitPlan[]>()
  return {
    plan(profile, formId, draft) {
      const options: PlanOptions = { formId, now: now() }
      if (draft !== undefined) options.draft = draft
      const next = planVisit(config, profile, options)
      const plans = cache.get(formId) ?? []
      const index = plans.findIndex((plan) => deepEqual(plan, next))
      const plan = (index === -1 ? undefined : plans[index]) ?? next
      if (index !== -1) plans.splice(index, 1)
      plans.unshift(plan)
      if (plans.length > plansPerForm) plans.length = plansPerForm
      cache.set(formId, plans)
      return plan
    },
  }
}
