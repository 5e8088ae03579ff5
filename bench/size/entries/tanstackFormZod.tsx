import { createRoot } from 'react-dom/client'
import * as z from 'zod'
import { TanstackForm } from './tanstackFormFields'
import { mountPoint } from './mountPoint'

// TanStack Form validated with full zod, imported as the zod 4 documentation writes it.
createRoot(mountPoint()).render(
  <TanstackForm
    schemas={{
      email: z.email(),
      firstName: z.string().min(1),
      company: z.string().min(1),
      companySize: z.enum(['small', 'medium', 'large']),
    }}
  />,
)
