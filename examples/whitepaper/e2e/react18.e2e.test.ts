import { expect, inject, test } from 'vitest'
import {
  answer,
  download,
  expectPdf,
  newVisitor,
  openGate,
  sharedBrowser,
  submitGate,
} from './support'

const browser = sharedBrowser()

test('on React 18.3 the site renders and a gated download unlocks', async () => {
  const visitor = await newVisitor(browser())
  const { page } = visitor
  // react-dom announces itself (with its version) to the DevTools hook when it loads.
  await page.addInitScript(() => {
    const renderers: string[] = []
    Object.assign(window, {
      __trickleRenderers: renderers,
      __REACT_DEVTOOLS_GLOBAL_HOOK__: {
        supportsFiber: true,
        isDisabled: false,
        renderers: new Map(),
        inject(renderer: { version?: string }) {
          renderers.push(renderer.version ?? 'unknown')
          return renderers.length
        },
        checkDCE() {},
        onCommitFiberRoot() {},
        onCommitFiberUnmount() {},
        onPostCommitFiberRoot() {},
        setStrictMode() {},
      },
    })
  })
  await page.goto(`${inject('react18Url')}/?lang=en`)
  await page.locator('main#main > *').first().waitFor()
  const renderers = await page.evaluate(
    () => (window as unknown as { __trickleRenderers: string[] }).__trickleRenderers,
  )
  expect(renderers).toEqual([expect.stringMatching(/^18\.3\./)])

  const gate = await openGate(page, 'whitepaper')
  await answer(gate, {
    'Business e-mail': 'ada@fernhollow-customer.example',
    'First name': 'Ada',
    'Last name': 'Lovelace',
    Company: 'Analytical Engines',
  })
  await submitGate(gate)
  const file = await download(page, gate.getByRole('link', { name: /^Download / }))
  expectPdf(file.bytes)
  await visitor.done()
})
