import {
  assertConfig,
  browserStorage,
  configSchema,
  createTrickle,
  httpTransport,
  HttpTransportError,
  memoryStorage,
  type Transport,
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
  /** Called when the server refused a submission with `plan-changed`, before it fails. */
  onPlanChanged?: (() => Promise<unknown>) | undefined
}

/**
 * The site's one Trickle store. Normal visits remember what is known in localStorage (only
 * which fields are known, never sensitive values); kiosk visits keep nothing. With a server,
 * submissions go through `httpTransport`; a kiosk sends no cookie, so the server treats every
 * person at the tablet as a new visitor.
 */
export function createSiteTrickle({
  kiosk,
  server,
  onEvent,
  onPlanChanged,
}: SiteTrickleOptions): Trickle {
  const withoutCookie: typeof fetch = (input, init) =>
    fetch(input, { ...init, credentials: 'omit' })
  const send = httpTransport({ baseUrl: apiBase, ...(kiosk && { fetch: withoutCookie }) })
  return createTrickle({
    config,
    storage: kiosk ? memoryStorage() : browserStorage(),
    persist: kiosk ? 'none' : 'known',
    ...(onEvent && { onEvent }),
    ...(server && {
      transport: onPlanChanged ? replanningTransport(send, onPlanChanged) : send,
      // Anonymous funnel counts (no visitor id, no value) for the report; `funnel: false` stops them.
      funnel: { baseUrl: apiBase },
    }),
  })
}

/**
 * A transport that, when the server refuses a submission because it knows more of the visitor
 * than the form did (409 `plan-changed`: answered on another device meanwhile), first calls
 * `replan` (a pull), so the form shows the new plan; the submission still fails, the answers
 * stay in the form, and the form says why (the core reports the code `plan-changed`).
 */
export function replanningTransport(send: Transport, replan: () => Promise<unknown>): Transport {
  return async (request, options) => {
    try {
      return await send(request, options)
    } catch (error) {
      if (error instanceof HttpTransportError && error.code === 'plan-changed') await replan()
      throw error
    }
  }
}
