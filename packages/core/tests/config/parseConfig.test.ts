import { describe, expect, it } from 'vitest'
import { configSchema } from '../../src/config/configSchema'
import { parseConfig } from '../../src/config/parseConfig'
import { fixtureWith, issuesOf, where, type Edit } from '../configTestKit'
import fixture from '../fixtures/b2b-whitepaper.json'

describe('parseConfig: the fixture', () => {
  it('parses the B2B whitepaper config with no issue and no warning, defaults filled in', () => {
    const result = parseConfig(fixture)
    expect(issuesOf(result)).toEqual([])
    expect(result.warnings).toEqual([])
    expect(result.ok && result.config.forms[1]?.openGate).toBe(true)
    expect(result.ok && result.config.purposes[0]?.version).toBe(1)
  })
})

interface BrokenCase {
  name: string
  edits: Edit[]
  /** Every issue, in order: [JSON Pointer into the input, code]. */
  issues: [string, string][]
  suggestion?: string
}

const broken: BrokenCase[] = [
  {
    name: 'a typo in a form property',
    edits: [{ set: '/forms/0/perVist', to: 2 }],
    issues: [['/forms/0/perVist', 'unknown-property']],
    suggestion: 'perVisit',
  },
  {
    name: 'an unknown top-level property',
    edits: [{ set: '/form', to: [] }],
    issues: [['/form', 'unknown-property']],
    suggestion: 'forms',
  },
  {
    name: 'a missing version',
    edits: [{ remove: '/version' }],
    issues: [['', 'missing-property']],
  },
  {
    name: 'an unsupported version',
    edits: [{ set: '/version', to: 2 }],
    issues: [['/version', 'invalid-value']],
  },
  {
    name: 'a misspelled field type',
    edits: [{ set: '/fields/0/type', to: 'emial' }],
    issues: [['/fields/0/type', 'invalid-value']],
    suggestion: 'email',
  },
  {
    name: 'a misspelled legal basis',
    edits: [{ set: '/purposes/1/basis', to: 'concent' }],
    issues: [['/purposes/1/basis', 'invalid-value']],
    suggestion: 'consent',
  },
  {
    name: 'a purpose without its required basis',
    edits: [{ remove: '/purposes/0/basis' }],
    issues: [['/purposes/0', 'missing-property']],
  },
  {
    name: 'a duplicate field id (reported at the second one)',
    edits: [{ push: '/fields', value: { ...fixture.fields[3], label: 'Organisation' } }],
    issues: [['/fields/9/id', 'duplicate-id']],
  },
  {
    name: 'a duplicate purpose id',
    edits: [{ set: '/purposes/3/id', to: 'sales' }],
    issues: [
      ['/purposes/3/id', 'duplicate-id'],
      // firstName, lastName... serve "personalisation", which no longer exists.
      ['/fields/1/purposes/0', 'unknown-purpose'],
      ['/fields/2/purposes/0', 'unknown-purpose'],
      ['/fields/3/purposes/0', 'unknown-purpose'],
      ['/fields/4/purposes/0', 'unknown-purpose'],
      ['/fields/5/purposes/0', 'unknown-purpose'],
      ['/fields/6/purposes/0', 'unknown-purpose'],
    ],
  },
  {
    name: 'a duplicate form id',
    edits: [{ set: '/forms/1/id', to: 'whitepaper' }],
    issues: [['/forms/1/id', 'duplicate-id']],
  },
  {
    name: 'a reserved id',
    edits: [
      { set: '/fields/8/id', to: 'constructor' },
      { set: '/forms/0/sequence/7', to: 'constructor' },
    ],
    issues: [
      ['/fields/8/id', 'reserved-id'],
      ['/forms/0/sequence/7', 'reserved-id'],
    ],
  },
  {
    name: 'a reserved purpose id next to an unrelated unknown purpose (neither hides the other)',
    edits: [
      { push: '/purposes', value: { id: 'constructor', basis: 'contract', label: 'Tailoring' } },
      { set: '/fields/1/purposes/0', to: 'tailr' },
    ],
    issues: [
      ['/purposes/4/id', 'reserved-id'],
      ['/fields/1/purposes/0', 'unknown-purpose'],
    ],
  },
  {
    name: 'a malformed field id next to an unrelated unknown field (neither hides the other)',
    edits: [
      { set: '/fields/2/id', to: 'last name' },
      { set: '/forms/0/sequence/3', to: 'jobRol' },
      { set: '/fields/7/askIf', to: { field: 'compnay', known: true } },
    ],
    issues: [
      ['/fields/2/id', 'invalid-id'],
      ['/fields/7/askIf/field', 'unknown-field'],
      ['/forms/0/sequence/3', 'unknown-field'],
    ],
  },
  {
    name: 'an id with a space',
    edits: [{ set: '/forms/1/id', to: 'check list' }],
    issues: [['/forms/1/id', 'invalid-id']],
  },
  {
    name: 'an unknown field in a sequence',
    edits: [{ set: '/forms/0/sequence/3', to: 'jobRol' }],
    issues: [['/forms/0/sequence/3', 'unknown-field']],
    suggestion: 'jobRole',
  },
  {
    name: 'an unknown field in always',
    edits: [{ set: '/forms/1/always/0', to: 'mail' }],
    issues: [['/forms/1/always/0', 'unknown-field']],
    suggestion: 'email',
  },
  {
    name: 'an unknown field inside a nested askIf',
    edits: [
      {
        set: '/fields/7/askIf',
        to: {
          all: [{ field: 'jobRole', known: true }, { not: { field: 'compnay', known: true } }],
        },
      },
    ],
    issues: [['/fields/7/askIf/all/1/not/field', 'unknown-field']],
    suggestion: 'company',
  },
  {
    name: 'an unknown purpose of a field',
    edits: [{ set: '/fields/0/purposes/0', to: 'delivry' }],
    issues: [['/fields/0/purposes/0', 'unknown-purpose']],
    suggestion: 'delivery',
  },
  {
    name: 'an unknown purpose in offerConsents',
    edits: [{ set: '/forms/0/offerConsents/0', to: 'newsleter' }],
    issues: [['/forms/0/offerConsents/0', 'unknown-purpose']],
    suggestion: 'newsletter',
  },
  {
    name: 'an unknown purpose in a consented condition',
    edits: [{ set: '/fields/7/askIf', to: { consented: 'sale' } }],
    issues: [['/fields/7/askIf/consented', 'unknown-purpose']],
    suggestion: 'sales',
  },
  {
    name: 'a consent offered for a purpose that needs none',
    edits: [{ push: '/forms/1/offerConsents', value: 'delivery' }],
    issues: [['/forms/1/offerConsents/1', 'not-a-consent-purpose']],
  },
  {
    name: 'a field twice in a sequence',
    edits: [{ push: '/forms/1/sequence', value: 'company' }],
    issues: [['/forms/1/sequence/4', 'field-twice-in-form']],
  },
  {
    name: 'a field in both always and sequence',
    edits: [{ push: '/forms/1/sequence', value: 'email' }],
    issues: [['/forms/1/sequence/4', 'field-twice-in-form']],
  },
  {
    name: 'an askIf that depends on its own field',
    edits: [{ set: '/fields/7/askIf', to: { field: 'budget', known: false } }],
    issues: [['/fields/7/askIf/field', 'condition-self-reference']],
  },
  {
    name: 'an askIf cycle (reported at the reference closing it)',
    edits: [{ set: '/fields/6/askIf', to: { not: { field: 'budget', known: true } } }],
    issues: [['/fields/7/askIf/field', 'condition-cycle']],
  },
  {
    name: 'a consent purpose without a text',
    edits: [{ remove: '/purposes/2/text' }],
    issues: [['/purposes/2', 'missing-consent-text']],
  },
  {
    name: 'a consent text missing a configured locale',
    edits: [{ remove: '/purposes/1/text/en' }],
    issues: [['/purposes/1/text', 'missing-consent-text']],
  },
  {
    name: 'a text in a locale that is not configured',
    edits: [{ set: '/fields/0/label/fr', to: 'E-mail professionnel' }],
    issues: [['/fields/0/label/fr', 'unconfigured-locale']],
  },
  {
    name: 'requireVersion above version',
    edits: [{ set: '/purposes/1/requireVersion', to: 3 }],
    issues: [['/purposes/1/requireVersion', 'require-version-above-version']],
  },
  {
    name: 'a select without options',
    edits: [{ remove: '/fields/4/options' }],
    issues: [['/fields/4', 'missing-options']],
  },
  {
    name: 'a radio with an empty option list',
    edits: [{ set: '/fields/7/options', to: [] }],
    issues: [['/fields/7/options', 'missing-options']],
  },
  {
    name: 'duplicate option values',
    edits: [{ set: '/fields/5/options/3/value', to: '1-49' }],
    issues: [['/fields/5/options/3/value', 'duplicate-option']],
  },
  {
    name: 'perVisit above 20',
    edits: [{ set: '/forms/0/perVisit', to: 21 }],
    issues: [['/forms/0/perVisit', 'out-of-range']],
  },
  {
    name: 'perVisit below 0',
    edits: [{ set: '/forms/1/perVisit', to: -1 }],
    issues: [['/forms/1/perVisit', 'out-of-range']],
  },
  {
    name: 'a fractional perVisit',
    edits: [{ set: '/forms/1/perVisit', to: 2.5 }],
    issues: [['/forms/1/perVisit', 'not-integer']],
  },
  {
    name: 'a number written as a string',
    edits: [{ set: '/forms/1/perVisit', to: '2' }],
    issues: [['/forms/1/perVisit', 'wrong-type']],
  },
  {
    name: 'a pattern that does not compile',
    edits: [{ set: '/fields/3/pattern', to: '[A-Z' }],
    issues: [['/fields/3/pattern', 'invalid-pattern']],
  },
  {
    name: 'a lookahead in a pattern',
    edits: [{ set: '/fields/3/pattern', to: '(?=.*[0-9]).{8,}' }],
    issues: [['/fields/3/pattern', 'invalid-pattern']],
  },
  {
    name: 'a lookbehind in a pattern',
    edits: [{ set: '/fields/3/pattern', to: '(?<!x)y' }],
    issues: [['/fields/3/pattern', 'invalid-pattern']],
  },
  {
    name: 'a backreference in a pattern',
    edits: [{ set: '/fields/3/pattern', to: '([a-z])\\1' }],
    issues: [['/fields/3/pattern', 'invalid-pattern']],
  },
  {
    name: 'a named backreference in a pattern',
    edits: [{ set: '/fields/3/pattern', to: '(?<c>[a-z])\\k<c>' }],
    issues: [['/fields/3/pattern', 'invalid-pattern']],
  },
  {
    name: 'a \\u escape in a pattern',
    edits: [{ set: '/fields/3/pattern', to: '\\u0041+' }],
    issues: [['/fields/3/pattern', 'invalid-pattern']],
  },
  {
    name: 'a control escape in a pattern',
    edits: [{ set: '/fields/3/pattern', to: '\\cA' }],
    issues: [['/fields/3/pattern', 'invalid-pattern']],
  },
  {
    name: 'a backspace class in a pattern',
    edits: [{ set: '/fields/3/pattern', to: '[\\b]' }],
    issues: [['/fields/3/pattern', 'invalid-pattern']],
  },
  {
    name: 'an empty class in a pattern',
    edits: [{ set: '/fields/3/pattern', to: 'a[]' }],
    issues: [['/fields/3/pattern', 'invalid-pattern']],
  },
  {
    name: 'a match-anything class in a pattern',
    edits: [{ set: '/fields/3/pattern', to: '[^]+' }],
    issues: [['/fields/3/pattern', 'invalid-pattern']],
  },
  {
    name: 'a Unicode script property in a pattern',
    edits: [{ set: '/fields/3/pattern', to: '\\p{Script=Greek}+' }],
    issues: [['/fields/3/pattern', 'invalid-pattern']],
  },
  {
    name: 'a long-named Unicode property in a pattern',
    edits: [{ set: '/fields/3/pattern', to: '\\p{Letter}+' }],
    issues: [['/fields/3/pattern', 'invalid-pattern']],
  },
  {
    name: 'a repeat count above 1000 in a pattern',
    edits: [{ set: '/fields/3/pattern', to: 'a{2,1001}' }],
    issues: [['/fields/3/pattern', 'invalid-pattern']],
  },
  {
    name: 'a pattern longer than 200 characters',
    edits: [{ set: '/fields/3/pattern', to: 'a'.repeat(201) }],
    issues: [['/fields/3/pattern', 'too-long']],
  },
  {
    name: 'a condition that mixes "equals" and "in"',
    edits: [{ set: '/fields/7/askIf/equals', to: 'head' }],
    issues: [['/fields/7/askIf', 'invalid-condition']],
  },
  {
    name: 'a condition that mixes "all" and "any"',
    edits: [{ set: '/fields/7/askIf', to: { all: [{ consented: 'sales' }], any: [] } }],
    issues: [['/fields/7/askIf', 'invalid-condition']],
  },
  {
    name: 'a condition written as an expression string',
    edits: [{ set: '/fields/7/askIf', to: 'jobRole == "head"' }],
    issues: [['/fields/7/askIf', 'wrong-type']],
  },
  {
    name: 'a typo in a condition key',
    edits: [{ set: '/fields/7/askIf', to: { field: 'jobRole', equal: 'head' } }],
    issues: [['/fields/7/askIf/equal', 'unknown-property']],
    suggestion: 'equals',
  },
  {
    name: 'a condition value that is none of the options',
    edits: [{ set: '/fields/7/askIf/in/0', to: 'c-levl' }],
    issues: [['/fields/7/askIf/in/0', 'unknown-option']],
    suggestion: 'c-level',
  },
  {
    name: 'a badly written locale',
    edits: [{ set: '/locales/1', to: 'EN' }],
    issues: [['/locales/1', 'invalid-locale']],
    suggestion: 'en',
  },
  {
    name: 'a locale key with an underscore',
    edits: [{ set: '/fields/0/label/de_DE', to: 'E-Mail' }],
    issues: [['/fields/0/label/de_DE', 'invalid-locale']],
    suggestion: 'de-DE',
  },
  {
    name: 'a locale listed twice',
    edits: [{ push: '/locales', value: 'de' }],
    issues: [['/locales/2', 'duplicate-locale']],
  },
  {
    name: 'a text without any language',
    edits: [{ set: '/fields/0/label', to: {} }],
    issues: [['/fields/0/label', 'empty-text']],
  },
  {
    name: 'an empty label',
    edits: [{ set: '/fields/0/label', to: '' }],
    issues: [['/fields/0/label', 'too-short']],
  },
  {
    name: 'a field that serves no purpose',
    edits: [{ set: '/fields/1/purposes', to: [] }],
    issues: [['/fields/1/purposes', 'too-short']],
  },
  {
    name: 'the same purpose twice in a field',
    edits: [{ push: '/fields/0/purposes', value: 'delivery' }],
    issues: [['/fields/0/purposes/1', 'duplicate-reference']],
  },
  {
    name: 'minLength above maxLength',
    edits: [{ set: '/fields/1/minLength', to: 100 }],
    issues: [['/fields/1/minLength', 'min-above-max']],
  },
  {
    name: 'fields that are not a list',
    edits: [{ set: '/fields', to: { email: {} } }],
    issues: [['/fields', 'wrong-type']],
  },
]

