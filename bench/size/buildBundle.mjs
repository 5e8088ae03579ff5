import { gzipSync } from 'node:zlib'
import * as esbuild from 'esbuild'
import { repoRoot } from '../lib/repoRoot.mjs'

/** React stays outside every measured bundle: the app ships it anyway. */
export const reactExternals = ['react', 'react-dom', 'react/*', 'react-dom/*']

/**
 * One bundle as a browser app ships it: esbuild, ESM, minified, production mode, the workspace
 * packages from their sources (the `@trickle/source` export condition), license comments left
 * out for every library alike. Returns the code, its minified and gzip -9 sizes and the metafile.
 *
 * `external` adds packages to leave out (the removal measurement of the contributors table);
 * `bundleReact` puts React inside, for a page that really runs in Chromium.
 */
export async function buildBundle(entry, { external = [], bundleReact = false } = {}) {
  const result = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: repoRoot,
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    conditions: ['@trickle/source'],
    external: [...(bundleReact ? [] : reactExternals), ...external],
    define: { 'process.env.NODE_ENV': '"production"' },
    jsx: 'automatic',
    legalComments: 'none',
    metafile: true,
    write: false,
    outdir: 'out',
    logLevel: 'silent',
  })
  const output = result.outputFiles.find((file) => file.path.endsWith('.js'))
  if (!output) throw new Error(`esbuild produced no JavaScript for ${entry}`)
  return {
    code: output.text,
    minBytes: output.contents.byteLength,
    gzipBytes: gzipSync(output.contents, { level: 9 }).byteLength,
    metafile: result.metafile,
  }
}

/** Minified and gzip -9 size of a stylesheet (esbuild's CSS minifier). */
export async function measureStylesheet(file) {
  const result = await esbuild.build({
    entryPoints: [file],
    bundle: true,
    minify: true,
    write: false,
    outdir: 'out',
    logLevel: 'silent',
    loader: { '.woff': 'empty', '.woff2': 'empty', '.ttf': 'empty', '.svg': 'dataurl' },
  })
  const output = result.outputFiles.find((item) => item.path.endsWith('.css'))
  if (!output) throw new Error(`esbuild produced no CSS for ${file}`)
  return {
    minBytes: output.contents.byteLength,
    gzipBytes: gzipSync(output.contents, { level: 9 }).byteLength,
  }
}
