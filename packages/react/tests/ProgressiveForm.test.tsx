import {
  defaultStorageKey,
  HttpTransportError,
  memoryStorage,
  type TransportRequest,
} from '@trickle/core'
import { act, cleanup, render, screen, within } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { afterEach, describe, expect, test, vi } from 'vitest'
import { ProgressiveForm } from '../src/index'
import { axeViolations } from './axe'
import {
  deferred,
  firstVisitDone,
  fixtureConfig,
  fixtureInput,
  parse,
  privacyLinks,
  visit,
  withProvider,
} from './helpers'

afterEach(cleanup)

const fieldIds = (container: HTMLElement) =>
  [...container.querySelectorAll('[data-trickle-field]')].map((el) =>
    el.getAttribute('data-trickle-field'),
  )

describe('progressive visits with the B2B fixture', () => {
  test('visit 1 asks the e-mail plus three fields; visit 2 asks the next three and none of the known', async () => {
    const config = fixtureConfig()
    const storage = memoryStorage()
    const user = userEvent.setup()
    const first = visit(config, storage, { persist: 'values' })
    const view = render(
      withProvider({ trickle: first, locale: 'en' }, <ProgressiveForm formId="whitepaper" />),
    )

    expect(fieldIds(view.container)).toEqual(['email', 'firstName', 'lastName', 'company'])
    expect(screen.queryByRole('button', { name: 'Start over' })).toBeNull()
    await user.type(screen.getByLabelText('Business e-mail'), 'ada@example.com')
    await user.type(screen.getByLabelText('First name'), 'Ada')
    await user.type(screen.getByLabelText('Last name'), 'Lovelace')
    await user.type(screen.getByLabelText('Company'), 'ACME')
    await user.click(screen.getByRole('button', { name: 'Send' }))

    expect(await screen.findByRole('status')).toHaveProperty(
      'textContent',
      'Thank you! Your answers were saved.',
    )
    expect(first.getState().profile.fields.company?.value).toBe('ACME')
    view.unmount()
    first.destroy()

    const second = visit(config, storage, { persist: 'values' })
    const again = render(
      withProvider({ trickle: second, locale: 'en' }, <ProgressiveForm formId="whitepaper" />),
    )
    expect(fieldIds(again.container)).toEqual(['email', 'jobRole', 'industry', 'companySize'])
    // The stored e-mail is known, yet never rendered back into the form.
    expect(second.getState().profile.fields.email?.value).toBe('ada@example.com')
    expect(screen.getByLabelText('Business e-mail')).toHaveProperty('value', '')
    expect(again.container.innerHTML).not.toContain('ada@example.com')
    expect(again.container.innerHTML).not.toContain('ACME')
  })

  test('"Not you? Start over" forgets a recognised visitor and asks from the start', async () => {
    const config = fixtureConfig()
    const storage = memoryStorage()
    await firstVisitDone(config, storage)
    const trickle = visit(config, storage)
    const user = userEvent.setup()
    const view = render(
      withProvider({ trickle, locale: 'en' }, <ProgressiveForm formId="whitepaper" />),
    )
    expect(fieldIds(view.container)).toEqual(['email', 'jobRole', 'industry', 'companySize'])
    const visitorId = trickle.getState().profile.visitorId

    await user.click(screen.getByRole('button', { name: 'Start over' }))

    expect(fieldIds(view.container)).toEqual(['email', 'firstName', 'lastName', 'company'])
    expect(trickle.getState().profile.visitorId).not.toBe(visitorId)
    expect(screen.queryByRole('button', { name: 'Start over' })).toBeNull()
    expect(storage.getItem(defaultStorageKey)).toBeNull()

    // The next person fills the same form, the e-mail field included (it stayed in place).
    await user.type(screen.getByLabelText('Business e-mail'), 'bo@example.com')
    await user.type(screen.getByLabelText('First name'), 'Bo')
    await user.type(screen.getByLabelText('Last name'), 'Berg')
    await user.type(screen.getByLabelText('Company'), 'Berg AG')
    await user.click(screen.getByRole('button', { name: 'Send' }))
    await screen.findByText('Thank you! Your answers were saved.')
    expect(trickle.getState().profile.fields.email?.value).toBe('bo@example.com')
  })

  test('picking a leading job role reveals the budget field (config derived from the fixture: budget right after jobRole; sales granted on visit 1)', async () => {
    const input = fixtureInput()
    const config = parse({
      ...input,
      forms: input.forms.map((form) =>
        form.id === 'whitepaper'
          ? {
              ...form,
              sequence: ['firstName', 'lastName', 'company', 'jobRole', 'budget', 'industry'],
            }
          : form,
      ),
    })
    const storage = memoryStorage()
    await firstVisitDone(config, storage)
    const trickle = visit(config, storage)
    const user = userEvent.setup()
    const view = render(
      withProvider({ trickle, locale: 'en' }, <ProgressiveForm formId="whitepaper" />),
    )
    expect(fieldIds(view.container)).toEqual(['email', 'jobRole', 'industry'])

    await user.selectOptions(screen.getByLabelText('Position'), 'C-level')
    expect(fieldIds(view.container)).toEqual(['email', 'jobRole', 'budget', 'industry'])
    expect(screen.getByRole('group', { name: 'Planned budget' })).toBeTruthy()

    await user.selectOptions(screen.getByLabelText('Position'), 'Specialist')
    expect(fieldIds(view.container)).toEqual(['email', 'jobRole', 'industry'])

    await user.selectOptions(screen.getByLabelText('Position'), 'Head of department')
    await user.click(screen.getByRole('radio', { name: '10.000 - 50.000 €' }))
    await user.type(screen.getByLabelText('Business e-mail'), 'ada@example.com')
    await user.selectOptions(screen.getByLabelText('Industry'), 'Retail')
    await user.click(screen.getByRole('button', { name: 'Send' }))

    await screen.findByText('Thank you! Your answers were saved.')
    expect(trickle.getState().profile.fields.budget?.value).toBe('10k-50k')
  })
})

