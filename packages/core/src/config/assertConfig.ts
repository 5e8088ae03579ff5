import { ConfigError } from './ConfigError'
import type { Config } from './configSchema'
import { parseConfig } from './parseConfig'

/** Like `parseConfig`, for code that cannot go on without a valid config: throws a `ConfigError`. */
export function assertConfig(input: unknown): Config {
  const result = parseConfig(input)
  if (!result.ok) throw new ConfigError(result.issues)
  return result.config
}
