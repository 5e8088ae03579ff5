import { defineConfig } from 'vitest/config'
import { libraryConfig } from '../../scripts/vite-library.ts'

const base = libraryConfig({ dir: import.meta.dirname, environment: 'jsdom' })

// Bundlers may drop module-level directives, so the built entry gets "use client" as a banner:
// React Server Components frameworks then treat the whole package as client code. The
// warning about the source entry's own directive is expected and silenced.
export default defineConfig({
  ...base,
  build: {
    ...base.build,
    rolldownOptions: {
      ...base.build?.rolldownOptions,
      output: { banner: "'use client';" },
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('use client')) {
          return
        }
        warn(warning)
      },
    },
  },
})
