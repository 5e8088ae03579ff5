import { useSyncExternalStore } from 'react'
import { isSiteLocale, type SiteLocale } from './siteCopy'

export type Page = 'library' | 'privacy' | 'admin' | 'not-found'

/** Where the visitor is. Language and kiosk mode live in the URL, never in storage. */
export interface Route {
  page: Page
  locale: SiteLocale
  /** `?kiosk=1`: trade-fair tablet, nothing remembered between visitors. */
  kiosk: boolean
}

const paths: ReadonlyMap<string, Page> = new Map([
  ['/', 'library'],
  ['/privacy', 'privacy'],
  ['/admin', 'admin'],
])

/** The route of a URL; without `?lang=` the browser's preferred language decides. */
export function parseRoute(url: URL, preferred: readonly string[] = []): Route {
  const path = url.pathname.replace(/\/+$/, '') || '/'
  const lang = url.searchParams.get('lang')
  const browser = preferred.map((tag) => tag.slice(0, 2).toLowerCase()).find(isSiteLocale)
  return {
    page: paths.get(path) ?? 'not-found',
    locale: isSiteLocale(lang) ? lang : (browser ?? 'en'),
    kiosk: url.searchParams.get('kiosk') === '1',
  }
}

/** A site URL for `page`, keeping the language and the kiosk mode. */
export function hrefFor(page: Exclude<Page, 'not-found'>, route: Omit<Route, 'page'>): string {
  const path = [...paths].find(([, value]) => value === page)?.[0] ?? '/'
  const params = new URLSearchParams({ lang: route.locale })
  if (route.kiosk) params.set('kiosk', '1')
  return `${path}?${params.toString()}`
}

const changeEvent = 'site:navigate'

/** Client-side navigation: the Trickle store (and the kiosk's memory) survives it. */
export function navigate(href: string, { replace = false } = {}): void {
  if (replace) history.replaceState(null, '', href)
  else history.pushState(null, '', href)
  window.dispatchEvent(new Event(changeEvent))
}

function subscribe(listener: () => void): () => void {
  window.addEventListener('popstate', listener)
  window.addEventListener(changeEvent, listener)
  return () => {
    window.removeEventListener('popstate', listener)
    window.removeEventListener(changeEvent, listener)
  }
}

const getHref = () => window.location.href

/** The current route; re-renders on navigation and on the back button. */
export function useRoute(): Route {
  const href = useSyncExternalStore(subscribe, getHref, getHref)
  // Parsing is cheap; returning a new object per render is fine outside of a store selector.
  return parseRoute(new URL(href), navigator.languages)
}

/**
 * Follows clicks on same-site links without a page load, so the config's privacy link (shown
 * with every consent) keeps the kiosk mode and the state of the page.
 */
export function interceptLinks(event: MouseEvent, route: Route): void {
  if (event.defaultPrevented || event.button !== 0) return
  if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
  const anchor = event.target instanceof Element ? event.target.closest('a') : null
  if (!anchor || anchor.target || anchor.hasAttribute('download')) return
  // Entering or leaving kiosk mode needs a fresh store: let the browser load the page.
  if (anchor.hasAttribute('data-full-load')) return
  const url = new URL(anchor.href, window.location.href)
  if (url.origin !== window.location.origin || !paths.has(url.pathname)) return
  event.preventDefault()
  if (route.kiosk) url.searchParams.set('kiosk', '1')
  navigate(`${url.pathname}${url.search}${url.hash}`)
  // After the new page rendered: to the anchor, or to the top.
  requestAnimationFrame(() => {
    const target = url.hash ? document.getElementById(decodeURIComponent(url.hash.slice(1))) : null
    if (target) target.scrollIntoView()
    else window.scrollTo(0, 0)
  })
}
