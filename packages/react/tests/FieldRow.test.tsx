import { memoryStorage } from '@trickle/core'
import { cleanup, render, screen } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { afterEach, expect, test } from 'vitest'
import {
  defaultComponents,
  ProgressiveForm,
  type FieldProps,
  type LayoutProps,
  type TrickleComponents,
} from '../src/index'
import { firstVisitDone, fixtureConfig, fixtureInput, parse, visit, withProvider } from './helpers'

afterEach(cleanup)

/** The default components, each counting its renders per field id. */
function countingComponents() {
  const renders = new Map<string, number>()
  const count = (key: string) => renders.set(key, (renders.get(key) ?? 0) + 1)
  const counted = (type: 'text' | 'email' | 'select') => {
    const Inner = defaultComponents[type]
    return function Counted(props: FieldProps) {
      count(props.field.id)
      return <Inner {...props} />
    }
  }
  const Layout = defaultComponents.layout
  const components: Partial<TrickleComponents> = {
    text: counted('text'),
    email: counted('email'),
    select: counted('select'),
    layout: function CountedLayout(props: LayoutProps) {
      count('layout')
      return <Layout {...props} />
    },
  }
  return { components, renders, snapshot: () => Object.fromEntries(renders) }
}

test('typing in one field re-renders no other field, nor the form', async () => {
  const { components, snapshot } = countingComponents()
  const trickle = visit(fixtureConfig())
  const user = userEvent.setup()
  render(
    withProvider({ trickle, locale: 'en', components }, <ProgressiveForm formId="whitepaper" />),
  )
  const before = snapshot()
  expect(Object.keys(before).sort()).toEqual([
    'company',
    'email',
    'firstName',
    'lastName',
    'layout',
  ])

  await user.type(screen.getByLabelText('First name'), 'Ada Augusta')
  await user.type(screen.getByLabelText('Business e-mail'), 'ada@example.com')

  expect(snapshot()).toEqual(before)
  expect(screen.getByLabelText('First name')).toHaveProperty('value', 'Ada Augusta')
})

test('after a failed submit, fixing one field re-renders only that field', async () => {
  const { components, snapshot } = countingComponents()
  const trickle = visit(fixtureConfig())
  const user = userEvent.setup()
  render(
    withProvider({ trickle, locale: 'en', components }, <ProgressiveForm formId="whitepaper" />),
  )
  await user.click(screen.getByRole('button', { name: 'Send' }))
  await screen.findAllByText('Please fill in this field.')
  const before = snapshot()

  await user.type(screen.getByLabelText('Company'), 'ACME')

  const after = snapshot()
  expect(after.company).toBeGreaterThan(before.company!)
  expect({ ...after, company: 0 }).toEqual({ ...before, company: 0 })
})

test('an answer a condition reads re-renders the form only when it changes the plan', async () => {
  // The fixture with the budget (asked of leading positions) right after the position.
  const input = fixtureInput()
  const config = parse({
    ...input,
    forms: input.forms.map((form) =>
      form.id === 'whitepaper'
        ? { ...form, sequence: ['firstName', 'lastName', 'company', 'jobRole', 'budget'] }
        : form,
    ),
  })
  const storage = memoryStorage()
  await firstVisitDone(config, storage)
  const { components, snapshot } = countingComponents()
  const trickle = visit(config, storage)
  const user = userEvent.setup()
  render(
    withProvider({ trickle, locale: 'en', components }, <ProgressiveForm formId="whitepaper" />),
  )
  const before = snapshot()

  await user.selectOptions(screen.getByLabelText('Position'), 'Student')
  await user.selectOptions(screen.getByLabelText('Position'), 'Specialist')
  expect(snapshot()).toEqual(before)

  await user.selectOptions(screen.getByLabelText('Position'), 'C-level')
  expect(screen.getByRole('group', { name: 'Planned budget' })).toBeTruthy()
  expect(snapshot().layout).toBeGreaterThan(before.layout!)
})
