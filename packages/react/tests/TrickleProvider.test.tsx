import { createTrickle, memoryStorage } from '@trickle/core'
import { act, cleanup, render, screen, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { hydrateRoot } from 'react-dom/client'
import { renderToString } from 'react-dom/server'
import { afterEach, expect, test, vi } from 'vitest'
import {
  ProgressiveForm,
  TrickleProvider,
  useFieldController,
  useTrickle,
  type ConsentProps,
  type FieldProps,
  type LayoutProps,
  type SubmitProps,
  type TrickleComponents,
} from '../src/index'
import { firstVisitDone, fixtureConfig, visit, withProvider } from './helpers'

afterEach(cleanup)

/** A "UI kit" text field: controlled, its own markup and class names. */
function KitTextField(props: FieldProps) {
  const { ref, ...field } = useFieldController(props).field
  return (
    <div className="kit-field" data-testid={`kit-${props.field.id}`}>
      <label htmlFor={props.id}>{props.label.toUpperCase()}</label>
      <input
        id={props.id}
        name={field.name}
        ref={ref}
        value={typeof field.value === 'string' ? field.value : ''}
        onChange={(event) => field.onChange(event.target.value)}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.describedBy}
      />
      {props.error ? <span className="kit-error">{props.error}</span> : null}
    </div>
  )
}

function KitConsent({ id, label, registration, text }: ConsentProps) {
  return (
    <div className="kit-switch">
      <input id={id} type="checkbox" role="switch" {...registration} />
      <label htmlFor={id}>{label}</label>
      <small>{text}</small>
    </div>
  )
}

function KitSubmit({ label, busy }: SubmitProps) {
  return (
    <button className="kit-button" type="submit" aria-disabled={busy || undefined}>
      ★ {label}
    </button>
  )
}

function KitLayout({ fields, consents, submit, errorSummary, notYou }: LayoutProps) {
  return (
    <div className="kit-grid">
      <div className="kit-main">{fields}</div>
      <aside>{consents}</aside>
      {errorSummary}
      <footer>
        {submit}
        {notYou}
      </footer>
    </div>
  )
}

const kit: Partial<TrickleComponents> = {
  text: KitTextField,
  email: KitTextField,
  consent: KitConsent,
  submit: KitSubmit,
  layout: KitLayout,
}

test('a UI kit takes over field types, consents, the submit button and the layout', async () => {
  const trickle = visit(fixtureConfig())
  const user = userEvent.setup()
  const { container } = render(
    withProvider(
      { trickle, locale: 'en', components: kit },
      <ProgressiveForm formId="whitepaper" />,
    ),
  )
  expect(container.querySelectorAll('.kit-field')).toHaveLength(4)
  expect(container.querySelector('.kit-main')?.children).toHaveLength(4)
  expect(within(container.querySelector('aside')!).getAllByRole('switch')).toHaveLength(2)

  await user.click(screen.getByRole('button', { name: '★ Send' }))
  expect(await screen.findAllByText('Please fill in this field.')).toHaveLength(4)
  expect(screen.getByLabelText('BUSINESS E-MAIL').getAttribute('aria-invalid')).toBe('true')

  await user.type(screen.getByLabelText('BUSINESS E-MAIL'), 'ada@example.com')
  await user.type(screen.getByLabelText('FIRST NAME'), 'Ada')
  await user.type(screen.getByLabelText('LAST NAME'), 'Lovelace')
  await user.type(screen.getByLabelText('COMPANY'), 'ACME')
  await user.click(screen.getByRole('switch', { name: 'Contact by our sales team' }))
  await user.click(screen.getByRole('button', { name: '★ Send' }))
  await screen.findByText('Thank you! Your answers were saved.')
  expect(trickle.getState().profile.consents.map((event) => event.decision)).toEqual([
    'denied',
    'granted',
  ])
})

test('after "Not you? Start over" the next person fills the UI kit\'s fields and sends them', async () => {
  const config = fixtureConfig()
  const storage = memoryStorage()
  await firstVisitDone(config, storage)
  const trickle = visit(config, storage)
  const user = userEvent.setup()
  render(
    withProvider(
      { trickle, locale: 'en', components: kit },
      <ProgressiveForm formId="whitepaper" />,
    ),
  )
  await user.type(screen.getByLabelText('BUSINESS E-MAIL'), 'ada@example.com')
  await user.click(screen.getByRole('button', { name: 'Start over' }))
  expect(screen.getByLabelText('BUSINESS E-MAIL')).toHaveProperty('value', '')

  await user.type(screen.getByLabelText('BUSINESS E-MAIL'), 'bo@example.com')
  await user.type(screen.getByLabelText('FIRST NAME'), 'Bo')
  await user.type(screen.getByLabelText('LAST NAME'), 'Berg')
  await user.type(screen.getByLabelText('COMPANY'), 'Berg AG')
  await user.click(screen.getByRole('button', { name: '★ Send' }))
  await screen.findByText('Thank you! Your answers were saved.')
  expect(trickle.getState().profile.fields.email?.value).toBe('bo@example.com')
})

test("without a locale prop the config's first locale is used (German for the fixture)", () => {
  const trickle = visit(fixtureConfig())
  function Locale() {
    const { locale, messages } = useTrickle()
    return (
      <p>
        {locale}: {messages.startOver}
      </p>
    )
  }
  render(withProvider({ trickle }, <Locale />))
  expect(screen.getByText('de: Neu beginnen')).toBeTruthy()
  cleanup()
  render(
    withProvider({ trickle, locale: 'de-CH', messages: { startOver: 'Nochmals' } }, <Locale />),
  )
  expect(screen.getByText('de-CH: Nochmals')).toBeTruthy()
})

test('server HTML hydrates without a mismatch, then the stored visitor is recognised', async () => {
  const config = fixtureConfig()
  const storage = memoryStorage()
  await firstVisitDone(config, storage)
  const page = (trickle: ReturnType<typeof createTrickle>) => (
    <TrickleProvider trickle={trickle} locale="en">
      <ProgressiveForm formId="whitepaper" />
    </TrickleProvider>
  )
  const container = document.createElement('div')
  container.innerHTML = renderToString(page(createTrickle({ config })))
  document.body.append(container)

  const client = createTrickle({ config, storage, skipHydration: true })
  const recoverable: unknown[] = []
  const consoleError = vi.spyOn(console, 'error').mockImplementation(() => undefined)
  const root = await act(async () =>
    hydrateRoot(container, page(client), {
      onRecoverableError: (error) => recoverable.push(error),
    }),
  )
  expect(recoverable).toEqual([])
  expect(consoleError).not.toHaveBeenCalled()
  consoleError.mockRestore()

  const fields = [...container.querySelectorAll('[data-trickle-field]')].map((el) =>
    el.getAttribute('data-trickle-field'),
  )
  expect(fields).toEqual(['email', 'jobRole', 'industry', 'companySize'])
  expect(client.getState().hydrated).toBe(true)
  act(() => root.unmount())
  container.remove()
})
