import { html } from 'hono/html'
import type { HtmlEscapedString } from 'hono/utils/html'
import type { PageLanguage } from '../confirmPage'
import { deskMessages } from './deskMessages'

/** Where the desk lives; its script and stylesheet sit next to it. */
export const deskPath = '/admin/privacy'
export const deskScriptPath = `${deskPath}/desk.js`
export const deskStylePath = `${deskPath}/desk.css`
/** The desk posts here to open a printable page (export, proof) in a new tab. */
export const deskOpenPath = `${deskPath}/open`

/**
 * The policy of every desk response: its own script and stylesheet only, requests only to its
 * own server, no framing, forms only to itself.
 */
export const deskContentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "connect-src 'self'",
  "img-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join('; ')

type Page = HtmlEscapedString | Promise<HtmlEscapedString>

function layout(language: PageLanguage, title: string, body: Page): Page {
  return html`<!doctype html>
    <html lang="${language}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        <title>${title}</title>
        <link rel="stylesheet" href="${deskStylePath}" />
      </head>
      <body>
        ${body}
      </body>
    </html>`
}

/** The desk: static parts rendered in the language; the script fills in what the API answers. */
export function deskPage(language: PageLanguage): Page {
  const t = deskMessages[language]
  const other: PageLanguage = language === 'en' ? 'de' : 'en'
  return layout(
    language,
    t.title,
    html`<header class="top">
        <h1>${t.title}</h1>
        <a href="?lang=${other}" lang="${other}" hreflang="${other}">${t.otherLanguage}</a>
      </header>
      <main id="main">
        <p class="intro">${t.intro}</p>
        <section aria-labelledby="token-heading" class="panel">
          <h2 id="token-heading">${t.tokenHeading}</h2>
          <form id="token-form" class="row">
            <label for="token">${t.tokenLabel}</label>
            <input
              id="token"
              name="token"
              type="password"
              autocomplete="off"
              spellcheck="false"
              aria-describedby="token-hint"
            />
            <button type="submit">${t.tokenUse}</button>
            <button type="button" id="forget-token">${t.tokenForget}</button>
          </form>
          <p id="token-hint" class="hint">${t.tokenHint}</p>
        </section>
        <section aria-labelledby="find-heading" class="panel">
          <h2 id="find-heading">${t.findHeading}</h2>
          <form id="find-form" class="row">
            <label for="email">${t.emailLabel}</label>
            <input
              id="email"
              name="email"
              type="email"
              required
              autocomplete="off"
              spellcheck="false"
              aria-describedby="email-hint"
            />
            <button type="submit">${t.find}</button>
          </form>
          <p id="email-hint" class="hint">${t.emailHint}</p>
        </section>
        <div id="status" class="status" role="status" aria-live="polite"></div>
        <div id="error" class="error" role="alert"></div>
        <section id="results" aria-labelledby="results-heading" class="panel" hidden>
          <h2 id="results-heading" tabindex="-1">${t.resultsHeading}</h2>
          <p id="results-summary"></p>
          <div id="actions" role="group" aria-labelledby="actions-heading">
            <h3 id="actions-heading">${t.actionsHeading}</h3>
            <div class="row">
              <button type="button" id="export-json">${t.exportJson}</button>
              <button type="button" id="export-print">${t.exportPrint}</button>
              <button type="button" id="withdraw">${t.withdraw}</button>
              <button type="button" id="erase" class="danger">${t.erase}</button>
            </div>
            <div id="proofs" class="row" role="group" aria-label="${t.proofsLabel}"></div>
          </div>
          <div id="profiles"></div>
        </section>
        <section id="receipt" aria-labelledby="receipt-heading" class="panel" hidden>
          <h2 id="receipt-heading" tabindex="-1">${t.receiptHeading}</h2>
          <dl id="receipt-details"></dl>
        </section>
        <section aria-labelledby="audit-heading" class="panel">
          <h2 id="audit-heading">${t.auditHeading}</h2>
          <p class="hint">${t.auditHint}</p>
          <button type="button" id="refresh">${t.refresh}</button>
          <div id="audit"></div>
          <h3 id="erasures-heading">${t.erasuresHeading}</h3>
          <div id="erasures"></div>
        </section>
      </main>
      <dialog id="confirm" aria-labelledby="confirm-heading" aria-describedby="confirm-text">
        <form method="dialog" id="confirm-form">
          <h2 id="confirm-heading"></h2>
          <p id="confirm-text"></p>
          <p id="confirm-purpose-row" hidden>
            <label for="confirm-purpose">${t.purpose}</label>
            <select id="confirm-purpose"></select>
          </p>
          <p>
            <label for="confirm-reason">${t.reasonLabel}</label>
            <input id="confirm-reason" maxlength="200" autocomplete="off" />
          </p>
          <div class="row">
            <button type="submit" value="cancel" id="confirm-cancel">${t.cancel}</button>
            <button type="submit" value="confirm" id="confirm-ok" class="danger"></button>
          </div>
        </form>
      </dialog>
      <script type="module" src="${deskScriptPath}?lang=${language}"></script>`,
  )
}

/** What `/admin/privacy` shows when the admin routes are off: how to switch them on. */
export function deskDisabledPage(language: PageLanguage): Page {
  const t = deskMessages[language]
  return layout(
    language,
    t.disabledTitle,
    html`<main id="main" class="panel">
      <h1>${t.disabledTitle}</h1>
      <p>${t.disabledText}</p>
    </main>`,
  )
}

/** A printable page the server refused to open (wrong token, unknown purpose…), in the language. */
export function deskOpenFailedPage(language: PageLanguage, message: string): Page {
  const t = deskMessages[language]
  return layout(
    language,
    t.title,
    html`<main id="main" class="panel">
      <h1>${t.title}</h1>
      <p role="alert">${t.openFailed.replace('{message}', message)}</p>
    </main>`,
  )
}