describe('parseConfig: broken configs', () => {
  it.each(broken)('reports $name at the exact spot', ({ edits, issues, suggestion }) => {
    const result = parseConfig(fixtureWith(...edits))
    expect(result.ok).toBe(false)
    expect(where(issuesOf(result))).toEqual(issues)
    if (suggestion !== undefined) {
      expect(issuesOf(result)[0]?.suggestion).toBe(suggestion)
      expect(issuesOf(result)[0]?.message).toContain(`Did you mean "${suggestion}"?`)
    }
  })

  it('says what to change in plain English', () => {
    const result = parseConfig(fixtureWith({ set: '/forms/0/perVist', to: 2 }))
    expect(issuesOf(result)).toEqual([
      {
        path: '/forms/0/perVist',
        code: 'unknown-property',
        message:
          'Unknown property "perVist" in form "whitepaper" (forms[0]). Did you mean "perVisit"?',
        suggestion: 'perVisit',
      },
    ])
    const cycle = parseConfig(
      fixtureWith({ set: '/fields/6/askIf', to: { field: 'budget', known: true } }),
    )
    expect(issuesOf(cycle)[0]?.message).toContain('"jobRole" -> "budget" -> "jobRole"')
    const missing = parseConfig(fixtureWith({ remove: '/purposes/0/basis' }))
    expect(issuesOf(missing)[0]?.message).toMatch(
      /^Purpose "[a-z]+" \(purposes\[0\]\) is missing .*"basis"/,
    )
    const range = parseConfig(fixtureWith({ set: '/forms/0/perVisit', to: 21 }))
    expect(issuesOf(range)[0]?.message).toBe(
      'Form "whitepaper" (forms[0]) › perVisit must be at most 20, not 21.',
    )
  })

  it('reports shape and meaning problems together, in document order', () => {
    const result = parseConfig(
      fixtureWith(
        { set: '/forms/0/perVist', to: 2 },
        { set: '/forms/0/sequence/3', to: 'jobRol' },
        { push: '/fields', value: { ...fixture.fields[3], label: 'Organisation' } },
        { set: '/fields/0/type', to: 'emial' },
        { remove: '/purposes/2/text' },
      ),
    )
    expect(where(issuesOf(result))).toEqual([
      ['/purposes/2', 'missing-consent-text'],
      ['/fields/0/type', 'invalid-value'],
      ['/fields/9/id', 'duplicate-id'],
      ['/forms/0/perVist', 'unknown-property'],
      ['/forms/0/sequence/3', 'unknown-field'],
    ])
  })

  it('does not call a reference unknown when the list it refers to is itself broken', () => {
    // fields[2] has no usable id: "lastName" in the sequences may well be that field.
    const result = parseConfig(fixtureWith({ set: '/fields/2/id', to: 'last name' }))
    expect(where(issuesOf(result))).toEqual([['/fields/2/id', 'invalid-id']])
  })
})

