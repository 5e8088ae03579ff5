import { readdirSync } from 'node:fs'
import { basename, extname, join, resolve } from 'node:path'
import { idPattern } from '@trickle/core'

/** A gated file, delivered only with a valid download token of its form. */
export interface AssetOptions {
  /** Path of the file on disk. */
  path: string
  /** Default: from the file extension. */
  contentType?: string
  /** The name the browser saves it under. Default: the file's name. */
  filename?: string
}

export interface Asset {
  path: string
  contentType: string
  filename: string
}

const contentTypes: Record<string, string> = {
  '.pdf': 'application/pdf',
  '.zip': 'application/zip',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.epub': 'application/epub+zip',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.svg': 'image/svg+xml',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.pptx': 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
}

/**
 * The gated file of each form, by form id: `assets` entries first, then files of `assetsDir`
 * named after a form (`whitepaper.pdf` gates form `whitepaper`). Only ids of configured forms
 * are served, so a request can never name an arbitrary path.
 */
export function resolveAssets(
  formIds: readonly string[],
  options: { assets?: Record<string, AssetOptions> | undefined; assetsDir?: string | undefined },
): Map<string, Asset> {
  const known = new Set(formIds)
  const found = new Map<string, Asset>()
  if (options.assetsDir) {
    const dir = resolve(options.assetsDir)
    let entries
    try {
      entries = readdirSync(dir, { withFileTypes: true })
    } catch (error) {
      throw new Error(
        `assetsDir: the folder ${dir} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}); ` +
          'create it or point TRICKLE_ASSETS_DIR at the folder with the gated files.',
        { cause: error },
      )
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const id = basename(entry.name, extname(entry.name))
      if (!entry.isFile() || !idPattern.test(id) || !known.has(id) || found.has(id)) continue
      found.set(id, describeAsset({ path: join(dir, entry.name) }))
    }
  }
  for (const [formId, asset] of Object.entries(options.assets ?? {})) {
    if (!known.has(formId)) {
      throw new Error(
        `assets.${formId}: there is no form "${formId}" in the config; ` +
          `use one of: ${[...known].join(', ')}.`,
      )
    }
    found.set(formId, describeAsset(asset))
  }
  return found
}

function describeAsset(asset: AssetOptions): Asset {
  const path = resolve(asset.path)
  return {
    path,
    contentType:
      asset.contentType ?? contentTypes[extname(path).toLowerCase()] ?? 'application/octet-stream',
    filename: asset.filename ?? basename(path),
  }
}
