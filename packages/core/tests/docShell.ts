/// <reference types="node" />
import { pathToFileURL } from 'node:url'
import { join } from 'node:path'
import { repoRoot } from './docBlocks'

/**
 * One command of a `sh` block, split into words, without env assignments and `npx`;
 * `npx @trickle/cli` becomes `trickle`, the command it runs.
 */
export interface ShellCommand {
  /** The source line, for messages. */
  text: string
  words: string[]
  /** From a trailing `# exits with code 1` (or German `# Exit-Code 1`); default 0. */
  exitCode: number
  /** Why an app that installed the packages cannot run it as written, if it cannot. */
  problem?: string
}

/**
 * How an app runs the CLI: `npx @trickle/cli …` (or a package.json script). A bare `trickle` is
 * on no shell's PATH, and outside an app that installed it `npx trickle` (or `npx
 * trickle-server`) downloads and runs an unrelated npm package of that name.
 */
function problemOf(words: readonly string[]): string | undefined {
  const [first, second] = words
  if (first === 'trickle' || first === 'trickle-server') {
    return `\`${first}\` is not on the PATH of a shell: write \`npx @trickle/${first === 'trickle' ? 'cli' : 'server'} …\` or an npm script`
  }
  if (first === 'npx' && (second === 'trickle' || second === 'trickle-server')) {
    return `\`npx ${second}\` runs an unrelated npm package of that name outside an app that installed Trickle: write \`npx @trickle/${second === 'trickle' ? 'cli' : 'server'} …\``
  }
  return undefined
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
      const written = wordsOf(segment.trim())
      if (written.length === 0) continue
      const problem = problemOf(written)
      const words =
        written[0] !== 'npx'
          ? written
          : written[1] === '@trickle/cli'
            ? ['trickle', ...written.slice(2)]
            : written.slice(1)
      const command = { text: line.trim(), words, exitCode: exit ? Number(exit[1]) : 0 }
      commands.push(problem === undefined ? command : { ...command, problem })
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
