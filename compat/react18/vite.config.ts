import { createRequire } from 'node:module'
import { defineConfig } from 'vitest/config'
import { sourceCondition } from '../../scripts/vite-library.ts'
import { react18Aliases } from './react18Aliases.ts'

const repoRoot = `${import.meta.dirname}/../..`
const require = createRequire(import.meta.url)

/**
 * `@trickle/react`'s component tests (and the SSR test) once more, on React 18.3. React and
 * react-dom resolve to this workspace's copies; Testing Library is bundled
 * into the run instead of loaded by Node, so they import the aliased React 18 too (loaded by
 * Node, they would find the repo's React 19: two Reacts in one tree). `tests/reactVersion.test.tsx`
 * checks that the run really is on 18.
 */
export default defineConfig({
  root: repoRoot,
  resolve: {
    alias: [
      ...react18Aliases,
      // Its ES build, which Vite can bundle into the run (`main` is CommonJS).
      {
        find: /^@testing-library\/react$/,
        replacement: require.resolve('@testing-library/react/dist/@testing-library/react.esm.js'),
      },
    ],
    dedupe: ['react', 'react-dom'],
    conditions: [sourceCondition, 'module', 'browser', 'development|production'],
  },
  ssr: { resolve: { conditions: [sourceCondition, 'module', 'node', 'development|production'] } },
  test: {
    name: 'react18',
    root: repoRoot,
    environment: 'jsdom',
    include: ['packages/react/tests/**/*.test.tsx', 'compat/react18/tests/**/*.test.tsx'],
    server: { deps: { inline: ['@testing-library/react'] } },
  },
})
