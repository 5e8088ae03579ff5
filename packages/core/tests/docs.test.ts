/// <reference types="node" />
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import * as z from 'zod/mini'
import { beforeAll, describe, expect, test } from 'vitest'
import * as core from '../src/index'
import { readDocPages, repoRoot, whereIs, type DocBlock } from './docBlocks'
import { jsonProblems } from './docJson'
import { docsCacheDir, typeCheck, writeDocProjects, type DocProject } from './docProjects'
import { expectedLogs, isSelfContained, runBlock, type ModuleMap } from './docRun'
import { shellCommands, trickle, type CliRun } from './docShell'

// Every code block of docs/*.md and packages/*/README.md is checked, so the guides cannot drift
// away from the code: TypeScript is type-checked against the real packages (and run when it
// needs only the core), JSON configs go through parseConfig, `trickle` commands are run.

const pages = readDocPages()
const blocks = pages.flatMap((page) => page.blocks)
const modules: ModuleMap = { '@trickle/core': core, 'zod/mini': z }
const named = (list: DocBlock[]) => list.map((block) => [whereIs(block), block] as const)

const codeBlocks = blocks.filter(
  (b) => (b.lang === 'ts' || b.lang === 'tsx') && !b.flags.has('skip-check'),
)
const runnable = blocks.filter((block) => isSelfContained(block, modules))
const jsonBlocks = blocks.filter((b) => b.lang === 'json' && !b.flags.has('skip-check'))
const shellBlocks = blocks.filter(
  (b) =>
    (b.lang === 'sh' || b.lang === 'bash') &&
    shellCommands(b.code).some((c) => c.words[0] === 'trickle' || c.words[0] === 'npm'),
)

let projects: DocProject[] = []
let checked: ReturnType<typeof typeCheck> = { global: [], byFile: new Map() }
const canaries = {
  missingExport: join(docsCacheDir, 'canary-missing-export.ts'),
  wrongOption: join(docsCacheDir, 'canary-wrong-option.ts'),
}

beforeAll(() => {
  projects = writeDocProjects(pages)
  // Two blocks that must fail, so a checker that silently checks nothing is noticed.
  writeFileSync(
    canaries.missingExport,
    "import { planVisits } from '@trickle/core'\nplanVisits()\n",
  )
  writeFileSync(
    canaries.wrongOption,
    "import { createTrickle, emptyProfile } from '@trickle/core'\n" +
      "createTrickle({ config: emptyProfile() as never, persist: 'everything' })\n",
  )
  const files = projects.flatMap((p) => p.sources.map((s) => s.file))
  checked = typeCheck([...files, canaries.missingExport, canaries.wrongOption])
}, 60_000)

const projectOf = (block: DocBlock): DocProject => {
  const project = projects.find((p) => p.page.doc === block.doc)
  if (!project) throw new Error(`no project for ${block.doc}`)
  return project
}

