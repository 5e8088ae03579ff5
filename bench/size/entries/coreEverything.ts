// Everything @trickle/core exports, with parseConfig and the JSON Schema generator.
export * from '@trickle/core'
