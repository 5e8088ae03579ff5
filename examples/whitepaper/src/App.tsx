import type { Trickle } from '@trickle/core'
import { TrickleProvider } from '@trickle/react'
import { useEffect, useMemo } from 'react'
import { KioskBanner } from './components/KioskBanner'
import { SiteFooter } from './components/SiteFooter'
import { SiteHeader } from './components/SiteHeader'
import { AdminPage } from './pages/AdminPage'
import { LibraryPage } from './pages/LibraryPage'
import { NotFoundPage } from './pages/NotFoundPage'
import { PrivacyCenterPage } from './pages/PrivacyCenterPage'
import { interceptLinks, useRoute } from './route'
import type { ServerSync } from './serverSync'
import { SiteContext, type SiteContextValue } from './siteContext'
import { siteCopy } from './siteCopy'

export interface AppProps {
  trickle: Trickle
  /** Null when the site runs without a Trickle server. */
  server: ServerSync | null
}

const pages = {
  library: LibraryPage,
  privacy: PrivacyCenterPage,
  admin: AdminPage,
  'not-found': NotFoundPage,
} as const

export function App({ trickle, server }: AppProps) {
  const route = useRoute()
  const { page, locale, kiosk } = route
  const site = useMemo<SiteContextValue>(
    () => ({ route: { page, locale, kiosk }, copy: siteCopy[locale], trickle, server }),
    [page, locale, kiosk, trickle, server],
  )

  useEffect(() => {
    document.documentElement.lang = locale
  }, [locale])

  useEffect(() => {
    const onClick = (event: MouseEvent) => interceptLinks(event, { page, locale, kiosk })
    document.addEventListener('click', onClick)
    return () => document.removeEventListener('click', onClick)
  }, [page, locale, kiosk])

  const Page = pages[page]
  return (
    <SiteContext.Provider value={site}>
      <TrickleProvider trickle={trickle} locale={locale}>
        <a className="skip-link" href="#main">
          {site.copy.skipToContent}
        </a>
        {kiosk ? <KioskBanner /> : null}
        <SiteHeader />
        <main id="main" tabIndex={-1}>
          <Page />
        </main>
        <SiteFooter />
      </TrickleProvider>
    </SiteContext.Provider>
  )
}
