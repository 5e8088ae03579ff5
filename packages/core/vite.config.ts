import { defineConfig } from 'vitest/config'
import { libraryConfig } from '../../scripts/vite-library.ts'

export default defineConfig(
  libraryConfig({
    dir: import.meta.dirname,
    entries: { index: 'src/index.ts', config: 'src/config.ts' },
    environment: 'node',
  }),
)
