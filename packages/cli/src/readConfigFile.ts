import { readFile, stat } from 'node:fs/promises'
import { resolve } from 'node:path'
import {
  configFileError,
  maxConfigTextLength,
  parseConfig,
  readConfigText,
  type Config,
  type ConfigIssue,
  type ConfigSyntaxError,
} from '@trickle/core'
import type { MessageLanguage } from './cliLocale'
import { compileLinearPattern } from './compileLinearPattern'
import { CliError } from './io'
import type { SourceLocation } from './jsonSourceMap'

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
  | { ok: false; file: ConfigFile; syntax: ConfigSyntaxError }
  | {
      ok: false
      file: ConfigFile
      issues: ConfigIssue[]
      warnings: ConfigIssue[]
      pointers: Map<string, SourceLocation>
    }

const fileWords = {
  en: {
    missing: (path: string) => `No such file: ${path}`,
    folder: (path: string) => `${path} is a folder; give the path of a .json file.`,
    unreadable: (path: string, reason: string) => `Cannot read ${path}: ${reason}`,
  },
  de: {
    missing: (path: string) => `Datei nicht gefunden: ${path}`,
    folder: (path: string) => `${path} ist ein Ordner; geben Sie den Pfad einer .json-Datei an.`,
    unreadable: (path: string, reason: string) => `${path} kann nicht gelesen werden: ${reason}`,
  },
}

/**
 * Reads a config file: its size and encoding from the bytes (a file over 1 MB is refused before
 * it is read; a UTF-16 file is named as such), then the text (`readConfigText`: syntax,
 * comments, typographic quotes, keys written twice, with positions), then `parseConfig`.
 * Messages are in `locale`.
 */
export async function readConfigFile(
  cwd: string,
  path: string,
  locale: MessageLanguage = 'en',
): Promise<ReadConfigResult> {
  const absolute = resolve(cwd, path)
  const words = fileWords[locale]
  let bytes: Buffer
  try {
    const { size } = await stat(absolute)
    if (size > maxConfigTextLength) {
      const syntax = configFileError({ code: 'file-too-large', size }, { locale })
      return { ok: false, file: { path, source: '' }, syntax }
    }
    bytes = await readFile(absolute)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') throw new CliError(words.missing(path))
    if (code === 'EISDIR') throw new CliError(words.folder(path))
    throw new CliError(words.unreadable(path, (error as Error).message))
  }
  if (isUtf16(bytes)) {
    // Decoded as UTF-8 it would be noise: say which encoding it is and what to do.
    return {
      ok: false,
      file: { path, source: '' },
      syntax: configFileError({ code: 'utf16' }, { locale }),
    }
  }
  const source = bytes.toString('utf8')
  const file = { path, source }
  const text = readConfigText(source, { locale })
  if (!text.ok) return { ok: false, file, syntax: text.syntax }
  const result = parseConfig(text.data, { compilePattern: compileLinearPattern, locale })
  if (!result.ok || text.issues.length > 0) {
    return {
      ok: false,
      file,
      issues: [...text.issues, ...(result.ok ? [] : result.issues)],
      warnings: result.warnings,
      pointers: text.pointers,
    }
  }
  return {
    ok: true,
    file,
    config: result.config,
    warnings: result.warnings,
    pointers: text.pointers,
  }
}

/** A UTF-16 byte order mark (FF FE or FE FF), or NUL bytes, which UTF-8 JSON never has. */
function isUtf16(bytes: Uint8Array): boolean {
  const [first, second] = bytes
  if ((first === 0xff && second === 0xfe) || (first === 0xfe && second === 0xff)) return true
  return bytes.subarray(0, 4096).includes(0)
}
