import { defineConfig } from 'vitest/config'

const source = '@trickle/source'

/** Plain DOM on the core's TypeScript sources (the `@trickle/source` condition): no build needed. */
export default defineConfig({
  root: import.meta.dirname,
  resolve: { conditions: [source, 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: [source, 'module', 'node', 'development|production'] } },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true },
  test: {
    name: 'example-vanilla',
    root: import.meta.dirname,
    environment: 'jsdom',
    include: ['tests/**/*.test.ts'],
  },
})
