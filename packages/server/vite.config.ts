import { defineConfig, mergeConfig } from 'vitest/config'
import { libraryConfig } from '../../scripts/vite-library.ts'

export default mergeConfig(
  libraryConfig({
    dir: import.meta.dirname,
    environment: 'node',
    entries: { index: 'src/index.ts', serve: 'src/serve.ts' },
  }),
  defineConfig({
    test: {
      // One PostgreSQL 15 for all suites (tests/support/postgres.ts).
      globalSetup: ['tests/support/globalSetup.ts'],
      testTimeout: 30_000,
      hookTimeout: 60_000,
    },
  }),
)
