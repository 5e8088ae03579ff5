import type { Config, Field, Form, Purpose } from '../types'

/** Fields, purposes and forms of a config by id, for constant-time lookups. */
export interface ConfigIndex {
  fields: ReadonlyMap<string, Field>
  purposes: ReadonlyMap<string, Purpose>
  forms: ReadonlyMap<string, Form>
}

const cache = new WeakMap<Config, ConfigIndex>()

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>()
  // The first occurrence wins; parseConfig reports duplicates at the second one.
  for (const item of items) if (!map.has(item.id)) map.set(item.id, item)
  return map
}

/**
 * The index of a config, built once per config object and kept as long as the config lives
 * (a WeakMap). Configs are treated as immutable: build a new object instead of editing one.
 * Maps, not plain objects, so no id can ever reach `Object.prototype`.
 */
export function configIndex(config: Config): ConfigIndex {
  let index = cache.get(config)
  if (index === undefined) {
    index = {
      fields: byId(config.fields),
      purposes: byId(config.purposes),
      forms: byId(config.forms),
    }
    cache.set(config, index)
  }
  return index
}

/**
 * Throws the TypeError of an API call with an id the config does not define, e.g.
 * `planVisit: unknown form "whitepapr". Known forms: "whitepaper", "checklist".`
 */
export function throwUnknownId(
  caller: string,
  kind: string,
  id: string,
  known: readonly { id: string }[],
): never {
  const ids = known.map((item) => JSON.stringify(item.id)).join(', ') || '(none)'
  throw new TypeError(`${caller}: unknown ${kind} ${JSON.stringify(id)}. Known ${kind}s: ${ids}.`)
}
