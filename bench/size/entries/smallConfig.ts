import type { Config } from '@trickle/core'

/**
 * The form every size entry renders: an e-mail address and three profile fields. A parsed config
 * (defaults filled in), as an app ships it after validating it at build time with the CLI.
 */
export const smallConfig: Config = {
  version: 1,
  locales: ['en'],
  purposes: [
    {
      id: 'delivery',
      basis: 'contract',
      label: 'Send you the download',
      version: 1,
      doubleOptIn: false,
    },
  ],
  fields: [
    {
      id: 'email',
      type: 'email',
      label: 'Business e-mail',
      purposes: ['delivery'],
      required: true,
      sensitive: false,
    },
    {
      id: 'firstName',
      type: 'text',
      label: 'First name',
      purposes: ['delivery'],
      required: true,
      sensitive: false,
    },
    {
      id: 'company',
      type: 'text',
      label: 'Company',
      purposes: ['delivery'],
      required: true,
      sensitive: false,
    },
    {
      id: 'companySize',
      type: 'select',
      label: 'Company size',
      purposes: ['delivery'],
      required: true,
      sensitive: false,
      options: [
        { value: 'small', label: '1-49' },
        { value: 'medium', label: '50-499' },
        { value: 'large', label: '500+' },
      ],
    },
  ],
  forms: [
    {
      id: 'whitepaper',
      always: ['email'],
      sequence: ['firstName', 'company', 'companySize'],
      perVisit: 3,
      offerConsents: [],
      openGate: true,
    },
  ],
}
