import { assertConfig, createTrickle, memoryStorage, type Trickle } from '@trickle/core'
import { beforeEach, describe, expect, test } from 'vitest'
import rawConfig from '../../whitepaper/src/trickle.config.json'
import { mountGate } from '../src/mountGate'

const config = assertConfig(rawConfig)
const asset = { href: '/whitepaper.pdf', title: 'The Playbook' }

let trickle: Trickle
let root: HTMLElement
beforeEach(() => {
  document.body.innerHTML = '<section id="a"></section><section id="b"></section>'
  trickle = createTrickle({ config, storage: memoryStorage() })
  root = document.getElementById('a')!
})

const asked = (element: Element) =>
  [...element.querySelectorAll('[data-field]')].map((e) => e.getAttribute('data-field'))

function fill(element: Element, label: string, value: string) {
  const labelElement = [...element.querySelectorAll('label')].find((l) => l.textContent === label)
  const control = document.getElementById(labelElement?.htmlFor ?? '') as HTMLInputElement | null
  if (!control) throw new Error(`no field labelled ${label}`)
  control.value = value
  control.dispatchEvent(new Event('change', { bubbles: true }))
}

async function submit(element: Element) {
  element.querySelector('form')!.requestSubmit()
  await new Promise((resolve) => setTimeout(resolve, 0))
}

describe('mountGate', () => {
  test('renders the planned fields and unticked consents in the page language', () => {
    mountGate(root, { trickle, formId: 'whitepaper', locale: 'de', asset })
    expect(asked(root)).toEqual(['email', 'firstName', 'lastName', 'company'])
    expect(root.textContent).toContain('Geschäftliche E-Mail')
    const boxes = [...root.querySelectorAll<HTMLInputElement>('[data-consent] input')]
    expect(boxes).toHaveLength(2)
    expect(boxes.every((box) => !box.checked)).toBe(true)
  })

  test('shows the core’s errors at the fields and in a focused summary', async () => {
    mountGate(root, { trickle, formId: 'whitepaper', locale: 'en', asset })
    await submit(root)
    const summary = root.querySelector<HTMLElement>('.error-summary')!
    expect(summary.hidden).toBe(false)
    expect(document.activeElement).toBe(summary)
    expect(root.querySelectorAll('[aria-invalid="true"]')).toHaveLength(4)
    const email = root.querySelector('[data-field="email"] input')!
    const error = document.getElementById(
      email.getAttribute('aria-describedby')!.split(' ').at(-1)!,
    )
    expect(error?.textContent).not.toBe('')
    expect(trickle.getState().profile.fields).toEqual({})
  })

  test('unlocks the download after a valid submit; the next gate asks the next fields', async () => {
    mountGate(root, { trickle, formId: 'whitepaper', locale: 'en', asset })
    fill(root, 'Business e-mail', 'ada@example.com')
    fill(root, 'First name', 'Ada')
    fill(root, 'Last name', 'Lindqvist')
    fill(root, 'Company', 'Lindqvist Metallbau')
    await submit(root)
    const link = root.querySelector<HTMLAnchorElement>('a.download')!
    expect(link.getAttribute('href')).toBe('/whitepaper.pdf')
    expect(document.activeElement).toBe(link)

    const second = document.getElementById('b')!
    mountGate(second, { trickle, formId: 'benchmark', locale: 'en', asset })
    expect(asked(second)).toEqual(['email', 'jobRole', 'industry', 'companySize'])
  })

  test('budget comes only with a head-of position and the sales consent, as the config says', async () => {
    mountGate(root, { trickle, formId: 'whitepaper', locale: 'en', asset })
    fill(root, 'Business e-mail', 'ada@example.com')
    fill(root, 'First name', 'Ada')
    fill(root, 'Last name', 'Lindqvist')
    fill(root, 'Company', 'Lindqvist Metallbau')
    root.querySelector<HTMLInputElement>('[data-consent="sales"] input')!.click()
    await submit(root)
    const second = document.getElementById('b')!
    mountGate(second, { trickle, formId: 'benchmark', locale: 'en', asset })
    fill(second, 'Business e-mail', 'ada@example.com')
    fill(second, 'Position', 'head')
    fill(second, 'Industry', 'it')
    fill(second, 'Company size', '50-249')
    await submit(second)
    expect(trickle.getState().profile.fields['jobRole']?.value).toBe('head')
    // Third gate, same page: budget (askIf position) and phone are what is left.
    const third = document.createElement('section')
    document.body.append(third)
    mountGate(third, { trickle, formId: 'security-guide', locale: 'en', asset })
    expect(asked(third)).toEqual(['email', 'budget', 'phone'])
  })

  test('"Not you?" forgets the visitor and asks from the start', async () => {
    mountGate(root, { trickle, formId: 'whitepaper', locale: 'en', asset })
    fill(root, 'Business e-mail', 'ada@example.com')
    fill(root, 'First name', 'Ada')
    fill(root, 'Last name', 'Lindqvist')
    fill(root, 'Company', 'Lindqvist Metallbau')
    await submit(root)
    const startOver = [...root.querySelectorAll('button')].find(
      (b) => b.textContent === 'Start over',
    )!
    startOver.click()
    expect(asked(root)).toEqual(['email', 'firstName', 'lastName', 'company'])
    expect(root.querySelector<HTMLInputElement>('[data-field="firstName"] input')!.value).toBe('')
  })

  test('an unknown form is an error that names the forms there are', () => {
    expect(() => mountGate(root, { trickle, formId: 'whitepapr', locale: 'en', asset })).toThrow(
      /no form "whitepapr"; use one of "whitepaper", "benchmark"/,
    )
  })
})