describe('parseConfig: patterns', () => {
  it('accepts patterns both the browser and the linear-time engine run alike', () => {
    for (const pattern of [
      '[A-Z]{2}[0-9]{5,12}',
      '\\d{5}',
      '[a-z]+(-[a-z]+)*',
      '^([a-zA-Z]+)+$',
      '(?<area>[0-9]{3})-[0-9]{4}',
      "[\\p{L} .'-]+",
      '\\P{Lu}*',
      'a{1000}',
      '[(?=]\\(\\?=',
      '\\x41\\t\\.\\\\1',
    ]) {
      const result = parseConfig(fixtureWith({ set: '/fields/3/pattern', to: pattern }))
      expect(issuesOf(result), pattern).toEqual([])
    }
  })

  it('says which construct the linear-time engine cannot run', () => {
    const result = parseConfig(fixtureWith({ set: '/fields/3/pattern', to: '(?=.*[0-9]).{8,}' }))
    expect(issuesOf(result)[0]?.message).toBe(
      'The pattern of field "company" uses "(?=", which the linear-time engine of the server (RE2) cannot run. Rewrite it without that.',
    )
  })

  it('compiles each pattern with the engine it is given, anchored as the answers are checked', () => {
    const compiled: string[] = []
    const engine = (source: string) => {
      compiled.push(source)
      if (source.includes('Z')) throw new Error('no Z here')
      return { test: () => true }
    }
    const input = fixtureWith(
      { set: '/fields/1/pattern', to: '[a-z]+' },
      { set: '/fields/3/pattern', to: '[A-Z]+' },
    )
    const result = parseConfig(input, { compilePattern: engine })
    expect(compiled).toEqual(['^(?:[a-z]+)$', '^(?:[A-Z]+)$'])
    expect(where(issuesOf(result))).toEqual([['/fields/3/pattern', 'invalid-pattern']])
    expect(issuesOf(result)[0]?.message).toContain('no Z here')
  })
})

