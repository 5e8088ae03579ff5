/**
 * `@trickle/core/config`: reading and checking a config (the schema, every issue at its JSON
 * Pointer, the JSON Schema). A browser app that only plans imports `@trickle/core`, whose
 * runtime never reaches these modules; a build step, an editor or a server imports them here.
 */
export { fieldTypes, idPattern, legalBases, localePattern } from './config/configConstants'
export { configSchema } from './config/configSchema'
export { parseConfig } from './config/parseConfig'
export type { ParseConfigOptions, ParseConfigResult } from './config/parseConfig'
export type { CompilePattern, PatternMatcher } from './config/compilePattern'
export { assertConfig } from './config/assertConfig'
export { ConfigError } from './config/ConfigError'
export { configIssueCodes } from './config/configIssueCodes'
export type { ConfigIssue, ConfigIssueCode } from './config/configIssueCodes'
export { configJsonSchema, configJsonSchemaFor } from './config/configJsonSchema'
export { configFileError, maxConfigTextLength, readConfigText } from './config/readConfigText'
export type {
  ConfigSyntaxCode,
  ConfigSyntaxError,
  ReadConfigTextOptions,
  ReadConfigTextResult,
} from './config/readConfigText'
export { locatePointer, parseJsonWithPointers } from './config/jsonSourceMap'
export type {
  DuplicateKey,
  JsonSourceMapResult,
  SourceLocation,
  SourcePosition,
} from './config/jsonSourceMap'
export { messageLocales } from './config/configWords'
export type { MessageLocale } from './config/configWords'
export { defineConfig } from './config/defineConfig'
export type { FieldIdOf, FormIdOf, PurposeIdOf } from './config/defineConfig'
export type { Config, ConfigInput } from './types'
