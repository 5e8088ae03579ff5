// The floor of the complete gated form: only what its dependencies cost when an app uses them
// at all (the smallest zod/mini object schema, a zustand store; React is the app's), without a
// line of Trickle. The form state is the core session's own, so no form library is part of it.
// The size targets are compared with it.
import * as z from 'zod/mini'

export { createStore } from 'zustand/vanilla'
export const schema = z.object({ email: z.string() })
