import react from '@vitejs/plugin-react'
import { defineConfig } from 'vitest/config'
import { react18Aliases } from '../../compat/react18/react18Aliases.ts'

const source = '@trickle/source'

/**
 * The example runs on the packages' TypeScript sources (the `@trickle/source` condition), so no
 * build is needed. When a Trickle server runs, `TRICKLE_API_URL` points at it and `/api` is
 * proxied there: the site and the API share one origin, so the visitor cookie is first-party.
 */
const api = process.env.TRICKLE_API_URL
/** `TRICKLE_REACT=18` serves the site on React 18.3 (the copies in compat/react18). */
const react18 = process.env.TRICKLE_REACT === '18'

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  // Tells the page whether to look for the server behind /api at all (no 404 probe without one).
  define: { 'import.meta.env.VITE_TRICKLE_SERVER': JSON.stringify(api ? 'proxy' : '') },
  resolve: {
    conditions: [source, 'module', 'browser', 'development|production'],
    ...(react18 && { alias: react18Aliases }),
  },
  ssr: { resolve: { conditions: [source, 'module', 'node', 'development|production'] } },
  server: {
    ...(api && {
      proxy: {
        '/api': { target: api, changeOrigin: false, rewrite: (path) => path.replace(/^\/api/, '') },
      },
    }),
  },
  preview: {
    ...(api && {
      proxy: {
        '/api': { target: api, changeOrigin: false, rewrite: (path) => path.replace(/^\/api/, '') },
      },
    }),
  },
  build: { target: 'es2022', outDir: 'dist', emptyOutDir: true },
  test: {
    name: 'example-whitepaper',
    root: import.meta.dirname,
    environment: 'jsdom',
    include: ['tests/**/*.test.{ts,tsx}'],
  },
})
