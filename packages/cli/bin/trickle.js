#!/usr/bin/env node
// The `trickle` command. An installed @trickle/cli runs its build (dist/). In a checkout of the
// Trickle repository, where nothing is built after `npm ci`, it runs the TypeScript sources of
// the workspaces instead: tsx compiles them and the `@trickle/source` export condition points
// @trickle/core and @trickle/server at their `src/`, as the repository's own scripts do.
import { existsSync } from 'node:fs'
import { register } from 'node:module'

const built = new URL('../dist/bin.js', import.meta.url)

if (existsSync(built)) {
  await import(built.href)
} else {
  /** @type {typeof import('tsx/esm/api')} */
  let tsx
  try {
    tsx = await import('tsx/esm/api')
  } catch {
    console.error(
      '@trickle/cli is not built (dist/bin.js is missing) and tsx is not installed to run its ' +
        'sources. Run `npm run build` in the Trickle repository, or install @trickle/cli from npm.',
    )
    process.exit(1)
  }
  tsx.register()
  // Registered last, so it runs first: every import may use the `@trickle/source` condition.
  register(
    'data:text/javascript,' +
      encodeURIComponent(
        'export const resolve = (specifier, context, next) => next(specifier, ' +
          "{ ...context, conditions: [...context.conditions, '@trickle/source'] })",
      ),
  )
  await import(new URL('../src/bin.ts', import.meta.url).href)
}
