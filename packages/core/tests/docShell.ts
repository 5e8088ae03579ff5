/// <reference types="node" />
import { pathToFileURL } from 'node:url'
import { join } from 'node:path'
import { repoRoot } from './docBlocks'

/** One command of a `sh` block, split into words, without env assignments and `npx`. */
export interface ShellCommand {
  /** The source line, for messages. */
  text: string
  words: string[]
  /** From a trailing `# exits with code 1` (or German `# Exit-Code 1`); default 0. */
  exitCode: number
}

/** Splits a line into words; quotes group words, `>` redirections are dropped. */
function wordsOf(segment: string): string[] {
  const words: string[] = []
  for (const match of segment.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) {
    words.push(match[1] ?? match[2] ?? match[3] ?? '')
  }
  const redirect = words.findIndex((word) => word.startsWith('>') || word.startsWith('<'))
  const kept = redirect === -1 ? words : words.slice(0, redirect)
  while (kept.length > 0 && /^[A-Z_][A-Z0-9_]*=/.test(kept[0] ?? '')) kept.shift()
  if (kept[0] === 'npx') kept.shift()
  return kept
}

/** The commands of a `sh` block: lines split at `&&`, `||`, `;` and `|`, comments removed. */
export function shellCommands(code: string): ShellCommand[] {
  const commands: ShellCommand[] = []
  for (const line of code.split('\n')) {
    const comment = /(?:^|\s)#\s?(.*)$/.exec(line)
    const exit = /(?:exits with code|Exit-Code) (\d+)/.exec(comment?.[1] ?? '')
    const bare = comment ? line.slice(0, comment.index) : line
    for (const segment of bare.split(/&&|\|\||;|\|/)) {
      const words = wordsOf(segment.trim())
      if (words.length === 0) continue
      commands.push({ text: line.trim(), words, exitCode: exit ? Number(exit[1]) : 0 })
    }
  }
  return commands
}

export interface CliRun {
  code: number
  stdout: string
  stderr: string
}

interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  cwd: string
  colors: Record<'red' | 'yellow' | 'green' | 'bold' | 'dim' | 'cyan', (text: string) => string>
}

type RunCli = (argv: string[], io: CliIo) => Promise<number>

let loaded: Promise<RunCli> | undefined

/** The real `trickle` command (`@trickle/cli`'s `runCli`), run in this process on its sources. */
export async function trickle(argv: readonly string[], cwd: string): Promise<CliRun> {
  loaded ??= import(pathToFileURL(join(repoRoot, 'packages/cli/src/runCli.ts')).href).then(
    (module: { runCli: RunCli }) => module.runCli,
  )
  const runCli = await loaded
  let stdout = ''
  let stderr = ''
  const plain = (text: string) => text
  const code = await runCli([...argv], {
    stdout: (text) => (stdout += text),
    stderr: (text) => (stderr += text),
    cwd,
    colors: { red: plain, yellow: plain, green: plain, bold: plain, dim: plain, cyan: plain },
  })
  return { code, stdout, stderr }
}
