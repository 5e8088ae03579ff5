import type { TrickleEvent } from '@trickle/core'
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, expect, test, vi } from 'vitest'
import { GatedDownload, ProgressiveForm, useProgressiveForm } from '../src/index'
import { fixtureConfig, visit, withProvider } from './helpers'

afterEach(() => {
  cleanup()
  vi.unstubAllEnvs()
})

const asset = { href: '/files/buyer-study.pdf', title: 'The B2B buyer study' }

/** A page with a mistyped form next to other content, and the events the store reported. */
function page(form: 'gate' | 'form') {
  const events: TrickleEvent[] = []
  const trickle = visit(fixtureConfig(), undefined, { onEvent: (event) => events.push(event) })
  const ui = (
    <main>
      <h1>Our whitepapers</h1>
      {form === 'gate' ? (
        // @ts-expect-error: "ebok" is not a form of the registered config.
        <GatedDownload formId="ebok" asset={asset} />
      ) : (
        // @ts-expect-error: "ebok" is not a form of the registered config.
        <ProgressiveForm formId="ebok" />
      )}
    </main>
  )
  const view = render(withProvider({ trickle, locale: 'en' }, ui))
  return {
    events,
    view,
    rerender: () => view.rerender(withProvider({ trickle, locale: 'en' }, ui)),
  }
}

test.each(['gate', 'form'] as const)(
  'in development a wrong form id (%s) shows a clear error in place of the form; the page stays',
  (form) => {
    const { events } = page(form)
    expect(screen.getByRole('heading', { name: 'Our whitepapers' })).toBeTruthy()
    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('formId="ebok"')
    expect(alert.textContent).toContain('Known forms: "whitepaper", "checklist"')
    expect(document.querySelector('form')).toBeNull()
    expect(events).toEqual([{ type: 'unknown-form', formId: 'ebok' }])
  },
)

test.each(['gate', 'form'] as const)(
  'in production a wrong form id (%s) renders nothing and is reported once through onEvent',
  (form) => {
    vi.stubEnv('NODE_ENV', 'production')
    const { events, view, rerender } = page(form)
    rerender()
    expect(screen.getByRole('heading', { name: 'Our whitepapers' })).toBeTruthy()
    expect(view.container.querySelector('main')?.children).toHaveLength(1)
    expect(screen.queryByRole('alert')).toBeNull()
    expect(events).toEqual([{ type: 'unknown-form', formId: 'ebok' }])
  },
)

test('in production useProgressiveForm with a wrong form id plans nothing, sends nothing and reports it', async () => {
  vi.stubEnv('NODE_ENV', 'production')
  const events: TrickleEvent[] = []
  const transport = vi.fn(async () => undefined)
  const trickle = visit(fixtureConfig(), undefined, {
    onEvent: (event) => events.push(event),
    transport,
  })
  function CustomForm() {
    // @ts-expect-error: "ebok" is not a form of the registered config.
    const { plan, submit } = useProgressiveForm('ebok')
    return (
      <form aria-label="custom" onSubmit={submit}>
        {plan.fields.map(({ id }) => (
          <input key={id} name={id} />
        ))}
        <button type="submit">Send</button>
      </form>
    )
  }
  render(withProvider({ trickle, locale: 'en' }, <CustomForm />))
  expect(screen.getByRole('form', { name: 'custom' }).querySelectorAll('input')).toHaveLength(0)
  screen.getByRole('button', { name: 'Send' }).click()
  await new Promise((resolve) => setTimeout(resolve, 0))
  expect(transport).not.toHaveBeenCalled()
  expect(trickle.getState().forms).toEqual({})
  expect(events).toEqual([{ type: 'unknown-form', formId: 'ebok' }])
})
