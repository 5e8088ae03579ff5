import type { Context } from 'hono'
import { html } from 'hono/html'
import { htmlPage } from './htmlPage'

/**
 * The HTML page behind the double opt-in link, in German or English: without scripts, one
 * heading, and for a pending consent a form whose button sends the confirmation (POST).
 */

/** What a final page says (the page with the button shows a `ConfirmForm`). */
export type ConfirmOutcome = 'confirmed' | 'already' | 'invalid' | 'expired' | 'gone' | 'changed'

export type PageLanguage = 'en' | 'de'

/** The consent the button confirms, as the visitor saw it. */
export interface ConfirmForm {
  token: string
  label: string
  consentText: string
}

const statusOf = {
  ask: 200,
  confirmed: 200,
  already: 200,
  invalid: 400,
  expired: 410,
  gone: 410,
  changed: 410,
} as const

const texts = {
  en: {
    ask: ['Confirm your consent', 'Please confirm that you gave this consent:'],
    confirmed: ['Thank you!', 'Your consent is confirmed.'],
    already: ['Already confirmed', 'This consent was confirmed before; nothing else to do.'],
    invalid: [
      'Link not valid',
      'This confirmation link is damaged. Please use the link from the e-mail exactly.',
    ],
    expired: [
      'Link expired',
      'This confirmation link has expired. Please sign up again to receive a new one.',
    ],
    gone: [
      'Nothing to confirm',
      'This consent was withdrawn, changed or erased in the meantime, so it cannot be confirmed any more.',
    ],
    changed: [
      'Address changed',
      'The e-mail address was changed after this link was sent, so it cannot confirm the new one. A new link was sent to the current address.',
    ],
  },
  de: {
    ask: [
      'Einwilligung bestätigen',
      'Bitte bestätigen Sie, dass Sie diese Einwilligung erteilt haben:',
    ],
    confirmed: ['Vielen Dank!', 'Ihre Einwilligung ist bestätigt.'],
    already: [
      'Bereits bestätigt',
      'Diese Einwilligung wurde schon bestätigt; es ist nichts weiter zu tun.',
    ],
    invalid: [
      'Link ungültig',
      'Dieser Bestätigungslink ist beschädigt. Bitte verwenden Sie den Link aus der E-Mail unverändert.',
    ],
    expired: [
      'Link abgelaufen',
      'Dieser Bestätigungslink ist abgelaufen. Bitte melden Sie sich erneut an, um einen neuen zu erhalten.',
    ],
    gone: [
      'Nichts zu bestätigen',
      'Diese Einwilligung wurde inzwischen widerrufen, geändert oder gelöscht und kann nicht mehr bestätigt werden.',
    ],
    changed: [
      'Adresse geändert',
      'Die E-Mail-Adresse wurde geändert, nachdem dieser Link verschickt wurde; er kann die neue Adresse nicht bestätigen. An die aktuelle Adresse ging ein neuer Link.',
    ],
  },
} as const satisfies Record<PageLanguage, Record<ConfirmOutcome | 'ask', readonly [string, string]>>

const formTexts = {
  en: {
    button: 'Confirm my consent',
    note: 'Nothing is confirmed until you press the button. If you did not sign up, simply close this page.',
  },
  de: {
    button: 'Einwilligung bestätigen',
    note: 'Erst mit der Schaltfläche ist die Einwilligung bestätigt. Wenn Sie sich nicht angemeldet haben, schließen Sie diese Seite einfach.',
  },
} as const satisfies Record<PageLanguage, { button: string; note: string }>

const style =
  'body{font-family:system-ui,sans-serif;line-height:1.5;max-width:36rem;margin:4rem auto;padding:0 1rem}' +
  'blockquote{margin:1rem 0;padding-left:1rem;border-left:4px solid #767676}' +
  'button{font:inherit;padding:.6rem 1.2rem;cursor:pointer}'

/**
 * German or English: the consent's own locale when it is one of them, else the first of the
 * browser's languages (`Accept-Language`, by weight) that is, else English.
 */
export function pageLanguage(locale: unknown, acceptLanguage: string | undefined): PageLanguage {
  const preferred = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.split(';')
      const weight = params.map((param) => /^\s*q=([\d.]+)\s*$/i.exec(param)?.[1]).find(Boolean)
      return { tag: tag.trim(), weight: weight === undefined ? 1 : Number(weight) }
    })
    .filter((entry) => entry.weight > 0)
    .sort((a, b) => b.weight - a.weight)
  for (const tag of [typeof locale === 'string' ? locale : '', ...preferred.map((p) => p.tag)]) {
    const language = tag.toLowerCase().split('-')[0]
    if (language === 'en' || language === 'de') return language
  }
  return 'en'
}

/**
 * Answers with the page: a final outcome, or the consent with the button. It allows no scripts
 * and no framing (no other site can overlay the button), and its referrer policy lets the
 * button's POST carry the page's origin.
 */
export async function confirmPage(
  c: Context,
  language: PageLanguage,
  shown: ConfirmOutcome | ConfirmForm,
): Promise<Response> {
  const outcome = typeof shown === 'string' ? shown : 'ask'
  const [title, text] = texts[language][outcome]
  const body =
    typeof shown === 'string'
      ? html`<p>${text}</p>`
      : html`<p>${text}</p>
          <blockquote>
            <p><strong>${shown.label}</strong></p>
            <p>${shown.consentText}</p>
          </blockquote>
          <form method="post" action="confirm">
            <input type="hidden" name="token" value="${shown.token}" />
            <button type="submit">${formTexts[language].button}</button>
          </form>
          <p>${formTexts[language].note}</p>`
  c.header(
    'content-security-policy',
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  )
  c.header('referrer-policy', 'same-origin')
  return c.html(
    htmlPage(
      language,
      title,
      style,
      html`<h1>${title}</h1>
        ${body}`,
    ),
    statusOf[outcome],
  )
}
