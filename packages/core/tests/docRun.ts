/// <reference types="node" />
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import ts from 'typescript'
import type { DocBlock } from './docBlocks'

/** Modules a self-contained block may import, besides the page's `./trickle.config.json`. */
export type ModuleMap = Readonly<Record<string, unknown>>

const configImport = './trickle.config.json'
/** Globals that exist only in a browser: blocks that use them are type-checked, not run. */
const browserOnly = /\b(?:document|window|localStorage|sessionStorage|navigator|HTMLElement)\b/

/** The modules a block imports, e.g. `['@trickle/core']`. */
export function importsOf(code: string): string[] {
  return ts.preProcessFile(code, true, true).importedFiles.map((file) => file.fileName)
}

/**
 * A block runs when it is TypeScript (not TSX) that imports only the given modules (and the
 * page's config), touches no browser globals and is not flagged `no-run`.
 */
export function isSelfContained(block: DocBlock, modules: ModuleMap): boolean {
  if (block.lang !== 'ts' || block.flags.has('skip-check') || block.flags.has('no-run')) {
    return false
  }
  const imports = importsOf(block.code)
  return (
    imports.length > 0 &&
    imports.every((name) => name === configImport || Object.hasOwn(modules, name)) &&
    !browserOnly.test(block.code.replace(/\/\/.*$/gm, ''))
  )
}

/**
 * The documented results: the text after `// =>` on lines that log, read as a JavaScript
 * value (`// => ['email', 'company']`, `// => 'granted'`, `// => true`).
 */
export function expectedLogs(code: string): unknown[] {
  const results: unknown[] = []
  for (const line of code.split('\n')) {
    const at = line.indexOf('// => ')
    if (at === -1) continue
    const text = line.slice(at + 6).trim()
    try {
      results.push(new Function(`return (${text})`)() as unknown)
    } catch (error) {
      throw new Error(`"// => ${text}" is not a JavaScript value: ${(error as Error).message}`, {
        cause: error,
      })
    }
  }
  return results
}

const AsyncFunction = Object.getPrototypeOf(async () => undefined).constructor as new (
  ...args: string[]
) => (...values: unknown[]) => Promise<void>

/**
 * Runs a block as a module with the given modules and the page's config, and returns the
 * first argument of every `console.log` call, in order.
 */
export async function runBlock(
  block: DocBlock,
  dir: string,
  modules: ModuleMap,
): Promise<unknown[]> {
  const js = ts.transpileModule(block.code, {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
  }).outputText
  const require = (name: string): unknown => {
    if (name === configImport) {
      return JSON.parse(readFileSync(join(dir, 'trickle.config.json'), 'utf8')) as unknown
    }
    if (Object.hasOwn(modules, name)) return modules[name]
    throw new Error(`the block imports ${name}, which the docs test does not provide`)
  }
  const logs: unknown[] = []
  const log = (first?: unknown): void => {
    logs.push(first)
  }
  const quiet = { ...console, log }
  const run = new AsyncFunction('require', 'exports', 'module', 'console', js)
  const exports = {}
  await run(require, exports, { exports }, quiet)
  return logs
}
