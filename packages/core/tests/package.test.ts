/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs'
import { resolve } from 'node:path'
import { expect, test } from 'vitest'

interface Manifest {
  dependencies?: Record<string, string>
  peerDependencies?: Record<string, string>
  devDependencies?: Record<string, string>
}

const read = (file: string) => readFileSync(resolve(import.meta.dirname, file), 'utf8')
const pkg = JSON.parse(read('../package.json')) as Manifest

test('the source imports only zod/mini and zustand/vanilla', () => {
  const specifiers = new Set<string>()
  const files = readdirSync(resolve(import.meta.dirname, '../src'), { recursive: true })
  const sources = files.map(String).filter((file) => file.endsWith('.ts'))
  expect(sources.length).toBeGreaterThan(50)
  for (const file of sources) {
    for (const [, specifier = ''] of read(`../src/${file}`).matchAll(/from '([^'.][^']*)'/g)) {
      specifiers.add(specifier)
    }
  }
  expect([...specifiers].sort()).toEqual(['zod/mini', 'zustand/vanilla'])
})

test('zod, which apps have themselves, is a peer from 4.1.13 (z.describe in zod/mini)', () => {
  expect(pkg.dependencies).not.toHaveProperty('zod')
  expect(pkg.peerDependencies).toEqual({ zod: '^4.1.13' })
  expect(pkg.devDependencies?.['zod']).toMatch(/^4\.\d+\.\d+$/)
})

test('zustand, the internal store, is a dependency with a range an app can share', () => {
  expect(pkg.dependencies).toEqual({ zustand: '^5.0.0' })
})

test('the README and the React guide state the zod and zustand ranges', () => {
  for (const file of ['../../../README.md', '../../../docs/react-guide.md']) {
    expect(read(file), file).toContain('`^4.1.13`')
    expect(read(file), file).toContain('`^5.0.0`')
  }
})
