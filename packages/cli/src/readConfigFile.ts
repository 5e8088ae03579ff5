import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import { parseConfig, type Config, type ConfigIssue } from '@trickle/core'
import { compileLinearPattern } from './compileLinearPattern'
import { CliError } from './io'
import { parseJsonWithPointers, type SourceLocation, type SourcePosition } from './jsonSourceMap'

export interface ConfigFile {
  path: string
  source: string
}

export type ReadConfigResult =
  | {
      ok: true
      file: ConfigFile
      config: Config
      warnings: ConfigIssue[]
      pointers: Map<string, SourceLocation>
    }
  | { ok: false; file: ConfigFile; syntax: { message: string; position: SourcePosition } }
  | {
      ok: false
      file: ConfigFile
      issues: ConfigIssue[]
      warnings: ConfigIssue[]
      pointers: Map<string, SourceLocation>
    }

/** Reads a config file: JSON syntax first (with the position), then `parseConfig`. */
export async function readConfigFile(cwd: string, path: string): Promise<ReadConfigResult> {
  const absolute = resolve(cwd, path)
  let source: string
  try {
    source = await readFile(absolute, 'utf8')
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new CliError(`No such file: ${path}`)
    if (code === 'EISDIR') throw new CliError(`${path} is a folder; give the path of a .json file.`)
    throw new CliError(`Cannot read ${path}: ${(error as Error).message}`)
  }
  const file = { path, source }
  const json = parseJsonWithPointers(source)
  if (!json.ok)
    return { ok: false, file, syntax: { message: json.message, position: json.position } }
  const result = parseConfig(json.data, { compilePattern: compileLinearPattern })
  if (!result.ok) {
    return {
      ok: false,
      file,
      issues: result.issues,
      warnings: result.warnings,
      pointers: json.pointers,
    }
  }
  return {
    ok: true,
    file,
    config: result.config,
    warnings: result.warnings,
    pointers: json.pointers,
  }
}
