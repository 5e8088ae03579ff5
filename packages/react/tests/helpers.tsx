/// <reference types="node" />
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import {
  createTrickle,
  memoryStorage,
  parseConfig,
  type Config,
  type ConfigInput,
  type Trickle,
  type TrickleOptions,
  type TrickleStorage,
} from '@trickle/core'
import type { ReactNode } from 'react'
import { TrickleProvider, type TrickleProviderProps } from '../src/index'

/** The shared B2B whitepaper fixture, as a marketer wrote it. */
export function fixtureInput(): ConfigInput {
  const file = resolve(import.meta.dirname, '../../core/tests/fixtures/b2b-whitepaper.json')
  return JSON.parse(readFileSync(file, 'utf8')) as ConfigInput
}

/** Parses a config (defaults filled in), failing loudly on a mistake in a test config. */
export function parse(input: ConfigInput): Config {
  const result = parseConfig(input)
  if (!result.ok) throw new Error(`test config: ${JSON.stringify(result.issues, null, 2)}`)
  return result.config
}

export const privacyLinks = {
  en: 'https://example.com/privacy',
  de: 'https://example.com/de/datenschutz',
}

/** The fixture with a privacy policy link (the fixture itself has none). */
export function fixtureConfig(): Config {
  return parse({ ...fixtureInput(), links: { privacy: privacyLinks } })
}

/**
 * One page load of a visitor: a fresh store on `storage`. Pass the same storage to the next
 * visit to simulate the visitor coming back.
 */
export function visit(
  config: Config,
  storage: TrickleStorage = memoryStorage(),
  options: Omit<TrickleOptions, 'config' | 'storage'> = {},
): Trickle {
  return createTrickle({ config, storage, ...options })
}

export function withProvider(props: Omit<TrickleProviderProps, 'children'>, ui: ReactNode) {
  return <TrickleProvider {...props}>{ui}</TrickleProvider>
}

/** A promise whose outcome the test decides. */
export function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (reason: unknown) => void
  const promise = new Promise<T>((yes, no) => {
    resolve = yes
    reject = no
  })
  return { promise, resolve, reject }
}

/** Visit 1 answered without UI: e-mail, first and last name, company; sales consent as given. */
export async function firstVisitDone(
  config: Config,
  storage: TrickleStorage,
  consents: { sales: boolean; newsletter: boolean } = { sales: true, newsletter: false },
) {
  const trickle = visit(config, storage)
  const result = await trickle.submit('whitepaper', {
    values: { email: 'ada@example.com', firstName: 'Ada', lastName: 'Lovelace', company: 'ACME' },
    consents,
  })
  if (!result.ok) throw new Error(`visit 1 failed: ${JSON.stringify(result.error)}`)
  trickle.destroy()
}
