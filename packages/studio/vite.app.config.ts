import { resolve } from 'node:path'
import react from '@vitejs/plugin-react'
import { defineConfig, type Plugin } from 'vite'
import { sourceCondition } from '../../scripts/vite-library.ts'

const stubs = resolve(import.meta.dirname, 'src/app/editor/jsonSchemaStubs.ts')

/**
 * codemirror-json-schema renders descriptions as Markdown with shiki (a highlighter with its
 * themes and grammars, loaded at start-up) and parses YAML and JSON5 too. The studio edits JSON
 * and its descriptions are plain text: those three modules are swapped for small local ones,
 * which takes shiki, markdown-it, yaml and json5 out of the bundle.
 */
function jsonSchemaWithoutExtras(): Plugin {
  const replaced = new Set(['../utils/markdown', './json5-parser', './yaml-parser'])
  return {
    name: 'trickle-studio-json-schema-without-extras',
    enforce: 'pre',
    resolveId(source, importer) {
      if (!importer?.includes('codemirror-json-schema') || !replaced.has(source)) return null
      return stubs
    },
  }
}

// Always a production bundle, even when built from a test runner (NODE_ENV=test would make the
// React plugin emit development JSX calls that the production React does not have).
process.env.NODE_ENV = 'production'

/**
 * The studio's browser app: one self-contained script and stylesheet in dist/app (no CDN, no
 * code splitting), which the CLI's `trickle studio` and the server's /admin/studio serve.
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [jsonSchemaWithoutExtras(), react()],
  resolve: { conditions: [sourceCondition, 'module', 'browser', 'development|production'] },
  define: { 'process.env.NODE_ENV': JSON.stringify('production') },
  logLevel: 'warn',
  build: {
    target: 'es2022',
    outDir: 'dist/app',
    emptyOutDir: true,
    minify: true,
    sourcemap: false,
    cssCodeSplit: false,
    modulePreload: false,
    copyPublicDir: false,
    // One bundle by design (CodeMirror, React and the core make about 950 kB, 300 kB gzipped).
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      onwarn(warning, warn) {
        // configSchemaFor looks up the core's configJsonSchemaFor, which may not exist yet.
        if (
          warning.code === 'IMPORT_IS_UNDEFINED' &&
          warning.message.includes('configJsonSchemaFor')
        ) {
          return
        }
        warn(warning)
      },
      input: resolve(import.meta.dirname, 'src/app/main.tsx'),
      output: {
        format: 'es',
        entryFileNames: 'studio.js',
        assetFileNames: 'studio[extname]',
        codeSplitting: false,
      },
    },
  },
})
