// Runs drizzle-kit with this package's drizzle-orm. npm keeps drizzle-orm inside
// packages/server/node_modules (not hoisted), where drizzle-kit, installed at the root,
// cannot see it; a resolve hook points drizzle-kit's imports of drizzle-orm here.
// Usage: node scripts/drizzle-kit.mjs generate --name <what-changed>
import Module, { createRequire, register } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = createRequire(import.meta.url)
const ormEntry = pathToFileURL(here.resolve('drizzle-orm')).href

register(
  'data:text/javascript,' +
    encodeURIComponent(`
      export async function resolve(specifier, context, next) {
        if (specifier === 'drizzle-orm' || specifier.startsWith('drizzle-orm/')) {
          return next(specifier, { ...context, parentURL: ${JSON.stringify(ormEntry)} })
        }
        return next(specifier, context)
      }
    `),
)

// drizzle-kit also require()s drizzle-orm: add this package's node_modules to the CJS paths.
process.env.NODE_PATH = join(dirname(fileURLToPath(import.meta.url)), '..', 'node_modules')
Module._initPaths()

const kit = join(dirname(here.resolve('drizzle-kit')), 'bin.cjs')
process.argv.splice(1, 1, kit)
here(kit)
