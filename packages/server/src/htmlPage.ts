import { html, raw } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'

/**
 * The shell of the server's own pages (the double opt-in page, the desk's printable export and
 * proof): a self-contained document with its style inline and the content in `<main>`.
 */
export function htmlPage(
  language: string,
  title: string,
  style: string,
  main: HtmlEscapedString | Promise<HtmlEscapedString>,
) {
  return html`<!doctype html>
    <html lang="${language}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${title}</title>
        <style>
          ${raw(style)}
        </style>
      </head>
      <body>
        <main>${main}</main>
      </body>
    </html>`
}
