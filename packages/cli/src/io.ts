import { createInterface } from 'node:readline/promises'
import { ansiColors, type Colors, noColors } from './codeFrame'

/** Where a command writes, and what it knows of its terminal. Tests pass their own. */
export interface CliIo {
  stdout(text: string): void
  stderr(text: string): void
  cwd: string
  colors: Colors
  /** Asks a yes/no question on the terminal; absent when nobody can answer (not a terminal). */
  confirm?: ((question: string) => Promise<boolean>) | undefined
}

/** A failure the user can fix: printed as one line, never as a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message)
    this.name = 'CliError'
  }
}

/** Colour only on a terminal, and never when NO_COLOR is set (FORCE_COLOR forces it). */
export function processIo(): CliIo {
  const env = process.env
  const useColor =
    env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0'
      ? true
      : env.NO_COLOR === undefined && Boolean(process.stdout.isTTY) && env.TERM !== 'dumb'
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    cwd: process.cwd(),
    colors: useColor ? ansiColors : noColors,
    confirm: process.stdin.isTTY ? confirm : undefined,
  }
}

async function confirm(question: string): Promise<boolean> {
  const terminal = createInterface({ input: process.stdin, output: process.stderr })
  try {
    return /^y(es)?$/i.test((await terminal.question(`${question} [y/N] `)).trim())
  } finally {
    terminal.close()
  }
}