describe('parseConfig: links', () => {
  const hostile = [
    'javascript:alert(document.cookie)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    '//evil.example/privacy',
    '/\\evil.example/privacy',
    'https://example.com/pri vacy',
    'privacy.html',
  ]

  it.each(hostile)('rejects %j as a link, in parseConfig and in the bare schema', (href) => {
    for (const links of [
      { privacy: href },
      { imprint: { en: 'https://example.com/', de: href } },
    ]) {
      const input = fixtureWith({ set: '/links', to: links })
      const result = parseConfig(input)
      const path = 'privacy' in links ? '/links/privacy' : '/links/imprint/de'
      expect(where(issuesOf(result))).toEqual([[path, 'invalid-link']])
      expect(issuesOf(result)[0]?.message).toMatch(/https:\/\/.*mailto:/)
      // Production builds may parse with the zod schema alone: it must refuse the link too.
      expect(configSchema.safeParse(input).success).toBe(false)
    }
  })

  it('accepts https, http, mailto and paths on the same site', () => {
    for (const href of [
      'https://example.com/datenschutz',
      'http://example.com/privacy#cookies',
      'mailto:privacy@example.com',
      '/privacy?lang=de',
      '/',
    ]) {
      const result = parseConfig(fixtureWith({ set: '/links', to: { privacy: href } }))
      expect(issuesOf(result), href).toEqual([])
    }
  })
})

