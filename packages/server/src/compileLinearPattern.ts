import type { CompilePattern, Config } from '@trickle/core'
import { RE2JS } from 're2js'

/**
 * Field patterns on the server run on RE2 (re2js): matching takes time linear in the answer's
 * length whatever the pattern, so a pattern such as `([a-z]+)+$` cannot block the server
 * (ReDoS). Throws, like `new RegExp`, when RE2 cannot compile the pattern.
 */
export const compileLinearPattern: CompilePattern = (source) => RE2JS.compile(source)

/**
 * Compiles every field pattern of a config once, so that a pattern RE2 cannot run stops the
 * server at start instead of failing each submission. `parseConfig` with `compilePattern`
 * reports the same problem as a config issue.
 */
export function assertLinearPatterns(config: Config): void {
  for (const field of config.fields) {
    if (field.pattern === undefined) continue
    try {
      compileLinearPattern(`^(?:${field.pattern})$`)
    } catch (error) {
      throw new Error(
        `The pattern of field "${field.id}" cannot be run by the server's linear-time engine (RE2): ${(error as Error).message}`,
        { cause: error },
      )
    }
  }
}
