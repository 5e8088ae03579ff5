import type { CompilePattern } from '@trickle/core'
import { RE2JS } from 're2js'

/**
 * Field patterns run on RE2 (re2js) in the CLI, as on the server: `trickle validate` reports a
 * pattern the server could not run, and `trickle simulate` checks answers as the server does,
 * in time linear in the answer's length whatever the pattern.
 */
export const compileLinearPattern: CompilePattern = (source) => RE2JS.compile(source)
