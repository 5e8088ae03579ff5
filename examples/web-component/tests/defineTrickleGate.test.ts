import { assertConfig, createTrickle, memoryStorage, type TrickleEvent } from '@trickle/core'
import { expect, test } from 'vitest'
import rawConfig from '../../whitepaper/src/trickle.config.json'
import { defineTrickleGate } from '../src/defineTrickleGate'

const config = assertConfig(rawConfig)
const events: TrickleEvent[] = []
const trickle = createTrickle({
  config,
  storage: memoryStorage(),
  onEvent: (event) => events.push(event),
})
defineTrickleGate({ trickle })

const asked = (element: Element) =>
  [...element.querySelectorAll('[data-field]')].map((e) => e.getAttribute('data-field'))

function fill(element: Element, label: string, value: string) {
  const labelElement = [...element.querySelectorAll('label')].find((l) => l.textContent === label)
  const control = document.getElementById(labelElement?.htmlFor ?? '') as HTMLInputElement | null
  if (!control) throw new Error(`no field labelled ${label}`)
  control.value = value
  control.dispatchEvent(new Event('change', { bubbles: true }))
}

test('<trickle-gate> renders its form, unlocks its download and leaves nothing when removed', async () => {
  document.documentElement.lang = 'de'
  document.body.innerHTML = `
    <trickle-gate form="whitepaper" href="/whitepaper.pdf"><h2>Das Playbook</h2></trickle-gate>
    <trickle-gate form="benchmark" href="/benchmark.pdf"><h2>Der Benchmark</h2></trickle-gate>`
  const [playbook, benchmark] = [...document.querySelectorAll('trickle-gate')]
  if (!playbook || !benchmark) throw new Error('two gates expected')
  expect(asked(playbook)).toEqual(['email', 'firstName', 'lastName', 'company'])
  expect(playbook.textContent).toContain('Geschäftliche E-Mail')
  // Both gates show their form: both are announced to analytics.
  expect(events.filter((event) => event.type === 'plan-shown')).toHaveLength(2)

  fill(playbook, 'Geschäftliche E-Mail', 'ada@example.com')
  fill(playbook, 'Vorname', 'Ada')
  fill(playbook, 'Nachname', 'Lovelace')
  fill(playbook, 'Unternehmen', 'ACME')
  playbook.querySelector('form')!.requestSubmit()
  await new Promise((resolve) => setTimeout(resolve, 0))
  expect(playbook.querySelector('a.download')?.getAttribute('href')).toBe('/whitepaper.pdf')
  expect(events.filter((event) => event.type === 'download-unlocked')).toEqual([
    { type: 'download-unlocked', formId: 'whitepaper', href: '/whitepaper.pdf', oneClick: false },
  ])
  // The other gate of the page asks the next questions of the same visitor at once.
  expect(asked(benchmark)).toEqual(['email', 'jobRole', 'industry', 'companySize'])

  benchmark.remove()
  expect(benchmark.children).toHaveLength(1) // only its heading: the gate unmounted
  document.body.append(benchmark)
  expect(asked(benchmark)).toEqual(['email', 'jobRole', 'industry', 'companySize'])
})
