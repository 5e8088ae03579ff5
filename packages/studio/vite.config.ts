import { defineConfig } from 'vitest/config'
import { libraryConfig } from '../../scripts/vite-library.ts'

// The Node entry (studioPage, studioAssets) is a library build like the other packages; the
// browser app is built separately by vite.app.config.ts into dist/app. Component tests run in
// jsdom; the Node-side tests say `@vitest-environment node`.
export default defineConfig(libraryConfig({ dir: import.meta.dirname, environment: 'jsdom' }))
