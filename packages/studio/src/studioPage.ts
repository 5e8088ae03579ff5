import { randomBytes } from 'node:crypto'
import { studioBootId, type StudioBoot, type StudioMode } from './studioBoot'

export interface StudioPageOptions {
  mode: StudioMode
  /** Where the page loads `studio.js` and `studio.css` from, e.g. '' or '/admin/studio'. */
  assetBase?: string
  /** The UI language to start in; default: the browser's. */
  locale?: 'en' | 'de' | undefined
  fileName?: string
  configPath?: string
  apiBase?: string | undefined
}

/** The HTML of one studio page and the policy it must be served with. */
export interface StudioPage {
  html: string
  /** The Content-Security-Policy header value (it names this page's nonce). */
  contentSecurityPolicy: string
}

/**
 * The policy of the studio: its own script and stylesheet, the editor's injected styles by
 * nonce, requests only to its own origin, no framing, no form posts.
 */
export function studioContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "connect-src 'self'",
    "img-src 'self' data: blob:",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ')
}

const htmlEscapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
}
const escapeHtml = (text: string): string => text.replace(/[&<>"]/g, (c) => htmlEscapes[c] ?? c)

/** JSON safe inside a script element: no `</script>`, no `<!--`. */
const scriptJson = (value: unknown): string =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028|\u2029/g, ' ')

/**
 * The studio's HTML shell: the boot data and the app's script and stylesheet. A fresh nonce per
 * page; serve the page with `contentSecurityPolicy`.
 */
export function studioPage(options: StudioPageOptions): StudioPage {
  const nonce = randomBytes(16).toString('base64')
  const base = (options.assetBase ?? '').replace(/\/+$/, '')
  const boot: StudioBoot = {
    mode: options.mode,
    fileName: options.fileName ?? 'trickle.config.json',
    configPath: options.configPath ?? '/studio/config',
    nonce,
    ...(options.locale !== undefined && { locale: options.locale }),
    ...(options.apiBase !== undefined && { apiBase: options.apiBase }),
  }
  const lang = options.locale ?? 'en'
  const html = `<!doctype html>
<html lang="${lang}">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="robots" content="noindex" />
    <title>Trickle studio</title>
    <link rel="stylesheet" href="${escapeHtml(base)}/studio.css" />
    <script type="application/json" id="${studioBootId}">${scriptJson(boot)}</script>
    <script type="module" src="${escapeHtml(base)}/studio.js"></script>
  </head>
  <body>
    <div id="studio"><p class="studio-loading">Trickle studio…</p></div>
    <noscript>The Trickle studio needs JavaScript.</noscript>
  </body>
</html>
`
  return { html, contentSecurityPolicy: studioContentSecurityPolicy(nonce) }
}
