/// <reference types="node" />
import { readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { expect, test } from 'vitest'
import * as api from '../src/index'

test('the public runtime surface is exactly this (a change here is deliberate)', () => {
  expect(Object.keys(api).sort()).toEqual([
    'ConsentManager',
    'GatedDownload',
    'ProgressiveForm',
    'TrickleProvider',
    'de',
    'defaultComponents',
    'en',
    'formatMessage',
    'resolveMessages',
    'useConsent',
    'useFieldController',
    'useFormErrors',
    'useGatedDownload',
    'useProgressiveForm',
    'useTrickle',
  ])
})

test('"use client" opens the source entry and is added back to the bundle as a banner', () => {
  const entry = readFileSync(resolve(import.meta.dirname, '../src/index.ts'), 'utf8')
  expect(entry.split('\n')[0]).toBe("'use client'")
  const viteConfig = readFileSync(resolve(import.meta.dirname, '../vite.config.ts'), 'utf8')
  expect(viteConfig).toMatch(/output: \{ banner: "'use client';" \}/)
})

test('styles.css is exported and themable through --trickle-* custom properties', () => {
  const pkg = JSON.parse(readFileSync(resolve(import.meta.dirname, '../package.json'), 'utf8'))
  expect(pkg.exports['./styles.css']).toBe('./styles.css')
  expect(pkg.sideEffects).toEqual(['*.css'])
  const css = readFileSync(resolve(import.meta.dirname, '../styles.css'), 'utf8')
  expect(css).toMatch(/--trickle-accent:/)
  expect(css).toMatch(/:focus-visible/)
})
