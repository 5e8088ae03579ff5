// @vitest-environment node
import { createTrickle } from '@trickle/core'
import { renderToString } from 'react-dom/server'
import { expect, test } from 'vitest'
import { ConsentManager, GatedDownload, TrickleProvider } from '../src/index'
import { fixtureConfig } from './helpers'

test('renderToString works without window or document', () => {
  expect(typeof window).toBe('undefined')
  expect(typeof document).toBe('undefined')
  const trickle = createTrickle({ config: fixtureConfig() })
  const html = renderToString(
    <TrickleProvider trickle={trickle} locale="en">
      <GatedDownload formId="whitepaper" asset={{ href: '/study.pdf', title: 'The study' }} />
      <ConsentManager />
    </TrickleProvider>,
  )

  expect(html).toContain('Business e-mail')
  expect(html).toContain('Get the download')
  expect(html).toContain('Your consents')
  // Every label points at a rendered control.
  const labelled = [...html.matchAll(/<label[^>]*for="([^"]+)"/g)].map((match) => match[1])
  expect(labelled.length).toBe(6)
  for (const id of labelled) expect(html).toContain(`id="${id}"`)
  // Consents are never pre-ticked, not even in server HTML.
  expect(html).not.toMatch(/<input[^>]*type="checkbox"[^>]*checked/)
})
