/// <reference types="node" />
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { cleanup, render, screen } from '@testing-library/react'
import { userEvent } from '@testing-library/user-event'
import { afterEach, expect, test } from 'vitest'
import { App } from './readmeExample'

afterEach(() => {
  cleanup()
  localStorage.clear()
})

const read = (file: string) => readFileSync(resolve(import.meta.dirname, file), 'utf8')

test('the README example is this runnable file, word for word', () => {
  const block = /```tsx\n([\s\S]*?)```/.exec(read('../README.md'))?.[1]
  expect(block).toBe(read('readmeExample.tsx'))
})

test('the README example renders a gated download that unlocks', async () => {
  const user = userEvent.setup()
  render(<App />)
  await user.type(screen.getByLabelText('Business e-mail'), 'ada@example.com')
  await user.type(screen.getByLabelText('Company'), 'ACME')
  await user.click(screen.getByRole('button', { name: 'Get the download' }))
  const link = await screen.findByRole('link', { name: 'Download The study' })
  expect(link.getAttribute('href')).toBe('/files/study.pdf')
  expect(localStorage.length).toBe(1)
})
