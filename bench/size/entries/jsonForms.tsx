import { JsonForms } from '@jsonforms/react'
import { vanillaCells, vanillaRenderers } from '@jsonforms/vanilla-renderers'
import { useState } from 'react'
import { createRoot } from 'react-dom/client'
import { peerSchema } from './peerSchema'
import { mountPoint } from './mountPoint'

// JSON Forms with the vanilla renderers (it validates with ajv inside @jsonforms/core).
function App() {
  const [data, setData] = useState<unknown>({})
  return (
    <JsonForms
      schema={peerSchema as never}
      data={data}
      renderers={vanillaRenderers}
      cells={vanillaCells}
      onChange={(event) => setData(event.data)}
    />
  )
}

createRoot(mountPoint()).render(<App />)