describe('consents', () => {
  test('offered consents are unticked, show the label, the full text and the privacy link', async () => {
    const trickle = visit(fixtureConfig())
    const user = userEvent.setup()
    render(withProvider({ trickle, locale: 'en' }, <ProgressiveForm formId="whitepaper" />))

    const group = screen.getByRole('group', { name: 'Your choice (optional)' })
    const boxes = within(group).getAllByRole('checkbox')
    expect(boxes.map((box) => (box as HTMLInputElement).checked)).toEqual([false, false])
    const sales = within(group).getByRole('checkbox', { name: 'Contact by our sales team' })
    expect(sales.getAttribute('aria-describedby')).toBeTruthy()
    const text = document.getElementById(sales.getAttribute('aria-describedby')!)
    expect(text?.textContent).toContain('Yes, sales may contact me by e-mail or phone')
    const links = within(group).getAllByRole('link', { name: 'Privacy policy' })
    expect(links.map((link) => link.getAttribute('href'))).toEqual([
      privacyLinks.en,
      privacyLinks.en,
    ])

    await user.type(screen.getByLabelText('Business e-mail'), 'ada@example.com')
    await user.type(screen.getByLabelText('First name'), 'Ada')
    await user.type(screen.getByLabelText('Last name'), 'Lovelace')
    await user.type(screen.getByLabelText('Company'), 'ACME')
    await user.click(screen.getByRole('checkbox', { name: 'Newsletter' }))
    await user.click(screen.getByRole('button', { name: 'Send' }))
    await screen.findByText('Thank you! Your answers were saved.')

    const decisions = trickle
      .getState()
      .profile.consents.map((event) => [event.purposeId, event.decision, event.locale])
    expect(decisions).toEqual([
      ['newsletter', 'granted', 'en'],
      ['sales', 'denied', 'en'],
    ])
  })

  test('ticking an offered consent makes its fields available at once (config derived from the fixture: sequence firstName, phone)', async () => {
    const input = fixtureInput()
    const config = parse({
      ...input,
      forms: input.forms.map((form) =>
        form.id === 'whitepaper' ? { ...form, sequence: ['firstName', 'phone'] } : form,
      ),
    })
    const trickle = visit(config)
    const user = userEvent.setup()
    const view = render(
      withProvider({ trickle, locale: 'en' }, <ProgressiveForm formId="whitepaper" />),
    )
    expect(fieldIds(view.container)).toEqual(['email', 'firstName'])
    await user.click(screen.getByRole('checkbox', { name: 'Contact by our sales team' }))
    expect(fieldIds(view.container)).toEqual(['email', 'firstName', 'phone'])
    await user.click(screen.getByRole('checkbox', { name: 'Contact by our sales team' }))
    expect(fieldIds(view.container)).toEqual(['email', 'firstName'])

    await user.click(screen.getByRole('checkbox', { name: 'Contact by our sales team' }))
    await user.type(screen.getByLabelText('Business e-mail'), 'ada@example.com')
    await user.type(screen.getByLabelText('First name'), 'Ada')
    await user.type(screen.getByLabelText('Phone (optional)'), '+49 30 1234567')
    await user.click(screen.getByRole('button', { name: 'Send' }))
    await screen.findByText('Thank you! Your answers were saved.')
    expect(trickle.getState().profile.fields.phone).toBeDefined()
  })

  test('each field explains why it is asked: its purposes with their legal basis', () => {
    const trickle = visit(fixtureConfig())
    const { container } = render(
      withProvider({ trickle, locale: 'en' }, <ProgressiveForm formId="whitepaper" />),
    )
    const why = container.querySelector('[data-trickle-field="email"] details')!
    expect(within(why as HTMLElement).getByText('Why do we ask?').tagName).toBe('SUMMARY')
    expect(why.textContent).toContain('Sending you the download – needed to fulfil your request')
    const company = container.querySelector('[data-trickle-field="company"] details')!
    expect(company.textContent).toContain('Content that fits you – our legitimate interest')
  })
})

