// Size budgets, enforced by `npm run size` in CI (after `npm run build`). Browser bundles are
// measured as an app ships them: minified, gzipped, with their dependencies, React external.
// Node packages (server, CLI) are measured without their dependencies: our own code only.
const nodeOnly = (config) => ({ ...config, platform: 'node', packages: 'external' })

export default [
  {
    name: '@trickle/core (with zod/mini and zustand)',
    path: 'packages/core/dist/index.js',
    import: '*',
    limit: '12 kB',
  },
  {
    name: 'Complete gated form (@trickle/react + core + react-hook-form + resolvers + zod + zustand)',
    path: 'packages/react/dist/index.js',
    import: '{ TrickleProvider, GatedDownload }',
    ignore: ['react', 'react-dom', 'react/jsx-runtime'],
    limit: '28 kB',
  },
  {
    name: '@trickle/server (own code)',
    path: 'packages/server/dist/index.js',
    modifyEsbuildConfig: nodeOnly,
    limit: '40 kB',
  },
  {
    name: '@trickle/cli (own code)',
    path: 'packages/cli/dist/index.js',
    modifyEsbuildConfig: nodeOnly,
    limit: '25 kB',
  },
]
