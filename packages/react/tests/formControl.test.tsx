import { createFormSession, memoryStorage } from '@trickle/core'
import { cleanup, render, screen } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { afterEach, expect, test } from 'vitest'
import { createFormControl, initialValues, type Validate } from '../src/formControl'
import { parse, visit } from './helpers'

afterEach(cleanup)

const option = (value: string) => ({ value, label: value })
const config = parse({
  version: 1,
  locales: ['en'],
  purposes: [
    { id: 'contact', basis: 'contract', label: 'Answering your request' },
    { id: 'news', basis: 'consent', label: 'Newsletter', text: 'Send me the newsletter.' },
  ],
  fields: [
    { id: 'email', type: 'email', label: 'E-mail', purposes: ['contact'] },
    {
      id: 'role',
      type: 'select',
      label: 'Role',
      purposes: ['contact'],
      options: ['staff', 'head'].map(option),
    },
    {
      id: 'budget',
      type: 'radio',
      label: 'Budget',
      purposes: ['contact'],
      askIf: { field: 'role', in: ['head'] },
      options: ['low', 'high'].map(option),
    },
    {
      id: 'topics',
      type: 'multiselect',
      label: 'Topics',
      purposes: ['contact'],
      options: ['cloud', 'data', 'ai'].map(option),
    },
    { id: 'terms', type: 'checkbox', label: 'Terms', purposes: ['contact'] },
  ],
  forms: [
    {
      id: 'demo',
      always: ['email', 'role', 'budget', 'topics', 'terms'],
      sequence: [],
      offerConsents: ['news'],
    },
  ],
})

/** A session on a fresh store, its form control, and the planned field ids. */
function setUp(validate: Validate = () => ({})) {
  const session = createFormSession(visit(config, memoryStorage()), 'demo')
  const form = createFormControl(session, initialValues(config), validate)
  const planned = () => session.getSnapshot().plan.fields.map(({ id }) => id)
  return { session, form, planned }
}

/** Native inputs bound with `register`, as a custom form would render them (no React state). */
function Inputs({ form, budget }: { form: ReturnType<typeof setUp>['form']; budget: boolean }) {
  return (
    <form>
      <input aria-label="email" {...form.register('values.email')} />
      <select aria-label="role" {...form.register('values.role')}>
        <option value="">-</option>
        <option value="staff">staff</option>
        <option value="head">head</option>
      </select>
      {budget
        ? ['low', 'high'].map((value) => (
            <input
              key={value}
              type="radio"
              aria-label={`budget ${value}`}
              value={value}
              {...form.register('values.budget')}
            />
          ))
        : null}
      {['cloud', 'data', 'ai'].map((value) => (
        <input
          key={value}
          type="checkbox"
          aria-label={`topic ${value}`}
          value={value}
          {...form.register('values.topics')}
        />
      ))}
      <input type="checkbox" aria-label="terms" {...form.register('values.terms')} />
      <input type="checkbox" aria-label="news" {...form.register('consents.news')} />
    </form>
  )
}

test('each input type gives the answer the core expects, and the session re-plans with it', async () => {
  const { form, planned } = setUp()
  const user = userEvent.setup()
  const { rerender } = render(<Inputs form={form} budget={false} />)
  expect(planned()).toEqual(['email', 'role', 'topics', 'terms'])

  await user.type(screen.getByLabelText('email'), 'ada@example.com')
  await user.selectOptions(screen.getByLabelText('role'), 'head')
  // The session re-planned: budget is asked now.
  expect(planned()).toEqual(['email', 'role', 'budget', 'topics', 'terms'])
  rerender(<Inputs form={form} budget />)
  await user.click(screen.getByLabelText('budget high'))
  await user.click(screen.getByLabelText('topic ai'))
  await user.click(screen.getByLabelText('topic cloud'))
  await user.click(screen.getByLabelText('terms'))
  await user.click(screen.getByLabelText('news'))

  expect(form.getValues()).toEqual({
    // A multiselect lists the ticked boxes in option order; a single checkbox is a boolean.
    values: {
      email: 'ada@example.com',
      role: 'head',
      budget: 'high',
      topics: ['cloud', 'ai'],
      terms: true,
    },
    consents: { news: true },
  })
})