describe('German', () => {
  test('locale="de" shows German labels, consent texts, UI strings and validation messages', async () => {
    const trickle = visit(fixtureConfig())
    const user = userEvent.setup()
    render(withProvider({ trickle, locale: 'de' }, <ProgressiveForm formId="whitepaper" />))

    expect(screen.getByLabelText('Geschäftliche E-Mail')).toBeTruthy()
    expect(screen.getByLabelText('Vorname')).toBeTruthy()
    expect(screen.getAllByText('Warum fragen wir?')).toHaveLength(4)
    expect(screen.getByRole('checkbox', { name: 'Kontakt durch den Vertrieb' })).toBeTruthy()
    expect(screen.getByText(/Ja, der Vertrieb darf mich/)).toBeTruthy()
    expect(
      screen.getAllByRole('link', { name: 'Datenschutzerklärung' })[0]?.getAttribute('href'),
    ).toBe(privacyLinks.de)

    await user.click(screen.getByRole('button', { name: 'Absenden' }))
    expect(await screen.findByText('Bitte prüfen Sie diese Angaben:')).toBeTruthy()
    expect(screen.getAllByText('Bitte füllen Sie dieses Feld aus.').length).toBeGreaterThan(0)
    expect(screen.getByRole('status').textContent).toBe(
      'Einige Angaben brauchen Ihre Aufmerksamkeit.',
    )
  })

  test('every UI string can be overridden through messages, validation messages by code', async () => {
    const trickle = visit(fixtureConfig())
    const user = userEvent.setup()
    const messages = { submit: 'Jetzt lesen', validation: { required: 'Pflichtfeld' } }
    render(
      withProvider({ trickle, locale: 'de', messages }, <ProgressiveForm formId="whitepaper" />),
    )
    await user.click(screen.getByRole('button', { name: 'Jetzt lesen' }))
    expect(await screen.findAllByText('Pflichtfeld')).not.toHaveLength(0)
  })
})

