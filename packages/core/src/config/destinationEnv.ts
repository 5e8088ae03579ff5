/** The names of the environment variables that hold a destination's endpoint and secret. */
export interface DestinationEnvNames {
  /** `TRICKLE_DESTINATION_<ID>_URL`: the webhook endpoint, or the API base (HubSpot). */
  url: string
  /** `TRICKLE_DESTINATION_<ID>_SECRET`: the `whsec_...` signing secret, or the API token. */
  secret: string
}

/**
 * The environment variable names of a destination: `TRICKLE_DESTINATION_<ID>_URL` and
 * `TRICKLE_DESTINATION_<ID>_SECRET`, the id upper-cased with `-` written as `_` (`crm-eu` ->
 * `TRICKLE_DESTINATION_CRM_EU_URL`). Endpoints and secrets never sit in the config, which is
 * shipped to browsers. Two ids that differ only in case or in `-`/`_` share these names, so
 * `parseConfig` refuses such a pair.
 */
export function destinationEnv(destination: { id: string }): DestinationEnvNames {
  const name = `TRICKLE_DESTINATION_${destinationEnvKey(destination.id)}`
  return { url: `${name}_URL`, secret: `${name}_SECRET` }
}

/** The `<ID>` part of the variable names. */
export function destinationEnvKey(id: string): string {
  return id.toUpperCase().replaceAll('-', '_')
}
