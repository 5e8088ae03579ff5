/**
 * `@trickle/core/config`: reading and checking a config (the schema, every issue at its JSON
 * Pointer, the JSON Schema). A browser app that only plans imports `@trickle/core`, whose
 * runtime never reaches these modules; a build step, an editor or a server imports them here.
 */
export { fieldTypes, idPattern, legalBases, localePattern } from './configConstants'
export { configSchema } from './configSchema'
export { parseConfig } from './parseConfig'
export type { ParseConfigOptions, ParseConfigResult } from './parseConfig'
export type { CompilePattern, PatternMatcher } from './compilePattern'
export { assertConfig } from './assertConfig'
export { ConfigError } from './ConfigError'
export { configIssueCodes } from './configIssueCodes'
export type { ConfigIssue, ConfigIssueCode } from './configIssueCodes'
export { configJsonSchema } from './configJsonSchema'
export { defineConfig } from './defineConfig'
export type { FieldIdOf, FormIdOf, PurposeIdOf } from './defineConfig'
export type { Config, ConfigInput } from './types'
