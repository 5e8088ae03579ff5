import { deepEqual } from '../deepEqual'
import { planVisit } from '../plan/planVisit'
import type { Config, Draft, Profile, VisitPlan } from '../types'

/** Plans kept per form: enough for a few components planning one form with different drafts. */
const plansPerForm = 8

/**
 * `planVisit` of the current profile, memoised by value: the planner runs on every call (so
 * time-based staleness and expiry are never missed), and a plan equal to one returned before is
 * replaced by that object. Selectors (`useSyncExternalStore`) therefore see the same object until
 * something they show changes.
 */
export function createPlanCache(
  config: Config,
  now: () => Date,
  profile: () => Profile,
): (formId: string, draft?: Draft) => VisitPlan {
  const cache = new Map<string, VisitPlan[]>()
  return (formId, draft) => {
    const next = planVisit(config, profile(), { formId, now: now(), ...(draft && { draft }) })
    const plans = cache.get(formId) ?? []
    const plan = plans.find((previous) => deepEqual(previous, next)) ?? next
    // The most recently returned plan first.
    cache.set(formId, [plan, ...plans.filter((p) => p !== plan)].slice(0, plansPerForm))
    return plan
  }
}
