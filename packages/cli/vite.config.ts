import { defineConfig, mergeConfig } from 'vitest/config'
import { libraryConfig } from '../../scripts/vite-library.ts'

export default mergeConfig(
  libraryConfig({
    dir: import.meta.dirname,
    entries: { index: 'src/index.ts', bin: 'src/bin.ts' },
  }),
  defineConfig({ test: { globalSetup: ['tests/support/buildCli.ts'], testTimeout: 20_000 } }),
)
