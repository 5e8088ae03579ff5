import { describe, expect, it } from 'vitest'
import { configSchema } from '../../src/config/configSchema'
import { emptyProfile } from '../../src/profile/emptyProfile'
import { planVisit } from '../../src/plan/planVisit'
import { submissionSchema } from '../../src/plan/submissionSchema'
import type { VisitPlan } from '../../src/types'
import fixture from '../fixtures/b2b-whitepaper.json'

const now = new Date('2025-06-01T00:00:00.000Z')
const whitepaper = configSchema.parse(fixture)
const firstPlan = planVisit(whitepaper, emptyProfile('v'), { formId: 'whitepaper', now })

const catalogue = configSchema.parse({
  version: 1,
  locales: ['en', 'de'],
  purposes: [{ id: 'delivery', basis: 'contract', label: 'Delivery' }],
  fields: [
    { id: 'email', type: 'email', label: 'E-mail', purposes: ['delivery'] },
    { id: 'phone', type: 'tel', label: 'Phone', purposes: ['delivery'], required: false },
    { id: 'website', type: 'url', label: 'Website', purposes: ['delivery'], required: false },
    {
      id: 'employees',
      type: 'number',
      label: 'Employees',
      purposes: ['delivery'],
      min: 1,
      max: 500000,
      required: false,
    },
    {
      id: 'role',
      type: 'select',
      label: 'Role',
      purposes: ['delivery'],
      options: [
        { value: 'it', label: 'IT' },
        { value: 'hr', label: 'HR' },
      ],
      required: false,
    },
    {
      id: 'size',
      type: 'radio',
      label: 'Size',
      purposes: ['delivery'],
      options: [{ value: 'small', label: 'Small' }],
      required: false,
    },
    {
      id: 'topics',
      type: 'multiselect',
      label: 'Topics',
      purposes: ['delivery'],
      options: [
        { value: 'crm', label: 'CRM' },
        { value: 'erp', label: 'ERP' },
      ],
      required: false,
    },
    { id: 'demo', type: 'checkbox', label: 'Demo?', purposes: ['delivery'], required: false },
    { id: 'country', type: 'country', label: 'Country', purposes: ['delivery'], required: false },
    {
      id: 'vat',
      type: 'text',
      label: 'VAT id',
      purposes: ['delivery'],
      pattern: '[A-Z]{2}[0-9]{5,12}',
      required: false,
    },
    {
      id: 'note',
      type: 'textarea',
      label: 'Note',
      purposes: ['delivery'],
      minLength: 3,
      maxLength: 10,
      required: false,
    },
  ],
  forms: [
    {
      id: 'all',
      always: ['email'],
      sequence: [
        'phone',
        'website',
        'employees',
        'role',
        'size',
        'topics',
        'demo',
        'country',
        'vat',
        'note',
      ],
      perVisit: 10,
    },
  ],
})
const allPlan = planVisit(catalogue, emptyProfile('v'), { formId: 'all', now })
const schema = submissionSchema(catalogue, allPlan, 'en')

/** The code and message of the one issue of a single-field input. */
function issue(values: Record<string, unknown>, plan: VisitPlan = allPlan, locale = 'en') {
  const result = submissionSchema(
    plan === allPlan ? catalogue : whitepaper,
    plan,
    locale,
  ).safeParse(values)
  const [first] = result.error?.issues ?? []
  return (
    first && {
      path: first.path,
      code: (first as { params?: { code?: string } }).params?.code,
      message: first.message,
    }
  )
}
const valid = (values: Record<string, unknown>) =>
  schema.parse({ email: 'ada@example.com', ...values })

