import { defineConfig } from '@trickle/core'
import type { ComponentProps } from 'react'
import { expectTypeOf, test } from 'vitest'
import type { GatedDownload, ProgressiveForm, useProgressiveForm } from '../src/index'

/** The forms the package's tests use, registered so their form ids are checked. */
const testConfig = defineConfig({
  version: 1,
  purposes: [{ id: 'delivery', basis: 'contract', label: 'Sending you the download' }],
  fields: [{ id: 'email', type: 'email', label: 'E-mail', purposes: ['delivery'] }],
  forms: [
    { id: 'whitepaper', always: ['email'] },
    { id: 'checklist', always: ['email'] },
    { id: 'contact', always: ['email'] },
  ],
})

declare module '../src/index' {
  interface Register {
    config: typeof testConfig
  }
}

test('with a registered config, form ids are the config forms: a typo is a type error', () => {
  type Ids = 'whitepaper' | 'checklist' | 'contact'
  expectTypeOf(testConfig.forms[0].id).toEqualTypeOf<'whitepaper'>()
  expectTypeOf<ComponentProps<typeof GatedDownload>['formId']>().toEqualTypeOf<Ids>()
  expectTypeOf<ComponentProps<typeof ProgressiveForm>['formId']>().toEqualTypeOf<Ids>()
  expectTypeOf<typeof useProgressiveForm>().parameter(0).toEqualTypeOf<Ids>()
  expectTypeOf<typeof useProgressiveForm>().toBeCallableWith('whitepaper')
  // @ts-expect-error: "ebok" is not a form of the registered config.
  expectTypeOf<typeof useProgressiveForm>().toBeCallableWith('ebok')
})
