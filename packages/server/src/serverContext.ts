import type { Config } from '@trickle/core'
import type { Context } from 'hono'
import type { Asset } from './assets'
import type { DeliveryWorker } from './delivery/createDeliveryWorker'
import type { Mailer } from './mailer'
import type { TrickleDatabase } from './openDatabase'
import type { Signer } from './signer'
import type { Visitor } from './visitorCookie'

/** Hono environment of the app: the visitor resolved from the cookie. */
export interface AppEnv {
  Variables: { visitor: Visitor }
}

export type AppContext = Context<AppEnv>

/** Everything the route handlers share. */
export interface ServerContext {
  config: Config
  database: TrickleDatabase
  signer: Signer
  mailer: Mailer
  assets: ReadonlyMap<string, Asset>
  /** Admin tokens by name (`admin` for `adminToken`); empty: the admin routes are off. */
  adminTokens: ReadonlyMap<string, string>
  /** Resolves once addresses stored before the address index existed are indexed. */
  addressIndexReady?: () => Promise<void>
  now: () => Date
  log: (line: string) => void
  /**
   * SHA-256 hashes of the consent texts known to be in the database (committed; those rows are
   * never deleted), so that each text is written once, not with every submission.
   */
  storedTexts: Set<string>
  /** Whether a request came over HTTPS (directly or, with trustProxy, through a proxy). */
  isHttps: (c: Context) => boolean
  /**
   * The delivery worker: `kick()` after a transaction that enqueued deliveries committed; the
   * submit route writes rows it can take already claimed (`reserve`) and hands them off.
   */
  delivery?: Pick<DeliveryWorker, 'kick' | 'reserve' | 'handOff'> | undefined
}

/** How long a download link works. */
export const downloadTtlMs = 10 * 60 * 1000
