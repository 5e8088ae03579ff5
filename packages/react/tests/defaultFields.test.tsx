import { cleanup, render, screen, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { afterEach, expect, test } from 'vitest'
import { ProgressiveForm } from '../src/index'
import { axeViolations } from './axe'
import { parse, visit, withProvider } from './helpers'

afterEach(cleanup)

/** One field of every type, with help texts, placeholders and autocomplete tokens. */
const config = parse({
  version: 1,
  locales: ['en', 'de'],
  purposes: [{ id: 'contact', basis: 'contract', label: 'Answering your request' }],
  fields: [
    {
      id: 'email',
      type: 'email',
      label: 'E-mail',
      purposes: ['contact'],
      autocomplete: 'email',
      placeholder: 'name@company.com',
      help: { en: 'We send the file here.', de: 'Wir senden die Datei hierhin.' },
    },
    { id: 'name', type: 'text', label: 'Name', purposes: ['contact'], autocomplete: 'name' },
    { id: 'phone', type: 'tel', label: 'Phone', purposes: ['contact'], required: false },
    { id: 'site', type: 'url', label: 'Website', purposes: ['contact'], autocomplete: 'url' },
    { id: 'staff', type: 'number', label: 'Employees', purposes: ['contact'], min: 1 },
    { id: 'note', type: 'textarea', label: 'Your question', purposes: ['contact'] },
    {
      id: 'industry',
      type: 'select',
      label: 'Industry',
      purposes: ['contact'],
      options: [
        { value: 'it', label: 'IT' },
        { value: 'retail', label: 'Retail' },
      ],
    },
    {
      id: 'size',
      type: 'radio',
      label: 'Company size',
      purposes: ['contact'],
      help: 'Roughly is fine.',
      options: [
        { value: 'small', label: 'Small' },
        { value: 'large', label: 'Large' },
      ],
    },
    {
      id: 'topics',
      type: 'multiselect',
      label: 'Topics',
      purposes: ['contact'],
      options: [
        { value: 'cloud', label: 'Cloud' },
        { value: 'security', label: 'Security' },
        { value: 'data', label: 'Data' },
      ],
    },
    { id: 'terms', type: 'checkbox', label: 'I read the terms', purposes: ['contact'] },
    { id: 'country', type: 'country', label: 'Country', purposes: ['contact'] },
  ],
  forms: [
    {
      id: 'contact',
      always: [
        'email',
        'name',
        'phone',
        'site',
        'staff',
        'note',
        'industry',
        'size',
        'topics',
        'terms',
        'country',
      ],
    },
  ],
})

test('every field type renders a labelled, described control with its autocomplete and placeholder', async () => {
  const trickle = visit(config)
  const { container } = render(
    withProvider({ trickle, locale: 'en' }, <ProgressiveForm formId="contact" />),
  )

  const email = screen.getByLabelText('E-mail')
  expect(email.getAttribute('type')).toBe('email')
  expect(email.getAttribute('autocomplete')).toBe('email')
  expect(email.getAttribute('placeholder')).toBe('name@company.com')
  expect(document.getElementById(email.getAttribute('aria-describedby')!)?.textContent).toBe(
    'We send the file here.',
  )
  expect(screen.getByLabelText('Name').getAttribute('autocomplete')).toBe('name')
  expect(screen.getByLabelText('Phone (optional)').getAttribute('type')).toBe('tel')
  expect(screen.getByLabelText('Website').getAttribute('type')).toBe('url')
  expect(screen.getByLabelText('Employees').getAttribute('type')).toBe('number')
  expect(screen.getByLabelText('Your question').tagName).toBe('TEXTAREA')
  expect(screen.getByRole('combobox', { name: 'Industry' })).toBeTruthy()
  expect(screen.getByRole('checkbox', { name: 'I read the terms' })).toBeTruthy()

  const size = screen.getByRole('group', { name: 'Company size' })
  expect(size.tagName).toBe('FIELDSET')
  expect(within(size).getAllByRole('radio')).toHaveLength(2)
  expect(document.getElementById(size.getAttribute('aria-describedby')!)?.textContent).toBe(
    'Roughly is fine.',
  )
  const topics = screen.getByRole('group', { name: 'Topics' })
  expect(topics.tagName).toBe('FIELDSET')
  expect(within(topics).getAllByRole('checkbox')).toHaveLength(3)

  const country = screen.getByRole('combobox', { name: 'Country' })
  expect(within(country).getByRole('option', { name: 'Germany' })).toHaveProperty('value', 'DE')
  expect(within(country).getAllByRole('option')).toHaveLength(250)

  expect(await axeViolations(container)).toEqual([])
}, 20_000)

test('the answers of every field type reach the profile typed and cleaned', async () => {
  const trickle = visit(config, undefined, { persist: 'values' })
  const user = userEvent.setup()
  render(withProvider({ trickle, locale: 'en' }, <ProgressiveForm formId="contact" />))

  await user.type(screen.getByLabelText('E-mail'), 'ada@example.com')
  await user.type(screen.getByLabelText('Name'), '  Ada  ')
  await user.type(screen.getByLabelText('Website'), 'example.com')
  await user.type(screen.getByLabelText('Employees'), '250')
  await user.type(screen.getByLabelText('Your question'), 'Pricing?')
  await user.selectOptions(screen.getByRole('combobox', { name: 'Industry' }), 'Retail')
  await user.click(screen.getByRole('radio', { name: 'Large' }))
  await user.click(screen.getByRole('checkbox', { name: 'Security' }))
  await user.click(screen.getByRole('checkbox', { name: 'Cloud' }))
  await user.click(screen.getByRole('checkbox', { name: 'I read the terms' }))
  await user.selectOptions(screen.getByRole('combobox', { name: 'Country' }), 'Austria')
  await user.click(screen.getByRole('button', { name: 'Send' }))
  await screen.findByText('Thank you! Your answers were saved.')

  const values = Object.fromEntries(
    Object.entries(trickle.getState().profile.fields).map(([id, record]) => [id, record.value]),
  )
  expect(values).toEqual({
    email: 'ada@example.com',
    name: 'Ada',
    phone: undefined,
    site: 'https://example.com',
    staff: 250,
    note: 'Pricing?',
    industry: 'retail',
    size: 'large',
    // The ticked boxes in option order, whatever the order of the clicks.
    topics: ['cloud', 'security'],
    terms: true,
    country: 'AT',
  })
  expect(trickle.getState().profile.fields.phone?.declined).toBe(true)
})

test('required radio and multiselect groups report their errors and take the focus', async () => {
  const trickle = visit(config)
  const user = userEvent.setup()
  render(withProvider({ trickle, locale: 'en' }, <ProgressiveForm formId="contact" />))
  await user.type(screen.getByLabelText('E-mail'), 'ada@example.com')
  await user.type(screen.getByLabelText('Name'), 'Ada')
  await user.type(screen.getByLabelText('Website'), 'example.com')
  await user.type(screen.getByLabelText('Employees'), '0')
  await user.type(screen.getByLabelText('Your question'), 'Pricing?')
  await user.selectOptions(screen.getByRole('combobox', { name: 'Industry' }), 'IT')
  await user.click(screen.getByRole('button', { name: 'Send' }))

  const summary = await screen.findByRole('group', { name: 'Please check these answers:' })
  expect(
    within(summary)
      .getAllByRole('link')
      .map((link) => link.textContent),
  ).toEqual([
    'Employees: Please enter a number of at least 1.',
    'Company size: Please fill in this field.',
    'Topics: Please fill in this field.',
    'I read the terms: Please fill in this field.',
    'Country: Please fill in this field.',
  ])
  expect(document.activeElement).toBe(screen.getByLabelText('Employees'))
  await user.click(within(summary).getByRole('link', { name: /^Company size/ }))
  expect(document.activeElement).toBe(screen.getByRole('radio', { name: 'Small' }))
  await user.click(within(summary).getByRole('link', { name: /^Topics/ }))
  expect(document.activeElement).toBe(screen.getByRole('checkbox', { name: 'Cloud' }))
  const size = screen.getByRole('group', { name: 'Company size' })
  const described = size.getAttribute('aria-describedby')!.split(' ')
  expect(described.map((id) => document.getElementById(id)?.textContent)).toEqual([
    'Roughly is fine.',
    'Please fill in this field.',
  ])
})

test('a multiselect with a single option still gives a list', async () => {
  const single = parse({
    version: 1,
    locales: ['en'],
    purposes: [{ id: 'contact', basis: 'contract', label: 'Answering your request' }],
    fields: [
      {
        id: 'topics',
        type: 'multiselect',
        label: 'Topics',
        purposes: ['contact'],
        options: [{ value: 'cloud', label: 'Cloud' }],
      },
    ],
    forms: [{ id: 'contact', always: ['topics'] }],
  })
  const trickle = visit(single)
  const user = userEvent.setup()
  render(withProvider({ trickle, locale: 'en' }, <ProgressiveForm formId="contact" />))

  await user.click(screen.getByRole('button', { name: 'Send' }))
  expect(
    await screen.findByRole('link', { name: 'Topics: Please fill in this field.' }),
  ).toBeTruthy()
  await user.click(screen.getByRole('checkbox', { name: 'Cloud' }))
  await user.click(screen.getByRole('button', { name: 'Send' }))
  await screen.findByText('Thank you! Your answers were saved.')
  expect(trickle.getState().profile.fields.topics?.value).toEqual(['cloud'])
})
