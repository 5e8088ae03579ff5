import type { Decision } from '@trickle/core'
import type { StudioMessages } from '../messages'

/** Why the planner asks or skips a field, in the studio's language. */
export function decisionReason(reason: Decision['reason'], t: StudioMessages): string {
  switch (reason) {
    case 'always':
      return t.reasonAlways
    case 'unknown':
      return t.reasonUnknown
    case 'stale':
      return t.reasonStale
    case 'known':
      return t.reasonKnown
    case 'consent-missing':
      return t.reasonConsentMissing
    case 'condition-unmet':
      return t.reasonConditionUnmet
    case 'limit-reached':
      return t.reasonLimitReached
  }
}
