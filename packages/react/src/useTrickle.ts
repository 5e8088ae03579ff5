import { useContext } from 'react'
import { TrickleContext, type TrickleContextValue } from './TrickleProvider'

/** The store, locale, messages and components of the nearest `TrickleProvider`. */
export function useTrickle(): TrickleContextValue {
  const value = useContext(TrickleContext)
  if (!value) {
    throw new Error(
      'Trickle: no TrickleProvider above this component. Wrap your app in ' +
        '<TrickleProvider trickle={createTrickle({ config })}>.',
    )
  }
  return value
}
