import Form from '@rjsf/core'
import type { RJSFSchema } from '@rjsf/utils'
import validator from '@rjsf/validator-ajv8'
import { createRoot } from 'react-dom/client'
import { peerSchema } from './peerSchema'

// react-jsonschema-form: the core theme with the ajv8 validator.
createRoot(document.getElementById('root')!).render(
  <Form schema={peerSchema as RJSFSchema} validator={validator} />,
)
