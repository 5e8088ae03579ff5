import { readFileSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { resolve } from 'node:path'
import type { UserConfig } from 'vite'

/** The condition under which workspace packages expose their TypeScript sources. */
export const sourceCondition = '@trickle/source'

interface LibraryOptions {
  /** The package folder (pass `import.meta.dirname`). */
  dir: string
  /** Entry points, relative to the package folder, keyed by output name. */
  entries?: Record<string, string>
  /** Vitest environment for this package's tests. */
  environment?: 'node' | 'jsdom'
}

/**
 * One Vite config per package: library mode to ESM (dependencies stay external) and the
 * package's Vitest project, running on `src` through the source condition.
 */
export function libraryConfig({
  dir,
  entries = { index: 'src/index.ts' },
  environment = 'node',
}: LibraryOptions): UserConfig {
  const pkg = JSON.parse(readFileSync(resolve(dir, 'package.json'), 'utf8')) as {
    name: string
    dependencies?: Record<string, string>
    peerDependencies?: Record<string, string>
  }
  const externals = [
    ...Object.keys(pkg.dependencies ?? {}),
    ...Object.keys(pkg.peerDependencies ?? {}),
  ]
  const isExternal = (id: string): boolean =>
    id.startsWith('node:') ||
    builtinModules.includes(id) ||
    externals.some((name) => id === name || id.startsWith(`${name}/`))

  return {
    root: dir,
    resolve: { conditions: [sourceCondition, 'module', 'browser', 'development|production'] },
    ssr: { resolve: { conditions: [sourceCondition, 'module', 'node', 'development|production'] } },
    build: {
      target: 'es2022',
      outDir: 'dist',
      emptyOutDir: true,
      minify: false,
      sourcemap: true,
      lib: {
        entry: Object.fromEntries(
          Object.entries(entries).map(([name, file]) => [name, resolve(dir, file)]),
        ),
        formats: ['es'],
      },
      rolldownOptions: {
        external: (id: string) => isExternal(id),
        // Keep imported constants as imports: inlined, they leave a bare `import './x.js'` behind,
        // which app bundlers warn about (`"sideEffects": false`). The app's bundler inlines them.
        optimization: { inlineConst: false },
        // One output file per source module: with `"sideEffects": false`, an app's bundler then
        // drops whole modules it does not use (the config checker, the JSON Schema generator).
        output: { preserveModules: true, preserveModulesRoot: 'src', entryFileNames: '[name].js' },
      },
    },
    test: {
      name: pkg.name.replace('@trickle/', ''),
      root: dir,
      environment,
      include: ['tests/**/*.test.{ts,tsx}'],
      typecheck: {
        enabled: true,
        include: ['tests/**/*.test-d.ts'],
        tsconfig: resolve(dir, 'tsconfig.json'),
      },
    },
  }
}