describe('submissionSchema', () => {
  it('validates exactly the planned fields: a hidden required field never blocks', () => {
    // jobRole is required but not planned on the first visit.
    const result = submissionSchema(whitepaper, firstPlan, 'en').safeParse({
      email: ' ada@example.com ',
      firstName: ' Ada ',
      lastName: 'Lovelace',
      company: 'Analytical Engines',
    })
    expect(result.data).toEqual({
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      company: 'Analytical Engines',
    })
  })

  it('rejects a key that was not planned', () => {
    const result = submissionSchema(whitepaper, firstPlan).safeParse({
      email: 'ada@example.com',
      firstName: 'Ada',
      lastName: 'Lovelace',
      company: 'AE',
      jobRole: 'head',
    })
    expect(result.success).toBe(false)
    expect(result.error?.issues[0]).toMatchObject({ code: 'unrecognized_keys', keys: ['jobRole'] })
  })

  it('requires required fields, in English or German', () => {
    expect(
      issue({ email: '  ', firstName: 'Ada', lastName: 'L', company: 'AE' }, firstPlan),
    ).toEqual({
      path: ['email'],
      code: 'required',
      message: 'Please fill in this field.',
    })
    expect(issue({ firstName: 'Ada', lastName: 'L', company: 'AE' }, firstPlan, 'de')).toEqual({
      path: ['email'],
      code: 'required',
      message: 'Bitte füllen Sie dieses Feld aus.',
    })
  })

  it('uses the config’s first locale by default', () => {
    const result = submissionSchema(whitepaper, firstPlan).safeParse({})
    expect(result.error?.issues[0]?.message).toBe('Bitte füllen Sie dieses Feld aus.')
  })

  it('leaves optional fields empty as undefined (recorded as declined)', () => {
    const data = valid({ phone: '', website: '   ', employees: Number.NaN, topics: [], demo: null })
    expect(data).toEqual({ email: 'ada@example.com' })
  })

  it('checks e-mail addresses', () => {
    expect(valid({ email: ' Ada.Lovelace+news@firma-ä.de ' }).email).toBe(
      'Ada.Lovelace+news@firma-ä.de',
    )
    for (const email of [
      'ada',
      'ada@',
      '@example.com',
      'ada@example',
      'a da@example.com',
      'ada..x@example.com',
    ]) {
      expect(issue({ email })).toMatchObject({ path: ['email'], code: 'invalid-email' })
    }
    expect(issue({ email: `${'a'.repeat(250)}@example.com` })).toMatchObject({ code: 'too-long' })
  })

  it('checks phone numbers', () => {
    expect(valid({ phone: '+49 (30) 123-4567' }).phone).toBe('+49 (30) 123-4567')
    for (const phone of ['call me', '123', '+49 30 1234567890123456', '030/123 ABC']) {
      expect(issue({ email: 'a@b.de', phone })).toMatchObject({ code: 'invalid-tel' })
    }
  })

  it('checks web addresses and adds https:// when no scheme is given', () => {
    expect(valid({ website: 'www.example.com' }).website).toBe('https://www.example.com')
    expect(valid({ website: 'http://example.com/a?b=1' }).website).toBe('http://example.com/a?b=1')
    for (const website of ['ftp://example.com', 'javascript:alert(1)', 'localhost', 'https://']) {
      expect(issue({ email: 'a@b.de', website })).toMatchObject({ code: 'invalid-url' })
    }
  })

  it('checks numbers and their range, also typed as text', () => {
    expect(valid({ employees: '250' }).employees).toBe(250)
    expect(valid({ employees: 12.5 }).employees).toBe(12.5)
    expect(issue({ email: 'a@b.de', employees: 0 })).toMatchObject({
      code: 'too-small',
      message: 'Please enter a number of at least 1.',
    })
    expect(issue({ email: 'a@b.de', employees: 600000 })).toMatchObject({ code: 'too-large' })
    expect(issue({ email: 'a@b.de', employees: '12 people' })).toMatchObject({
      code: 'invalid-number',
    })
    expect(issue({ email: 'a@b.de', employees: '0x10' })).toMatchObject({ code: 'invalid-number' })
    expect(issue({ email: 'a@b.de', employees: Number.POSITIVE_INFINITY })).toMatchObject({
      code: 'invalid-number',
    })
  })

  it('accepts only offered options', () => {
    expect(valid({ role: 'it', size: 'small' })).toMatchObject({ role: 'it', size: 'small' })
    expect(issue({ email: 'a@b.de', role: 'ceo' })).toMatchObject({ code: 'invalid-option' })
    expect(issue({ email: 'a@b.de', size: 'toString' })).toMatchObject({ code: 'invalid-option' })
  })

  it('accepts multiselect arrays of options, without duplicates', () => {
    expect(valid({ topics: ['erp', 'crm', 'erp'] }).topics).toEqual(['erp', 'crm'])
    expect(valid({ topics: 'crm' }).topics).toEqual(['crm'])
    expect(issue({ email: 'a@b.de', topics: ['crm', 'hr'] })).toMatchObject({
      code: 'invalid-option',
    })
    expect(issue({ email: 'a@b.de', topics: [1] })).toMatchObject({ code: 'invalid-type' })
  })

  it('takes checkboxes as booleans', () => {
    expect(valid({ demo: false }).demo).toBe(false)
    expect(valid({ demo: true }).demo).toBe(true)
    expect(issue({ email: 'a@b.de', demo: 'true' })).toMatchObject({ code: 'invalid-type' })
  })

  it('requires a required checkbox to be ticked, like HTML’s required', () => {
    const terms = configSchema.parse({
      version: 1,
      locales: ['en', 'de'],
      purposes: [{ id: 'delivery', basis: 'contract', label: 'Delivery' }],
      fields: [{ id: 'terms', type: 'checkbox', label: 'Terms', purposes: ['delivery'] }],
      forms: [{ id: 'f', always: ['terms'] }],
    })
    const plan = planVisit(terms, emptyProfile('v'), { formId: 'f', now })
    const termsSchema = (locale: string) => submissionSchema(terms, plan, locale)
    expect(termsSchema('en').parse({ terms: true })).toEqual({ terms: true })
    for (const unticked of [false, undefined, null]) {
      const [first] = termsSchema('en').safeParse({ terms: unticked }).error?.issues ?? []
      expect(first).toMatchObject({
        path: ['terms'],
        params: { code: 'required' },
        message: 'Please fill in this field.',
      })
    }
    expect(termsSchema('de').safeParse({ terms: false }).error?.issues[0]?.message).toBe(
      'Bitte füllen Sie dieses Feld aus.',
    )
  })

  it('takes countries as ISO 3166-1 alpha-2 codes', () => {
    expect(valid({ country: ' de ' }).country).toBe('DE')
    for (const country of ['XX', 'Germany', 'DEU', 'EU']) {
      expect(issue({ email: 'a@b.de', country })).toMatchObject({ code: 'invalid-country' })
    }
  })

  it('checks lengths and patterns against the whole trimmed answer', () => {
    expect(valid({ vat: 'DE123456789', note: ' abc ' })).toMatchObject({
      vat: 'DE123456789',
      note: 'abc',
    })
    expect(issue({ email: 'a@b.de', vat: 'xDE123456789' })).toMatchObject({
      code: 'invalid-format',
    })
    expect(issue({ email: 'a@b.de', vat: 'DE123456789x' })).toMatchObject({
      code: 'invalid-format',
    })
    expect(issue({ email: 'a@b.de', note: 'ab' })).toMatchObject({
      code: 'too-short',
      message: 'Please enter at least 3 characters.',
    })
    expect(issue({ email: 'a@b.de', note: 'abcdefghijk' }, allPlan, 'de')).toMatchObject({
      code: 'too-long',
      message: 'Bitte geben Sie höchstens 10 Zeichen ein.',
    })
  })

  it('rejects values of the wrong type instead of coercing them', () => {
    expect(issue({ email: 42 })).toMatchObject({ code: 'invalid-type' })
    expect(issue({ email: 'a@b.de', role: { value: 'it' } })).toMatchObject({
      code: 'invalid-type',
    })
  })

  it('evaluates patterns with the engine it is given (the server passes a linear-time one)', () => {
    const compiled: string[] = []
    const answers: string[] = []
    // An engine with its own verdict, so the result shows which engine decided.
    const engine = (source: string) => {
      compiled.push(source)
      return {
        test: (text: string) => {
          answers.push(text)
          return text === 'engine-says-yes'
        },
      }
    }
    const schema = submissionSchema(catalogue, allPlan, 'en', { compilePattern: engine })
    expect(compiled).toEqual(['^(?:[A-Z]{2}[0-9]{5,12})$'])
    expect(schema.safeParse({ email: 'a@b.de', vat: 'engine-says-yes' }).success).toBe(true)
    const refused = schema.safeParse({ email: 'a@b.de', vat: 'DE123456789' })
    expect(refused.error?.issues[0]).toMatchObject({ params: { code: 'invalid-format' } })
    expect(answers).toEqual(['engine-says-yes', 'DE123456789'])
  })

  it('reports a pattern the given engine cannot compile when the schema is built', () => {
    const engine = (): never => {
      throw new Error('unsupported')
    }
    expect(() => submissionSchema(catalogue, allPlan, 'en', { compilePattern: engine })).toThrow(
      /pattern of field "vat" is not a valid regular expression/,
    )
  })

  it('reports a pattern that is not a regular expression when the schema is built', () => {
    const broken = configSchema.parse({
      ...catalogue,
      fields: catalogue.fields.map((f) => (f.id === 'vat' ? { ...f, pattern: '[A-Z' } : f)),
    })
    const plan = planVisit(broken, emptyProfile('v'), { formId: 'all', now })
    expect(() => submissionSchema(broken, plan)).toThrow(
      /pattern of field "vat" is not a valid regular expression/,
    )
  })
})
