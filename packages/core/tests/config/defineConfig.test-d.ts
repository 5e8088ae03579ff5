import { describe, expectTypeOf, it } from 'vitest'
import {
  defineConfig,
  type FieldIdOf,
  type FormIdOf,
  type PurposeIdOf,
} from '../../src/config/defineConfig'
import type { ConfigInput } from '../../src/config/configSchema'

const config = defineConfig({
  version: 1,
  purposes: [
    { id: 'delivery', basis: 'contract', label: 'Sending you the download' },
    { id: 'newsletter', basis: 'consent', label: 'Newsletter', text: 'Yes, send it.' },
  ],
  fields: [
    { id: 'email', type: 'email', label: 'E-mail', purposes: ['delivery'] },
    { id: 'company', type: 'text', label: 'Company', purposes: ['delivery'] },
  ],
  forms: [{ id: 'whitepaper', always: ['email'], sequence: ['company'] }],
})

describe('defineConfig', () => {
  it('keeps field, purpose and form ids as literal types', () => {
    expectTypeOf<FieldIdOf<typeof config>>().toEqualTypeOf<'email' | 'company'>()
    expectTypeOf<PurposeIdOf<typeof config>>().toEqualTypeOf<'delivery' | 'newsletter'>()
    expectTypeOf<FormIdOf<typeof config>>().toEqualTypeOf<'whitepaper'>()
    expectTypeOf(config.fields[0].id).toEqualTypeOf<'email'>()
  })

  it('returns something usable as a ConfigInput', () => {
    expectTypeOf(config).toExtend<ConfigInput>()
  })

  it('rejects unknown properties and wrong values', () => {
    defineConfig({
      version: 1,
      purposes: [],
      fields: [],
      forms: [
        {
          id: 'whitepaper',
          // @ts-expect-error: "perVist" is not a form property.
          perVist: 2,
        },
      ],
    })
    defineConfig({
      version: 1,
      // @ts-expect-error: "form" is not a config property (it is "forms").
      form: [],
      purposes: [],
      fields: [],
      forms: [],
    })
    defineConfig({
      version: 1,
      purposes: [],
      fields: [
        {
          id: 'company',
          // @ts-expect-error: "selct" is not a field type.
          type: 'selct',
          label: 'Company',
          purposes: ['delivery'],
        },
      ],
      forms: [],
    })
  })
})

describe('defineConfig references', () => {
  it('rejects a field purpose, a form field or an offered consent the config does not define', () => {
    const purposes = [
      { id: 'delivery', basis: 'contract', label: 'Sending you the download' },
      { id: 'newsletter', basis: 'consent', label: 'Newsletter', text: 'Yes, send it.' },
    ] as const
    defineConfig({
      version: 1,
      purposes: [...purposes],
      fields: [
        // @ts-expect-error: "delivry" is not a purpose of this config.
        { id: 'email', type: 'email', label: 'E-mail', purposes: ['delivry'] },
      ],
      forms: [],
    })
    defineConfig({
      version: 1,
      purposes: [...purposes],
      fields: [{ id: 'email', type: 'email', label: 'E-mail', purposes: ['delivery'] }],
      forms: [
        // @ts-expect-error: "emial" is not a field of this config.
        { id: 'whitepaper', always: ['emial'] },
      ],
    })
    defineConfig({
      version: 1,
      purposes: [...purposes],
      fields: [{ id: 'email', type: 'email', label: 'E-mail', purposes: ['delivery'] }],
      forms: [
        // @ts-expect-error: "newsleter" is not a purpose of this config.
        { id: 'whitepaper', always: ['email'], offerConsents: ['newsleter'] },
      ],
    })
    const valid = defineConfig({
      version: 1,
      purposes: [...purposes],
      fields: [{ id: 'email', type: 'email', label: 'E-mail', purposes: ['delivery'] }],
      forms: [{ id: 'whitepaper', always: ['email'], sequence: [], offerConsents: ['newsletter'] }],
    })
    expectTypeOf(valid.forms[0].id).toEqualTypeOf<'whitepaper'>()
  })
})
