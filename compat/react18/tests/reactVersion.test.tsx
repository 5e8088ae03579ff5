import { render, screen } from '@testing-library/react'
import { useSyncExternalStore, version } from 'react'
import { version as domVersion } from 'react-dom'
import { expect, test } from 'vitest'

test('this project runs on React 18.3 (react and react-dom)', () => {
  expect(version).toMatch(/^18\.3\./)
  expect(domVersion).toMatch(/^18\.3\./)
})

test('Testing Library and the components use the same React 18 (one copy: hooks work)', () => {
  // With a second React in the run, hooks would throw "Invalid hook call".
  function Probe() {
    const name = useSyncExternalStore(
      () => () => {},
      () => 'Ada',
    )
    return <output>{`${name} on ${version}`}</output>
  }
  render(<Probe />)
  expect(screen.getByRole('status').textContent).toMatch(/^Ada on 18\.3\./)
})
