/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'

/**
 * The fenced code blocks of the guides, read so that a test can check them.
 *
 * An info string is the language, then words and `key="value"` pairs:
 * - `ts title="src/trickle.ts"`: the block is that file of the example project, so other blocks
 *   of the same page can import it (`import { trickle } from './trickle'`);
 * - `ts skip-check`: a deliberately partial block, not checked;
 * - `ts no-run`: type-checked, but not run (it needs something the test does not provide);
 * - `json invalid`: a config that must fail `parseConfig` (shown to explain an error);
 * - `json data`: JSON that is not part of a config (an answers file, an HTTP body);
 * - `text output`: the output of the `trickle` command in the `sh` block just before it.
 */
export interface DocBlock {
  /** The page, relative to the repository root, e.g. `docs/react-guide.md`. */
  doc: string
  /** The line of the opening fence (1-based). */
  line: number
  lang: string
  /** Flags of the info string: `skip-check`, `no-run`, `invalid`, `data`, `output`. */
  flags: ReadonlySet<string>
  title: string | undefined
  code: string
}

export interface DocPage {
  doc: string
  /** A folder name for the page's example project, e.g. `docs__react-guide`. */
  slug: string
  blocks: DocBlock[]
}

export const repoRoot = resolve(import.meta.dirname, '../../..')

/** The guides the test covers: `docs/*.md` and every package README. */
export function docPaths(root: string = repoRoot): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`)
  const readmes = readdirSync(join(root, 'packages'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `packages/${entry.name}/README.md`)
    .filter((path) => {
      try {
        readFileSync(join(root, path))
        return true
      } catch {
        return false
      }
    })
  return [...docs, ...readmes].sort()
}

const fence = /^(\s*)(`{3,}|~{3,})\s*([^\s`]*)(.*)$/

/** Splits an info string's rest (`title="a.ts" skip-check`) into flags and a title. */
function parseInfo(rest: string): { flags: Set<string>; title: string | undefined } {
  const flags = new Set<string>()
  let title: string | undefined
  for (const match of rest.matchAll(/(\w[\w-]*)(?:="([^"]*)")?/g)) {
    const [, key = '', value] = match
    if (key === 'title' && value !== undefined) title = value
    else flags.add(key)
  }
  return { flags, title }
}

/** Every fenced block of a Markdown text, with its line and info string. */
export function parseBlocks(doc: string, markdown: string): DocBlock[] {
  const lines = markdown.split('\n')
  const blocks: DocBlock[] = []
  for (let i = 0; i < lines.length; i++) {
    const open = fence.exec(lines[i] ?? '')
    if (!open) continue
    const [, indent = '', marks = '', lang = '', rest = ''] = open
    const body: string[] = []
    let j = i + 1
    for (; j < lines.length; j++) {
      const text = lines[j] ?? ''
      if (text.trim().startsWith(marks) && text.trim().replace(/[`~]/g, '') === '') break
      body.push(text.startsWith(indent) ? text.slice(indent.length) : text.trimStart())
    }
    const { flags, title } = parseInfo(rest)
    blocks.push({ doc, line: i + 1, lang, flags, title, code: `${body.join('\n')}\n` })
    i = j
  }
  return blocks
}

/** The pages with their blocks. */
export function readDocPages(root: string = repoRoot): DocPage[] {
  return docPaths(root).map((doc) => ({
    doc,
    slug: doc.replace(/\.md$/, '').replaceAll('/', '__'),
    blocks: parseBlocks(doc, readFileSync(join(root, doc), 'utf8')),
  }))
}

/** `docs/react-guide.md:42`, for messages. */
export function whereIs(block: DocBlock): string {
  return `${block.doc}:${block.line}`
}
