import {
  canWithdrawConsent,
  consentState,
  localize,
  type ConsentState,
  type Purpose,
} from '@trickle/core'
import { useCallback } from 'react'
import { useStoreValue } from './useStoreValue'
import { useTrickle } from './useTrickle'

export interface ConsentApi {
  purpose: Purpose
  /** 'not-required' | 'none' | 'granted' | 'pending' | 'denied' | 'withdrawn' | 'outdated' | 'expired' */
  state: ConsentState
  /** The localized purpose label. */
  label: string
  /** The localized consent text ('' for purposes that need no consent). */
  text: string
  /** True while a given consent (granted, pending confirmation, outdated or expired) can be withdrawn. */
  canWithdraw: boolean
  /** Withdraws the consent and erases the data collected only for it; returns the erased field ids. */
  withdraw: () => { erased: string[] }
}

/** The state of one purpose's consent, live, with a one-call withdrawal (GDPR Art. 7(3)). */
export function useConsent(purposeId: string): ConsentApi {
  const { trickle, locale } = useTrickle()
  const { config } = trickle
  const purpose = config.purposes.find((p) => p.id === purposeId)
  if (purpose === undefined) {
    const known = config.purposes.map((p) => JSON.stringify(p.id)).join(', ')
    throw new Error(
      `useConsent: unknown purpose ${JSON.stringify(purposeId)}. Use one of the config's purposes: ${known}.`,
    )
  }
  const state = useStoreValue(trickle, ({ profile }) => consentState(config, profile, purposeId))
  const withdraw = useCallback(() => trickle.withdraw(purposeId), [trickle, purposeId])
  return {
    purpose,
    state,
    label: localize(purpose.label, locale, config),
    text: localize(purpose.text ?? '', locale, config),
    canWithdraw: canWithdrawConsent(state),
    withdraw,
  }
}