describe('validation and accessibility', () => {
  test('an invalid submit shows an error summary, marks the fields and focuses the first', async () => {
    const trickle = visit(fixtureConfig())
    const user = userEvent.setup()
    render(withProvider({ trickle, locale: 'en' }, <ProgressiveForm formId="whitepaper" />))
    await user.type(screen.getByLabelText('Business e-mail'), 'not-an-address')
    await user.type(screen.getByLabelText('First name'), 'Ada')
    await user.click(screen.getByRole('button', { name: 'Send' }))

    const summary = await screen.findByRole('group', { name: 'Please check these answers:' })
    expect(
      within(summary)
        .getAllByRole('link')
        .map((link) => link.textContent),
    ).toEqual([
      'Business e-mail: Please enter a valid e-mail address, e.g. name@company.com.',
      'Last name: Please fill in this field.',
      'Company: Please fill in this field.',
    ])
    const email = screen.getByLabelText('Business e-mail')
    expect(document.activeElement).toBe(email)
    expect(email.getAttribute('aria-invalid')).toBe('true')
    const described = email.getAttribute('aria-describedby')!.split(' ')
    expect(described.map((id) => document.getElementById(id)?.textContent)).toEqual([
      'Please enter a valid e-mail address, e.g. name@company.com.',
    ])
    expect(screen.getByLabelText('First name').getAttribute('aria-invalid')).toBeNull()
    expect(screen.getByRole('status').textContent).toBe('Some answers need your attention.')

    await user.click(within(summary).getByRole('link', { name: /^Company/ }))
    expect(document.activeElement).toBe(screen.getByLabelText('Company'))
  })

  test('problems the core finds when sending mark their field, or are listed when they belong to none', async () => {
    const trickle = visit(fixtureConfig())
    // The core re-checks what it sends (e.g. after another tab changed the profile).
    trickle.submit = async () => ({
      ok: false,
      error: {
        code: 'invalid',
        message: '2 invalid answer(s); nothing was sent.',
        errors: [
          { path: '/consents/other', code: 'not-asked', message: 'This was not asked.' },
          { path: '/values/company', code: 'too-long', message: 'Please shorten this.' },
        ],
      },
    })
    const user = userEvent.setup()
    render(withProvider({ trickle, locale: 'en' }, <ProgressiveForm formId="whitepaper" />))
    await user.type(screen.getByLabelText('Business e-mail'), 'ada@example.com')
    await user.type(screen.getByLabelText('First name'), 'Ada')
    await user.type(screen.getByLabelText('Last name'), 'Lovelace')
    await user.type(screen.getByLabelText('Company'), 'ACME')
    await user.click(screen.getByRole('button', { name: 'Send' }))

    const summary = await screen.findByRole('group', { name: 'Please check these answers:' })
    expect(
      within(summary)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['Company: Please shorten this.', 'This was not asked.'])
    const company = screen.getByLabelText('Company')
    expect(document.activeElement).toBe(company)
    expect(company.getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByRole('status').textContent).toBe('Some answers need your attention.')
  })

  test('axe-core finds no violations on the empty form, the form with errors and the success state', async () => {
    const trickle = visit(fixtureConfig())
    const user = userEvent.setup()
    const { container } = render(
      withProvider({ trickle, locale: 'en' }, <ProgressiveForm formId="whitepaper" />),
    )
    expect(await axeViolations(container)).toEqual([])

    await user.click(screen.getByRole('button', { name: 'Send' }))
    await screen.findByRole('group', { name: 'Please check these answers:' })
    expect(await axeViolations(container)).toEqual([])

    await user.type(screen.getByLabelText('Business e-mail'), 'ada@example.com')
    await user.type(screen.getByLabelText('First name'), 'Ada')
    await user.type(screen.getByLabelText('Last name'), 'Lovelace')
    await user.type(screen.getByLabelText('Company'), 'ACME')
    await user.click(screen.getByRole('button', { name: 'Send' }))
    await screen.findByText('Thank you! Your answers were saved.')
    expect(document.activeElement).toBe(screen.getByRole('status'))
    expect(await axeViolations(container)).toEqual([])
  })

  test('the whole form works with the keyboard alone', async () => {
    const trickle = visit(fixtureConfig())
    const user = userEvent.setup()
    render(withProvider({ trickle, locale: 'en' }, <ProgressiveForm formId="whitepaper" />))
    await user.tab()
    expect(document.activeElement).toBe(screen.getByLabelText('Business e-mail'))
    await user.keyboard('ada@example.com')
    await user.tab()
    // A native <summary>: browsers open it with Enter and Space (jsdom does not emulate that).
    expect(document.activeElement?.tagName).toBe('SUMMARY')
    expect(document.activeElement?.textContent).toBe('Why do we ask?')
    for (const text of ['Ada', 'Lovelace', 'ACME']) {
      await user.tab()
      await user.keyboard(text)
      await user.tab() // past its "Why do we ask?"
    }
    await user.tab()
    expect(document.activeElement).toBe(screen.getByRole('checkbox', { name: 'Newsletter' }))
    await user.keyboard(' ')
    await user.keyboard('{Enter}')
    await screen.findByText('Thank you! Your answers were saved.')
    expect(trickle.getState().profile.fields.company?.formId).toBe('whitepaper')
    expect(trickle.getState().profile.consents[0]?.decision).toBe('granted')
  })
})

