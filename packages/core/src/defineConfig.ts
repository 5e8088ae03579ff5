import type * as z from 'zod/mini'
import type { ConfigInput, fieldSchema, formSchema, purposeSchema } from './configSchema'

/** `T`, with every property that `Shape` does not have turned into an error. */
type NoExtraKeys<T, Shape> = T & { [K in Exclude<keyof T, keyof Shape>]: never }
type NoExtraKeysEach<T, Shape> = { [I in keyof T]: NoExtraKeys<T[I], Shape> }

/**
 * Rejects unknown properties (`perVist`) at the top level and in purposes, fields and forms,
 * which inference alone would let through.
 */
type StrictConfig<T extends ConfigInput> = NoExtraKeys<T, ConfigInput> & {
  purposes: NoExtraKeysEach<T['purposes'], z.input<typeof purposeSchema>>
  fields: NoExtraKeysEach<T['fields'], z.input<typeof fieldSchema>>
  forms: NoExtraKeysEach<T['forms'], z.input<typeof formSchema>>
}

/**
 * Writes a config in TypeScript with autocompletion and type checks. Returns the config
 * unchanged (it is not validated: pass it to `parseConfig` or `assertConfig` for that); the ids
 * of fields, purposes and forms keep their literal types for `FieldIdOf` and friends.
 */
export function defineConfig<const T extends ConfigInput>(config: StrictConfig<T>): T {
  return config
}

/** The field ids of a config written with `defineConfig`, e.g. `'email' | 'company'`. */
export type FieldIdOf<T extends ConfigInput> = T['fields'][number]['id']

/** The purpose ids of a config written with `defineConfig`. */
export type PurposeIdOf<T extends ConfigInput> = T['purposes'][number]['id']

/** The form ids of a config written with `defineConfig`. */
export type FormIdOf<T extends ConfigInput> = T['forms'][number]['id']
