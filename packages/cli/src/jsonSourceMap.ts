/**
 * The position-tracking JSON parser lives in `@trickle/core/config` (the studio's editor uses
 * it too); the CLI re-exports it under the names it always had.
 */
export { locatePointer, parseJsonWithPointers } from '@trickle/core/config'
export type { JsonSourceMapResult, SourceLocation, SourcePosition } from '@trickle/core/config'
