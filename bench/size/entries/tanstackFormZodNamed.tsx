import { createRoot } from 'react-dom/client'
import { z } from 'zod'
import { TanstackForm } from './tanstackFormFields'
import { mountPoint } from './mountPoint'

// TanStack Form with full zod through the named `z` export, as most existing code imports it.
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
