import { defineConfig } from 'vitest/config'

const source = '@trickle/source'

/**
 * The custom element on the core's TypeScript sources (no build needed to develop). `vite build`
 * writes one classic script, `dist/trickle-gate.js`, for a single `<script>` tag on any page.
 * The whitepaper PDFs are served as they are (`/whitepaper.pdf`, `/benchmark.pdf`).
 */
export default defineConfig({
  root: import.meta.dirname,
  publicDir: '../whitepaper/assets',
  resolve: { conditions: [source, 'module', 'browser', 'development|production'] },
  ssr: { resolve: { conditions: [source, 'module', 'node', 'development|production'] } },
  build: {
    target: 'es2022',
    outDir: 'dist',
    emptyOutDir: true,
    copyPublicDir: false,
    lib: {
      entry: 'src/main.ts',
      formats: ['iife'],
      name: 'TrickleGate',
      fileName: () => 'trickle-gate.js',
    },
  },
  test: {
    name: 'example-web-component',
    root: import.meta.dirname,
    environment: 'jsdom',
    include: ['tests/**/*.test.ts'],
  },
})
