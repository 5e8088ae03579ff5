import { defineConfig } from 'vitest/config'

/**
 * Browser tests: Debian's Chromium through playwright-core drives the example site, served by
 * Vite and talking to a real Trickle server (PGlite in a throwaway folder). The global setup
 * starts both on free loopback ports and stops them after. Run with `npm run test:e2e`.
 */
export default defineConfig({
  root: import.meta.dirname,
  test: {
    name: 'e2e',
    include: ['e2e/**/*.e2e.test.ts'],
    globalSetup: ['e2e/globalSetup.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // One browser per file; two files at a time is what two shared cores take comfortably.
    maxWorkers: 2,
    isolate: false,
  },
})
