import { memoryStorage } from '@trickle/core'
import { cleanup, render, screen } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { afterEach, expect, test, vi } from 'vitest'
import { useProgressiveForm } from '../src/index'
import { firstVisitDone, fixtureConfig, visit, withProvider } from './helpers'

afterEach(cleanup)

/** A custom UI built with the hook only: its own markup, no component of the package. */
function HeadlessForm({ onDone }: { onDone: () => void }) {
  const { plan, form, submit, status, error, known, startOver } = useProgressiveForm('whitepaper', {
    onSubmitted: onDone,
  })
  if (status === 'success') return <p>All set</p>
  return (
    <form onSubmit={submit} noValidate>
      {known ? (
        <button type="button" onClick={startOver}>
          Someone else
        </button>
      ) : null}
      {plan.fields.map(({ id, field }) => (
        <label key={id}>
          {id}
          {field.type === 'select' ? (
            <select {...form.register(`values.${id}`)}>
              <option value="">-</option>
              {field.options?.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.value}
                </option>
              ))}
            </select>
          ) : (
            <input {...form.register(`values.${id}`)} />
          )}
        </label>
      ))}
      {plan.consents.map(({ purposeId }) => (
        <label key={purposeId}>
          <input type="checkbox" {...form.register(`consents.${purposeId}`)} />
          consent {purposeId}
        </label>
      ))}
      {error ? <p role="alert">{error.code}</p> : null}
      <button type="submit">Go</button>
    </form>
  )
}

test('a custom UI built with useProgressiveForm only plans, validates and submits', async () => {
  const onDone = vi.fn()
  const storage = memoryStorage()
  await firstVisitDone(fixtureConfig(), storage)
  const trickle = visit(fixtureConfig(), storage)
  const user = userEvent.setup()
  render(withProvider({ trickle, locale: 'en' }, <HeadlessForm onDone={onDone} />))

  expect(screen.getAllByRole('textbox').map((input) => input.getAttribute('name'))).toEqual([
    'values.email',
  ])
  expect(screen.getAllByRole('combobox').map((input) => input.getAttribute('name'))).toEqual([
    'values.jobRole',
    'values.industry',
    'values.companySize',
  ])
  // Both consents were decided on visit 1: none is offered again.
  expect(screen.queryByRole('checkbox')).toBeNull()

  await user.click(screen.getByRole('button', { name: 'Go' }))
  // Invalid: nothing was sent, the first invalid field has the focus.
  expect(trickle.getState().forms.whitepaper).toBeUndefined()
  expect(document.activeElement).toBe(screen.getByRole('textbox', { name: 'email' }))

  await user.type(screen.getByRole('textbox', { name: 'email' }), 'ada@example.com')
  await user.selectOptions(screen.getByRole('combobox', { name: 'jobRole' }), 'student')
  await user.selectOptions(screen.getByRole('combobox', { name: 'industry' }), 'public')
  await user.selectOptions(screen.getByRole('combobox', { name: 'companySize' }), '1-49')
  await user.click(screen.getByRole('button', { name: 'Go' }))

  await screen.findByText('All set')
  expect(onDone).toHaveBeenCalledTimes(1)
  expect(trickle.getState().profile.fields.jobRole?.value).toBe('student')
  expect(trickle.plan('whitepaper').fields.map((field) => field.id)).toEqual(['email', 'phone'])
})

test('the hook reports a failed transport as status and error, and keeps the input', async () => {
  const trickle = visit(fixtureConfig(), memoryStorage(), {
    transport: async () => {
      throw new Error('offline')
    },
  })
  const user = userEvent.setup()
  render(withProvider({ trickle, locale: 'en' }, <HeadlessForm onDone={() => undefined} />))
  for (const [name, value] of [
    ['email', 'ada@example.com'],
    ['firstName', 'Ada'],
    ['lastName', 'Lovelace'],
    ['company', 'ACME'],
  ] as const) {
    await user.type(screen.getByRole('textbox', { name }), value)
  }
  await user.click(screen.getByRole('button', { name: 'Go' }))
  expect((await screen.findByRole('alert')).textContent).toBe('transport')
  expect(screen.getByRole('textbox', { name: 'company' })).toHaveProperty('value', 'ACME')
  cleanup()

  // Mounted again (e.g. after navigating back): the kept input refills the form for a retry.
  render(withProvider({ trickle, locale: 'en' }, <HeadlessForm onDone={() => undefined} />))
  expect(screen.getByRole('textbox', { name: 'company' })).toHaveProperty('value', 'ACME')
  expect(screen.getByRole('textbox', { name: 'email' })).toHaveProperty('value', 'ada@example.com')
})

test('useProgressiveForm outside a TrickleProvider says how to fix it', () => {
  function Orphan() {
    useProgressiveForm('whitepaper')
    return null
  }
  expect(() => render(<Orphan />)).toThrow(/Wrap your app in <TrickleProvider trickle=/)
})

test('an unknown form id names the forms of the config', () => {
  const trickle = visit(fixtureConfig())
  function Typo() {
    // @ts-expect-error: with the config registered (register.test-d.ts), a typo is a type error.
    useProgressiveForm('whitepapr')
    return null
  }
  expect(() => render(withProvider({ trickle }, <Typo />))).toThrow(
    /unknown form "whitepapr". Known forms: "whitepaper", "checklist"/,
  )
})
