import { defineConfig } from 'vitest/config'
import { libraryConfig } from '../../scripts/vite-library.ts'

export default defineConfig(libraryConfig({ dir: import.meta.dirname, environment: 'node' }))