describe('the guides exist', () => {
  test.each([
    'docs/README.md',
    'docs/getting-started.md',
    'docs/marketer-guide.md',
    'docs/marketer-guide.de.md',
    'docs/react-guide.md',
    'docs/headless-guide.md',
    'docs/server-guide.md',
    'docs/gdpr.md',
    'docs/dpo-guide.md',
    'docs/dpo-guide.de.md',
    'packages/core/README.md',
  ])('%s', (doc) => {
    expect(pages.map((page) => page.doc)).toContain(doc)
  })

  test('relative links point at files and headings that exist', () => {
    const broken: string[] = []
    for (const page of pages) {
      const text = readFileSync(join(repoRoot, page.doc), 'utf8')
      for (const match of text.matchAll(/\]\((?!https?:|mailto:)([^)\s#]*)(?:#([^)\s]+))?\)/g)) {
        const [, path = '', anchor] = match
        const target = path === '' ? join(repoRoot, page.doc) : join(repoRoot, page.doc, '..', path)
        let content: string
        try {
          content = readFileSync(target, 'utf8')
        } catch {
          broken.push(`${page.doc}: ${path}`)
          continue
        }
        if (anchor !== undefined && target.endsWith('.md') && !anchorsOf(content).has(anchor)) {
          broken.push(`${page.doc}: ${path}#${anchor}`)
        }
      }
    }
    expect(broken).toEqual([])
  })
})

/** The anchors of a page's headings, as GitHub makes them (`## Conditions: \`askIf\``: `conditions-askif`). */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>()
  for (const [, heading = ''] of markdown.matchAll(/^#{1,6}\s+(.+)$/gm)) {
    anchors.add(
      heading
        .toLowerCase()
        .replace(/[^\p{L}\p{N}\s_-]/gu, '')
        .trim()
        .replace(/\s/g, '-'),
    )
  }
  return anchors
}

describe('TypeScript blocks type-check against the packages', () => {
  test('the checker reports a missing export and a wrong option', () => {
    expect(checked.global).toEqual([])
    expect(checked.byFile.get(canaries.missingExport)?.join('\n')).toContain('planVisits')
    expect(checked.byFile.get(canaries.wrongOption)?.join('\n')).toContain('everything')
  })

  test.each(named(codeBlocks))('%s', (_, block) => {
    const source = projectOf(block).sources.find((s) => s.block === block)
    const problems = (source && checked.byFile.get(source.file)) ?? ['not checked']
    // Lines inside the block, shifted to lines of the page.
    const located = problems.map((p) =>
      p.replace(/^(\d+):/, (_m, line: string) => `${block.doc}:${block.line + Number(line)}:`),
    )
    expect(located).toEqual([])
  })
})

describe('self-contained core blocks run and print what their comments say', () => {
  test('a wrong documented result is caught', async () => {
    const block: DocBlock = {
      doc: 'canary.md',
      line: 1,
      lang: 'ts',
      flags: new Set(),
      title: undefined,
      code: "import { emptyProfile } from '@trickle/core'\nconsole.log(emptyProfile('v1').consents) // => ['granted']\n",
    }
    expect(isSelfContained(block, modules)).toBe(true)
    expect(await runBlock(block, docsCacheDir, modules)).not.toEqual(expectedLogs(block.code))
  })

  test('the core README example runs', () => {
    expect(runnable.some((block) => block.doc === 'packages/core/README.md')).toBe(true)
  })

  test.each(named(runnable))('%s', async (_, block) => {
    const logs = await runBlock(block, projectOf(block).dir, modules)
    expect(logs).toEqual(expectedLogs(block.code))
  })
})

describe('JSON blocks are valid configs or parts of one', () => {
  test('a typo in a config is caught', () => {
    const code = JSON.stringify({ id: 'whitepaper', sequence: ['company'], perVist: 2 })
    expect(jsonProblems({ code, flags: new Set() })).not.toEqual([])
  })

  test.each(named(jsonBlocks))('%s', (_, block) => {
    expect(jsonProblems(block)).toEqual([])
  })
})

/** Dates change with the day the command runs; everything else must match. */
const normalise = (text: string) =>
  text
    .replace(/\d{4}-\d{2}-\d{2}/g, 'YYYY-MM-DD')
    .replace(/[ \t]+$/gm, '')
    .trim()

describe('sh blocks call trickle with real commands and flags', () => {
  const rootScripts = Object.keys(
    (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { scripts: object })
      .scripts,
  )

  test('commands are written as an app that installed @trickle/cli runs them', () => {
    // The guard itself: `npx trickle` must fail, `npx @trickle/cli` runs the `trickle` command.
    expect(shellCommands('npx trickle validate trickle.config.json')[0]?.problem).toMatch(
      /unrelated npm package/,
    )
    expect(shellCommands('npx @trickle/cli validate trickle.config.json')).toEqual([
      expect.objectContaining({ words: ['trickle', 'validate', 'trickle.config.json'] }),
    ])
    expect(shellCommands('npx @trickle/cli validate trickle.config.json')[0]).not.toHaveProperty(
      'problem',
    )
    const problems = blocks
      .filter((b) => b.lang === 'sh' || b.lang === 'bash')
      .flatMap((b) =>
        shellCommands(b.code).flatMap((c) =>
          c.problem === undefined ? [] : [`${whereIs(b)}: ${c.text}: ${c.problem}`],
        ),
      )
    expect(problems).toEqual([])
  })

  test('a wrong flag fails', async () => {
    expect(
      (await trickle(['simulate', 'trickle.config.json', '--vists', '4'], docsCacheDir)).code,
    ).toBe(2)
  })

  test.each(named(shellBlocks))('%s', async (_, block) => {
    const project = projectOf(block)
    let last: CliRun | undefined
    for (const command of shellCommands(block.code)) {
      const [program, name, ...rest] = command.words
      if (program === 'npm') {
        const script = name === 'run' ? rest[0] : name
        if ((name === 'run' || name === 'start' || name === 'test') && !rest.includes('-w')) {
          expect(rootScripts, command.text).toContain(script)
        }
        continue
      }
      if (program !== 'trickle') continue
      // `serve` and `studio` run until stopped: check their flags only (the help comes after the flag check).
      const argv =
        name === 'serve' || name === 'studio' ? [name, ...rest, '--help'] : [name ?? '', ...rest]
      last = await trickle(argv, project.dir)
      expect({ command: command.text, code: last.code, stderr: last.stderr }).toEqual({
        command: command.text,
        code: command.exitCode,
        stderr: command.exitCode === 0 ? '' : last.stderr,
      })
    }
    const index = project.page.blocks.indexOf(block)
    const next = project.page.blocks[index + 1]
    if (next?.flags.has('output')) {
      const shown = `${last?.stdout ?? ''}${last?.stderr ?? ''}`
      expect(normalise(shown), `${whereIs(next)} shows the output`).toBe(normalise(next.code))
    }
  })
})
