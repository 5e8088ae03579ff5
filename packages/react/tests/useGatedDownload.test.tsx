import { memoryStorage, type TrickleEvent } from '@trickle/core'
import { act, cleanup, render, screen } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { afterEach, expect, test } from 'vitest'
import {
  GatedDownload,
  useGatedDownload,
  type DownloadProps,
  type SuccessProps,
  type TrickleComponents,
} from '../src/index'
import { fixtureConfig, visit, withProvider } from './helpers'

afterEach(cleanup)

const first = { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', company: 'ACME' }

/** A headless gate: no form of ours, the answers go straight to the session. */
function HeadlessGate() {
  const gate = useGatedDownload('whitepaper', { href: '/paper.pdf' })
  return (
    <div>
      <p data-testid="gate">{gate.gate}</p>
      <p data-testid="fields">{gate.plan.fields.map((field) => field.id).join(' ')}</p>
      <button
        type="button"
        onClick={() => {
          gate.session.setDraft({ values: first })
          void gate.session.submit()
        }}
      >
        Send
      </button>
      {gate.gate === 'ready' ? <a href={gate.href}>Download</a> : null}
      {gate.known ? (
        <button type="button" onClick={gate.startOver}>
          Start over
        </button>
      ) : null}
    </div>
  )
}

test('useGatedDownload gives a headless UI the plan, the gate state and its actions', async () => {
  const events: TrickleEvent[] = []
  const trickle = visit(fixtureConfig(), memoryStorage(), {
    transport: async () => ({ downloadUrl: '/paper.pdf?token=1' }),
    onEvent: (event) => events.push(event),
  })
  const user = userEvent.setup()
  render(withProvider({ trickle, locale: 'en' }, <HeadlessGate />))
  expect(screen.getByTestId('gate').textContent).toBe('form')
  expect(screen.getByTestId('fields').textContent).toBe('email firstName lastName company')
  expect(events.filter((event) => event.type === 'plan-shown')).toHaveLength(1)

  await user.click(screen.getByRole('button', { name: 'Send' }))
  expect(await screen.findByRole('link', { name: 'Download' })).toHaveProperty(
    'href',
    'http://localhost:3000/paper.pdf?token=1',
  )
  expect(screen.getByTestId('gate').textContent).toBe('ready')
  expect(events.filter((event) => event.type === 'download-unlocked')).toEqual([
    { type: 'download-unlocked', formId: 'whitepaper', href: '/paper.pdf', oneClick: false },
  ])

  await user.click(screen.getByRole('button', { name: 'Start over' }))
  expect(screen.getByTestId('gate').textContent).toBe('form')
})

test('a UI kit replaces the download and the success view through components', async () => {
  const trickle = visit(fixtureConfig(), memoryStorage())
  const components: Partial<TrickleComponents> = {
    download: ({ title, href }: DownloadProps) => <a href={href}>Get {title} now</a>,
    success: ({ download, gate, onStartOver }: SuccessProps) => (
      <section aria-label="Unlocked">
        {download} ({gate}){onStartOver ? ' · you are known' : ''}
      </section>
    ),
  }
  render(
    withProvider(
      { trickle, locale: 'en', components },
      <GatedDownload formId="whitepaper" asset={{ href: '/p.pdf', title: 'The study' }} />,
    ),
  )
  await act(async () => {
    await trickle.submit('whitepaper', { values: first })
  })
  const unlocked = await screen.findByRole('region', { name: 'Unlocked' })
  expect(unlocked.textContent).toBe('Get The study now (ready) · you are known')
})
