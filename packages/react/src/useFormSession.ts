import { createFormSession, type FormSession, type FormSessionOptions } from '@trickle/core'
import { useEffect, useMemo } from 'react'
import { useTrickle } from './useTrickle'

// Replaced by bundlers: production builds keep only the quiet path for an unknown form.
declare const process: { env: { NODE_ENV?: string } }

/**
 * The core's form session of `formId` (or `given`, a session a parent created): created once
 * per store and form, its options pushed after each render, destroyed on unmount.
 */
export function useFormSession(
  formId: string,
  options: FormSessionOptions = {},
  given?: FormSession,
): FormSession {
  const { trickle, locale } = useTrickle()
  const session = useMemo(
    () =>
      given ??
      createFormSession(trickle, formId, {
        ...options,
        locale,
        strict: process.env.NODE_ENV !== 'production',
      }),
    // Options are pushed below; a new store or form id is a new session.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [given, trickle, formId],
  )
  useEffect(() => {
    if (!given) session.setOptions({ ...options, locale })
  })
  useEffect(() => (given ? undefined : () => session.destroy()), [session, given])
  return session
}