describe('sending', () => {
  async function fillVisitOne(user: ReturnType<typeof userEvent.setup>) {
    await user.type(screen.getByLabelText('Business e-mail'), 'ada@example.com')
    await user.type(screen.getByLabelText('First name'), 'Ada')
    await user.type(screen.getByLabelText('Last name'), 'Lovelace')
    await user.type(screen.getByLabelText('Company'), 'ACME')
  }

  test('a server that asks other fields now says so instead of blaming the connection', async () => {
    const trickle = visit(fixtureConfig(), memoryStorage(), {
      transport: async () => {
        throw new HttpTransportError(409, 'plan-changed', 'The form has changed.', [
          { path: '/values/company', code: 'not-asked', message: 'Not asked.' },
        ])
      },
    })
    const user = userEvent.setup()
    render(withProvider({ trickle, locale: 'de' }, <ProgressiveForm formId="whitepaper" />))
    await user.type(screen.getByLabelText('Geschäftliche E-Mail'), 'ada@example.com')
    await user.type(screen.getByLabelText('Vorname'), 'Ada')
    await user.type(screen.getByLabelText('Nachname'), 'Lovelace')
    await user.type(screen.getByLabelText('Unternehmen'), 'ACME')
    await user.click(screen.getByRole('button', { name: 'Absenden' }))

    await screen.findByRole('button', { name: 'Erneut versuchen' })
    expect(screen.getByRole('status').textContent).toBe(
      'Willkommen zurück! Einige Angaben hatten wir schon, daher fragt das Formular jetzt nur noch, was fehlt. Bitte prüfen und erneut absenden.',
    )
    expect(screen.getByLabelText('Vorname')).toHaveProperty('value', 'Ada')
  })

  test('a failing transport keeps the typed values, explains it, and the button retries', async () => {
    const requests: TransportRequest[] = []
    let online = false
    const trickle = visit(fixtureConfig(), memoryStorage(), {
      transport: async (request) => {
        requests.push(request)
        if (!online) throw new Error('network down')
      },
    })
    const user = userEvent.setup()
    render(withProvider({ trickle, locale: 'en' }, <ProgressiveForm formId="whitepaper" />))
    await fillVisitOne(user)
    await user.click(screen.getByRole('button', { name: 'Send' }))

    expect(await screen.findByRole('button', { name: 'Try again' })).toBeTruthy()
    expect(screen.getByRole('status').textContent).toBe(
      'We could not send your answers. Nothing is lost: check your connection and try again.',
    )
    expect(screen.getByLabelText('Business e-mail')).toHaveProperty('value', 'ada@example.com')
    expect(screen.getByLabelText('Company')).toHaveProperty('value', 'ACME')
    expect(Object.keys(trickle.getState().profile.fields)).toEqual([])

    online = true
    await user.click(screen.getByRole('button', { name: 'Try again' }))
    await screen.findByText('Thank you! Your answers were saved.')
    expect(requests).toHaveLength(2)
    expect(requests[1]?.idempotencyKey).toBe(requests[0]?.idempotencyKey)
    expect(trickle.getState().profile.fields.company).toBeDefined()
  })

  test('double submit is impossible: a second click while sending sends nothing', async () => {
    const gate = deferred<undefined>()
    const transport = vi.fn(() => gate.promise)
    const trickle = visit(fixtureConfig(), memoryStorage(), { transport })
    const user = userEvent.setup()
    render(withProvider({ trickle, locale: 'en' }, <ProgressiveForm formId="whitepaper" />))
    await fillVisitOne(user)
    const button = screen.getByRole('button', { name: 'Send' })
    await user.click(button)
    expect(await screen.findByRole('button', { name: 'Sending…' })).toBe(button)
    expect(button.getAttribute('aria-disabled')).toBe('true')
    await user.click(button)
    await user.keyboard('{Enter}')
    expect(transport).toHaveBeenCalledTimes(1)

    await act(async () => gate.resolve(undefined))
    await screen.findByText('Thank you! Your answers were saved.')
    expect(transport).toHaveBeenCalledTimes(1)
  })

  test('onSubmitted receives the submission', async () => {
    const onSubmitted = vi.fn()
    const trickle = visit(fixtureConfig())
    const user = userEvent.setup()
    render(
      withProvider(
        { trickle, locale: 'en' },
        <ProgressiveForm formId="whitepaper" onSubmitted={onSubmitted} submitLabel="Read it" />,
      ),
    )
    await fillVisitOne(user)
    await user.click(screen.getByRole('button', { name: 'Read it' }))
    await screen.findByText('Thank you! Your answers were saved.')
    expect(onSubmitted).toHaveBeenCalledTimes(1)
    expect(onSubmitted.mock.calls[0]?.[0].submission.fieldIds).toEqual([
      'email',
      'firstName',
      'lastName',
      'company',
    ])
  })
})
