import { defineConfig } from 'vitest/config'

// Every package and example is a Vitest project with its own vite.config.ts; this file only
// gathers them, so `npm test` at the root runs them all.
export default defineConfig({
  test: {
    projects: ['packages/*', 'compat/*', 'examples/*'],
    passWithNoTests: false,
  },
})
