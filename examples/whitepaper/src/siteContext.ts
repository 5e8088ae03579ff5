import type { Trickle } from '@trickle/core'
import { createContext, useContext } from 'react'
import type { Route } from './route'
import type { ServerSync } from './serverSync'
import type { SiteCopy } from './siteCopy'

export interface SiteContextValue {
  route: Route
  copy: SiteCopy
  trickle: Trickle
  /** Null when no Trickle server answered: the site runs local-only. */
  server: ServerSync | null
}

export const SiteContext = createContext<SiteContextValue | null>(null)

export function useSite(): SiteContextValue {
  const site = useContext(SiteContext)
  if (site === null)
    throw new Error('useSite: render inside <App>, which provides the site context.')
  return site
}
