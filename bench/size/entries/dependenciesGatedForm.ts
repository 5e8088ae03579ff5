// The floor of the complete gated form: only what its dependencies cost when an app uses them
// at all (react-hook-form's useForm, the smallest zod/mini object schema, a zustand store),
// without a line of Trickle. The size targets are compared with it.
import * as z from 'zod/mini'

export { useForm } from 'react-hook-form'
export { createStore } from 'zustand/vanilla'
export const schema = z.object({ email: z.string() })