test('an answer to a field the plan no longer asks is forgotten: shown again, it starts empty', async () => {
  const { form, planned } = setUp()
  const user = userEvent.setup()
  const { rerender } = render(<Inputs form={form} budget={false} />)
  await user.selectOptions(screen.getByLabelText('role'), 'head')
  rerender(<Inputs form={form} budget />)
  await user.click(screen.getByLabelText('budget low'))
  expect(form.getValue('values.budget')).toBe('low')

  await user.selectOptions(screen.getByLabelText('role'), 'staff')
  expect(planned()).not.toContain('budget')
  rerender(<Inputs form={form} budget={false} />)
  expect(form.getValue('values.budget')).toBeUndefined()

  await user.selectOptions(screen.getByLabelText('role'), 'head')
  rerender(<Inputs form={form} budget />)
  expect(screen.getByLabelText<HTMLInputElement>('budget low').checked).toBe(false)
})

test('after a submit each change re-checks its own answer only; reset empties the inputs', async () => {
  // Invalid while empty: e-mail and role.
  const validate: Validate = ({ values }) => ({
    ...(values.email ? {} : { email: { code: 'required', message: 'E-mail, please' } }),
    ...(values.role ? {} : { role: { code: 'required', message: 'Role, please' } }),
  })
  const { form } = setUp(validate)
  const user = userEvent.setup()
  render(<Inputs form={form} budget={false} />)
  let changes = 0
  form.subscribeErrors(() => (changes += 1))

  // Before the first submit typing checks nothing.
  await user.type(screen.getByLabelText('email'), 'a')
  await user.clear(screen.getByLabelText('email'))
  expect(form.getErrors().fields).toEqual({})
  expect(changes).toBe(0)

  expect(form.validate()).toBe(false)
  expect(Object.keys(form.getErrors().fields)).toEqual(['email', 'role'])
  await user.type(screen.getByLabelText('email'), 'ada@example.com')
  expect(form.getErrors().fields).toEqual({ role: { code: 'required', message: 'Role, please' } })
  // One change for the submit, one for the fixed e-mail; typing on changes nothing more.
  expect(changes).toBe(2)

  form.setFocus('values.role')
  expect(document.activeElement).toBe(screen.getByLabelText('role'))
  await user.click(screen.getByLabelText('topic data'))
  form.reset()
  expect(screen.getByLabelText<HTMLInputElement>('email').value).toBe('')
  expect(screen.getByLabelText<HTMLInputElement>('topic data').checked).toBe(false)
  expect(form.getValues()).toEqual(initialValues(config))
  expect(form.getErrors()).toEqual({ fields: {}, form: [] })
})

test('setValue fills a native input and tells the followers of that name only', () => {
  const { form, session } = setUp()
  render(<Inputs form={form} budget={false} />)
  const heard: string[] = []
  form.subscribeValue('values.email', () => heard.push('email'))
  form.subscribeValue('values.role', () => heard.push('role'))
  form.setValue('values.email', 'grace@example.com')
  expect(screen.getByLabelText<HTMLInputElement>('email').value).toBe('grace@example.com')
  expect(heard).toEqual(['email'])
  form.setValue('values.topics', ['data'])
  expect(screen.getByLabelText<HTMLInputElement>('topic data').checked).toBe(true)
  session.destroy()
})

test('an answer already in an input when it is bound is kept (typed before hydration, restored on "back")', () => {
  const { form } = setUp()
  render(
    <form>
      <input aria-label="email" defaultValue="ada@example.com" {...form.register('values.email')} />
      {['cloud', 'data', 'ai'].map((value) => (
        <input
          key={value}
          type="checkbox"
          aria-label={`topic ${value}`}
          value={value}
          defaultChecked={value !== 'cloud'}
          {...form.register('values.topics')}
        />
      ))}
      <input type="checkbox" aria-label="terms" {...form.register('values.terms')} />
    </form>,
  )
  expect(form.getValues().values).toMatchObject({
    email: 'ada@example.com',
    topics: ['data', 'ai'],
  })
  expect(form.getValue('values.terms')).toBeUndefined()
  expect(screen.getByLabelText<HTMLInputElement>('topic cloud').checked).toBe(false)
  expect(screen.getByLabelText<HTMLInputElement>('topic ai').checked).toBe(true)
})