describe('parseConfig: warnings', () => {
  const cases: { name: string; edits: Edit[]; warnings: [string, string][] }[] = [
    {
      name: 'a sequence of consent-based fields in a form that offers no consent',
      edits: [
        { set: '/forms/1/sequence', to: ['budget', 'phone'] },
        { set: '/forms/1/offerConsents', to: [] },
      ],
      warnings: [['/forms/1/sequence', 'sequence-needs-consent']],
    },
    {
      name: 'one field whose consent the form does not offer',
      edits: [{ push: '/forms/1/sequence', value: 'phone' }],
      warnings: [['/forms/1/sequence/4', 'consent-not-offered']],
    },
    {
      name: 'a consent text in one language for two locales',
      edits: [{ set: '/purposes/2/text', to: 'Yes, sales may contact me.' }],
      warnings: [['/purposes/2/text', 'consent-text-single-language']],
    },
    {
      name: 'a label without one of the locales',
      edits: [{ remove: '/fields/1/label/de' }],
      warnings: [['/fields/1/label', 'missing-translation']],
    },
    {
      name: 'options on a text field and double opt-in on a contract purpose',
      edits: [
        { set: '/fields/1/options', to: [{ value: 'a', label: 'A' }] },
        { set: '/purposes/0/doubleOptIn', to: true },
      ],
      warnings: [
        ['/purposes/0/doubleOptIn', 'setting-ignored'],
        ['/fields/1/options', 'setting-ignored'],
      ],
    },
    {
      name: 'a condition on a sensitive field',
      edits: [{ set: '/fields/7/askIf', to: { field: 'phone', known: true } }],
      warnings: [['/fields/7/askIf/field', 'condition-on-sensitive-field']],
    },
    {
      name: 'a field and a purpose nothing uses',
      edits: [
        { remove: '/forms/0/sequence/6' },
        { push: '/purposes', value: { id: 'events', basis: 'legitimate-interest', label: 'E' } },
      ],
      warnings: [
        ['/purposes/4', 'unused-purpose'],
        ['/fields/7', 'unused-field'],
      ],
    },
  ]

  it.each(cases)('warns about $name, and the config still loads', ({ edits, warnings }) => {
    const result = parseConfig(fixtureWith(...edits))
    expect(issuesOf(result)).toEqual([])
    expect(result.ok).toBe(true)
    expect(where(result.warnings)).toEqual(warnings)
  })

  it('keeps warnings next to errors', () => {
    const result = parseConfig(
      fixtureWith({ set: '/forms/0/perVist', to: 2 }, { remove: '/fields/1/label/de' }),
    )
    expect(result.ok).toBe(false)
    expect(where(result.warnings)).toEqual([['/fields/1/label', 'missing-translation']])
  })
})

describe('parseConfig: retention (purposes[].retainDays)', () => {
  it('accepts a positive whole number of days on any purpose, also one no field serves', () => {
    // newsletter is offered by forms but serves no field: nothing to erase, still no issue.
    const result = parseConfig(
      fixtureWith(
        { set: '/purposes/1/retainDays', to: 730 },
        { set: '/purposes/3/retainDays', to: 365 },
      ),
    )
    expect(issuesOf(result)).toEqual([])
    expect(result.warnings).toEqual([])
    expect(result.ok && result.config.purposes[3]?.retainDays).toBe(365)
    expect(result.ok && result.config.purposes[0]?.retainDays).toBeUndefined()
  })

  it.each([0, -5, 1.5, '30'])('refuses retainDays %j at its JSON path', (value) => {
    const result = parseConfig(fixtureWith({ set: '/purposes/3/retainDays', to: value }))
    expect(result.ok).toBe(false)
    expect(where(issuesOf(result)).map(([path]) => path)).toEqual(['/purposes/3/retainDays'])
  })
})
