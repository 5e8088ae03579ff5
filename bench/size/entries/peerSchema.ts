/**
 * The same four fields as smallConfig.ts, as JSON Schema, for the peers that read JSON Schema
 * (RJSF, JSON Forms).
 */
export const peerSchema = {
  type: 'object',
  required: ['email', 'firstName', 'company', 'companySize'],
  properties: {
    email: { type: 'string', format: 'email', title: 'Business e-mail' },
    firstName: { type: 'string', title: 'First name' },
    company: { type: 'string', title: 'Company' },
    companySize: {
      type: 'string',
      title: 'Company size',
      oneOf: [
        { const: 'small', title: '1-49' },
        { const: 'medium', title: '50-499' },
        { const: 'large', title: '500+' },
      ],
    },
  },
}
