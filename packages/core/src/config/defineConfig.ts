import type * as z from 'zod/mini'
import type { ConfigInput, fieldSchema, formSchema, purposeSchema } from './configSchema'

/** `T`, with every property that `Shape` does not have turned into an error. */
type NoExtraKeys<T, Shape> = T & { [K in Exclude<keyof T, keyof Shape>]: never }
type NoExtraKeysEach<T, Shape> = { [I in keyof T]: NoExtraKeys<T[I], Shape> }

/** The ids a config defines: literal unions when written with `defineConfig`, else `string`. */
type FieldIds<T extends ConfigInput> = T['fields'][number]['id']
type PurposeIds<T extends ConfigInput> = T['purposes'][number]['id']

/** Each element of `List` without unknown properties and with `References` (a homomorphic map). */
type CheckEach<List, Shape, References> = {
  [I in keyof List]: NoExtraKeys<List[I], Shape> & References
}

/**
 * Rejects unknown properties (`perVist`) at the top level and in purposes, fields and forms,
 * which inference alone would let through, and references to ids the config does not define:
 * a field's `purposes`, a form's `always`, `sequence` and `offerConsents`.
 */
type StrictConfig<T extends ConfigInput> = NoExtraKeys<T, ConfigInput> & {
  purposes: NoExtraKeysEach<T['purposes'], z.input<typeof purposeSchema>>
  fields: CheckEach<
    T['fields'],
    z.input<typeof fieldSchema>,
    { purposes: readonly PurposeIds<T>[] }
  >
  forms: CheckEach<
    T['forms'],
    z.input<typeof formSchema>,
    {
      always?: readonly FieldIds<T>[]
      sequence?: readonly FieldIds<T>[]
      offerConsents?: readonly PurposeIds<T>[]
    }
  >
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
