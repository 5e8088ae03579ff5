import { destinationEnv, type Config, type Destination } from '@trickle/core'
import type { DestinationAdapter, DestinationEndpoint } from './destinationAdapter'
import { hubspotAdapter } from './hubspotAdapter'
import { webhookAdapter } from './webhookAdapter'

/** How the server reaches one destination (server options; `startServer` fills it from the environment). */
export interface DestinationOptions {
  /** Webhook: the endpoint. HubSpot: the API base (default HubSpot's own). */
  url?: string | undefined
  /** Webhook: the `whsec_...` signing secret. HubSpot: the private-app token. */
  secret?: string | undefined
  /** Your own destination: replaces the built-in adapter of the destination's type. */
  adapter?: DestinationAdapter | undefined
}

type AdapterFactory = (
  destination: Destination,
  endpoint: DestinationEndpoint,
  fetch: typeof globalThis.fetch | undefined,
  config: Config,
) => DestinationAdapter

/** The built-in adapters, by destination `type`: the one place a type is mapped to code. */
export const adapterFactories: Partial<Record<Destination['type'], AdapterFactory>> = {
  webhook: (_destination, endpoint, fetch) => webhookAdapter({ ...endpoint, fetch }),
  hubspot: (destination, endpoint, fetch, config) => {
    if (destination.type !== 'hubspot') throw new TypeError('not a HubSpot destination')
    return hubspotAdapter({ ...endpoint, fetch, config, destination })
  },
}

/**
 * The adapter of every destination in the config. A destination without its secret (or a
 * webhook without its URL) stops the server here, naming the environment variable to set.
 */
export function createDestinationAdapters(
  config: Config,
  options: Record<string, DestinationOptions | undefined> = {},
  fetch?: typeof globalThis.fetch,
): Map<string, DestinationAdapter> {
  const adapters = new Map<string, DestinationAdapter>()
  for (const destination of config.destinations ?? []) {
    const given = Object.hasOwn(options, destination.id) ? options[destination.id] : undefined
    if (given?.adapter) {
      adapters.set(destination.id, given.adapter)
      continue
    }
    const names = destinationEnv(destination)
    const url = given?.url?.trim() || undefined
    const secret = given?.secret?.trim() || undefined
    if (destination.type === 'webhook' && url === undefined) {
      throw new Error(
        `Destination "${destination.id}" (webhook) has no URL: set ${names.url} to the endpoint that receives the events.`,
      )
    }
    if (secret === undefined) {
      throw new Error(
        `Destination "${destination.id}" (${destination.type}) has no secret: set ${names.secret}${
          destination.type === 'webhook'
            ? ' to the whsec_... signing secret'
            : ' to the private-app token'
        }.`,
      )
    }
    const factory = adapterFactories[destination.type]
    if (!factory) {
      throw new Error(
        `Destination "${destination.id}": no built-in adapter for type "${destination.type}"; pass one in the destinations option.`,
      )
    }
    try {
      adapters.set(destination.id, factory(destination, { url, secret }, fetch, config))
    } catch (error) {
      throw new Error(
        `Destination "${destination.id}": ${error instanceof Error ? error.message : String(error)} Check ${names.url} and ${names.secret}.`,
        { cause: error },
      )
    }
  }
  return adapters
}
