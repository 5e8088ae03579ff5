import { createRequire } from 'node:module'
import { dirname } from 'node:path'

const require = createRequire(import.meta.url)
/** The folder of this workspace's own copy of a React 18 package. */
const react18 = (name: 'react' | 'react-dom') => dirname(require.resolve(`${name}/package.json`))

/**
 * Vite aliases that resolve `react`, `react-dom` and every subpath (`react-dom/client`,
 * `react/jsx-runtime`, `react-dom/server`...) to this workspace's React 18.3 copies. Used by
 * the `react18` test project and by the whitepaper example when `TRICKLE_REACT=18`.
 */
export const react18Aliases = [
  { find: /^react(\/.*)?$/, replacement: `${react18('react')}$1` },
  { find: /^react-dom(\/.*)?$/, replacement: `${react18('react-dom')}$1` },
]
