import Form from '@rjsf/core'
import type { RJSFSchema } from '@rjsf/utils'
import validator from '@rjsf/validator-ajv8'
import { createRoot } from 'react-dom/client'
import { peerSchema } from './peerSchema'
import { mountPoint } from './mountPoint'

// react-jsonschema-form: the core theme with the ajv8 validator.
createRoot(mountPoint()).render(<Form schema={peerSchema as RJSFSchema} validator={validator} />)
