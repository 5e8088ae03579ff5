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

/** The packages the source imports (`react-dom/client` counts as `react-dom`). */
function importedPackages(): Set<string> {
  const names = new Set<string>()
  for (const file of readdirSync(resolve(import.meta.dirname, '../src'))) {
    for (const [, specifier = ''] of read(`../src/${file}`).matchAll(/from '([^'.][^']*)'/g)) {
      const parts = specifier.split('/')
      names.add(specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? ''))
    }
  }
  return names
}

test("the form state is the core session's: no form library to install", () => {
  expect(pkg.dependencies).not.toHaveProperty('react-hook-form')
  expect(pkg.peerDependencies).toEqual({
    react: '^18.3.0 || ^19.0.0',
    'react-dom': '^18.3.0 || ^19.0.0',
  })
  expect(pkg.devDependencies ?? {}).not.toHaveProperty('react-hook-form')
})

test('everything the source imports besides @trickle/core is a peer dependency', () => {
  const imported = [...importedPackages()].filter((name) => name !== '@trickle/core').sort()
  expect(imported).toEqual(['react'])
  for (const name of imported) {
    expect(pkg.peerDependencies, name).toHaveProperty(name)
    expect(pkg.dependencies ?? {}, name).not.toHaveProperty(name)
  }
  expect(pkg.dependencies).toEqual({ '@trickle/core': '0.0.0' })
})

test.each(['../../../README.md', '../README.md', '../../../docs/react-guide.md'])(
  '%s states the install line and every peer range',
  (file) => {
    const text = read(file)
    expect(text).toContain('npm install @trickle/core @trickle/react zod')
    expect(text).not.toContain('react-hook-form')
    for (const range of Object.values(pkg.peerDependencies ?? {})) {
      // Markdown tables escape the `|` of `||`.
      expect(text.replaceAll('\\|', '|')).toContain(`\`${range}\``)
    }
  },
)
