import { useContext } from 'react'
import { TrickleContext, type TrickleContextValue } from './TrickleProvider'

// Replaced by bundlers: the long explanation stays out of production builds.
declare const process: { env: { NODE_ENV?: string } }

/** The store, locale, messages and components of the nearest `TrickleProvider`. */
export function useTrickle(): TrickleContextValue {
  const value = useContext(TrickleContext)
  if (!value) {
    throw new Error(
      process.env.NODE_ENV !== 'production'
        ? 'Trickle: no TrickleProvider above this component. Wrap your app in <TrickleProvider trickle={createTrickle({ config })}>.'
        : 'Trickle: no TrickleProvider',
    )
  }
  return value
}
