/// <reference types="node" />
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import ts from 'typescript'
import { repoRoot, type DocBlock, type DocPage } from './docBlocks'

/** Where the example projects of the pages are written (ignored by git, wiped on every run). */
export const docsCacheDir = join(repoRoot, 'node_modules/.cache/docs-check')

/** The config every page can import as `./trickle.config.json` unless it shows its own. */
export const defaultConfigPath = join(repoRoot, 'packages/core/tests/fixtures/b2b-whitepaper.json')

export interface DocProject {
  page: DocPage
  /** The page's folder: its titled blocks, its code blocks and `trickle.config.json`. */
  dir: string
  /** Each checked `ts`/`tsx` block with the file it was written to. */
  sources: { block: DocBlock; file: string }[]
}

const isCode = (block: DocBlock): boolean => block.lang === 'ts' || block.lang === 'tsx'

/**
 * Writes one folder per page: `trickle.config.json` (the fixture, unless the page has a block
 * titled so), every titled block at its path, and every other code block as its own module.
 */
export function writeDocProjects(pages: readonly DocPage[], root = docsCacheDir): DocProject[] {
  rmSync(root, { recursive: true, force: true })
  mkdirSync(root, { recursive: true })
  // Apps get CSS module types from their bundler (e.g. vite/client).
  writeFileSync(join(root, 'globals.d.ts'), "declare module '*.css'\n")
  return pages.map((page) => {
    const dir = join(root, page.slug)
    mkdirSync(dir, { recursive: true })
    copyFileSync(defaultConfigPath, join(dir, 'trickle.config.json'))
    const sources: DocProject['sources'] = []
    const titles = new Set<string>()
    for (const block of page.blocks) {
      if (block.title !== undefined) {
        // One block per file: a second block with the same title would hide the first.
        if (titles.has(block.title)) {
          throw new Error(`${page.doc}:${block.line}: a second block titled "${block.title}".`)
        }
        titles.add(block.title)
      }
      if (block.flags.has('skip-check')) continue
      let file: string | undefined
      if (block.title !== undefined) {
        file = resolve(dir, block.title)
        if (!file.startsWith(`${dir}/`)) {
          throw new Error(`${page.doc}:${block.line}: the title must be a path inside the project.`)
        }
      } else if (isCode(block)) {
        file = join(dir, `block-${block.line}.${block.lang}`)
      }
      if (file === undefined) continue
      mkdirSync(dirname(file), { recursive: true })
      writeFileSync(file, block.code)
      if (isCode(block)) sources.push({ block, file })
    }
    return { page, dir, sources }
  })
}

/** The repository's compiler settings, for a browser-and-Node app that uses every package. */
function compilerOptions(): ts.CompilerOptions {
  const file = join(repoRoot, 'tsconfig.json')
  const read = ts.readConfigFile(file, (path) => ts.sys.readFile(path))
  const base = (read.config as { compilerOptions: Record<string, unknown> }).compilerOptions
  const parsed = ts.convertCompilerOptionsFromJson(
    {
      ...base,
      lib: ['ES2023', 'DOM', 'DOM.Iterable'],
      types: ['node'],
      noEmit: true,
      composite: false,
      declarationMap: false,
      // Examples declare things to show them, not always to use them.
      noUnusedLocals: false,
      noUnusedParameters: false,
    },
    repoRoot,
  )
  if (parsed.errors.length > 0) throw new Error(format(parsed.errors))
  return parsed.options
}

function format(diagnostics: readonly ts.Diagnostic[]): string {
  return diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n')).join('\n')
}

/**
 * Type-checks the given files in one program, with the repository's settings and the
 * `@trickle/source` condition (imports of `@trickle/*` resolve to the packages' sources).
 * Returns the problems per file as `line:column message`, lines counted inside the file.
 */
export function typeCheck(files: readonly string[]): {
  global: string[]
  byFile: Map<string, string[]>
} {
  const program = ts.createProgram({
    rootNames: [...files, join(docsCacheDir, 'globals.d.ts')],
    options: compilerOptions(),
  })
  const global = [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()].map((d) =>
    ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  )
  const byFile = new Map<string, string[]>()
  for (const file of files) {
    const source = program.getSourceFile(file)
    if (source === undefined) {
      byFile.set(file, ['the file is not part of the program'])
      continue
    }
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ]
    byFile.set(
      file,
      diagnostics.map((d) => {
        const { line, character } = source.getLineAndCharacterOfPosition(d.start ?? 0)
        const text = ts.flattenDiagnosticMessageText(d.messageText, '\n')
        return `${line + 1}:${character + 1} TS${d.code} ${text}`
      }),
    )
  }
  return { global, byFile }
}
