// The floor of the core's runtime: only what its dependencies cost when used at all (the
// smallest zod/mini object schema, a zustand store), without a line of Trickle.
import * as z from 'zod/mini'

export { createStore } from 'zustand/vanilla'
export const schema = z.object({ email: z.string() })
