import { render, screen } from '@testing-library/react'
import { version } from 'react'
import { version as domVersion } from 'react-dom'
import { useForm } from 'react-hook-form'
import { expect, test } from 'vitest'

test('this project runs on React 18.3 (react and react-dom)', () => {
  expect(version).toMatch(/^18\.3\./)
  expect(domVersion).toMatch(/^18\.3\./)
})

test('react-hook-form and Testing Library use the same React 18 (one copy: hooks work)', () => {
  // With a second React in the run, react-hook-form's hooks would throw "Invalid hook call".
  function Probe() {
    const form = useForm({ defaultValues: { name: 'Ada' } })
    return <output>{`${form.getValues('name')} on ${version}`}</output>
  }
  render(<Probe />)
  expect(screen.getByRole('status').textContent).toMatch(/^Ada on 18\.3\./)
})
