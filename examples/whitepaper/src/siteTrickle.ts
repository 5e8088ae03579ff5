import {
  assertConfig,
  browserStorage,
  configSchema,
  createTrickle,
  httpTransport,
  memoryStorage,
  type Trickle,
  type TrickleEvent,
} from '@trickle/core'
import rawConfig from './trickle.config.json'

/**
 * The config. While developing it is checked in full at start, so a broken config fails loudly
 * with every issue listed; the production build only fills in the defaults and leaves the
 * checker out of the bundle (the tests and `trickle validate` have checked this file).
 */
export const config = import.meta.env.PROD ? configSchema.parse(rawConfig) : assertConfig(rawConfig)

/** Where the Trickle server is reached: the Vite dev server proxies `/api` to it. */
export const apiBase = '/api'

export interface SiteTrickleOptions {
  /** Trade-fair tablet: persist nothing, forget each visitor right after the submit. */
  kiosk: boolean
  /** A Trickle server answered: submit to it, so it stores the proof of consent. */
  server: boolean
  onEvent?: ((event: TrickleEvent) => void) | undefined
}

/**
 * The site's one Trickle store. Normal visits remember what is known in localStorage (only
 * which fields are known, never sensitive values); kiosk visits keep nothing. With a server,
 * submissions go through `httpTransport`; a kiosk sends no cookie, so the server treats every
 * person at the tablet as a new visitor.
 */
export function createSiteTrickle({ kiosk, server, onEvent }: SiteTrickleOptions): Trickle {
  const withoutCookie: typeof fetch = (input, init) =>
    fetch(input, { ...init, credentials: 'omit' })
  return createTrickle({
    config,
    storage: kiosk ? memoryStorage() : browserStorage(),
    persist: kiosk ? 'none' : 'known',
    ...(onEvent && { onEvent }),
    ...(server && {
      transport: httpTransport({ baseUrl: apiBase, ...(kiosk && { fetch: withoutCookie }) }),
    }),
  })
}
