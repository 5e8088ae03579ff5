import type { ConfigInput, FormIdOf } from '@trickle/core'

/**
 * Register the type of a config written with `defineConfig`, and every `formId` is checked
 * against its forms (`formId="ebok"` becomes a type error):
 *
 * ```ts
 * declare module '@trickle/react' {
 *   interface Register {
 *     config: typeof config
 *   }
 * }
 * ```
 *
 * Without a registration (e.g. a config imported from JSON) form ids are strings.
 */
// Empty on purpose: apps add `config` by declaration merging.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface Register {}

/** The form ids of the registered config, or `string` when none is registered. */
export type FormId = Register extends { config: infer C extends ConfigInput } ? FormIdOf<C> : string
