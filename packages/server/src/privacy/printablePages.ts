import type { ProfileExport } from '@trickle/core'
import { html } from 'hono/html'
import type { PageLanguage } from '../confirmPage'
import { htmlPage } from '../htmlPage'
import type { PeopleExport } from './exportPeople'
import type { ConsentProof } from './proofOfConsent'

/**
 * The printable pages of the privacy desk: the export (Art. 15) and the proof of a consent
 * (Art. 7(1)), in English or German, self-contained (inline style, no script, no outside
 * resource), so the officer can print them or save them as a PDF and send them on.
 */

const words = {
  en: {
    exportTitle: 'Your data',
    exportIntro:
      'Everything stored about the e-mail address below, across all {n} profiles (browsers or devices) that hold it.',
    proofTitle: 'Proof of consent',
    proofIntro:
      'Every recorded decision about the purpose "{purpose}" for the e-mail address below.',
    addressHash: 'Address (keyed hash)',
    exportedAt: 'Exported at',
    profile: 'Profile',
    field: 'Field',
    value: 'Value',
    purposes: 'Purposes (legal basis)',
    collected: 'Collected',
    form: 'Form',
    declined: 'left empty',
    consents: 'Consent history',
    when: 'When',
    purpose: 'Purpose',
    decision: 'Decision',
    version: 'Version',
    language: 'Language',
    text: 'Text shown',
    noText: '(no text recorded)',
    action: 'How',
    mailedTo: 'Confirmation mailed to (keyed hash) at',
    textHash: 'SHA-256 of the text',
    verified: 'matches the text',
    notVerified: 'does not match',
    none: 'Nothing is stored for this address.',
    noProof: 'No decision about this purpose is recorded for this address.',
    visitor: 'Visitor id',
    states: 'Current state',
  },
  de: {
    exportTitle: 'Ihre Daten',
    exportIntro:
      'Alles, was zu der unten genannten E-Mail-Adresse gespeichert ist, über alle {n} Profile (Browser oder Geräte), die sie enthalten.',
    proofTitle: 'Einwilligungsnachweis',
    proofIntro:
      'Jede aufgezeichnete Entscheidung zum Zweck „{purpose}“ für die unten genannte E-Mail-Adresse.',
    addressHash: 'Adresse (verschlüsselter Hash)',
    exportedAt: 'Exportiert am',
    profile: 'Profil',
    field: 'Feld',
    value: 'Wert',
    purposes: 'Zwecke (Rechtsgrundlage)',
    collected: 'Erhoben',
    form: 'Formular',
    declined: 'leer gelassen',
    consents: 'Einwilligungsverlauf',
    when: 'Wann',
    purpose: 'Zweck',
    decision: 'Entscheidung',
    version: 'Version',
    language: 'Sprache',
    text: 'Angezeigter Text',
    noText: '(kein Text aufgezeichnet)',
    action: 'Wie',
    mailedTo: 'Bestätigung gesendet an (verschlüsselter Hash) am',
    textHash: 'SHA-256 des Textes',
    verified: 'stimmt mit dem Text überein',
    notVerified: 'stimmt nicht überein',
    none: 'Zu dieser Adresse ist nichts gespeichert.',
    noProof: 'Zu diesem Zweck ist für diese Adresse keine Entscheidung aufgezeichnet.',
    visitor: 'Besucher-ID',
    states: 'Aktueller Stand',
  },
} as const

const style = `
body{font:15px/1.5 system-ui,sans-serif;color:#111;background:#fff;margin:2rem auto;max-width:60rem;padding:0 1rem}
h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{border:1px solid #bbb;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eee}code{font-size:.85em;word-break:break-all}.muted{color:#444}
@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}tr,section{break-inside:avoid}a{color:inherit}}
`

const show = (value: unknown): string =>
  typeof value === 'string'
    ? value
    : Array.isArray(value)
      ? value.join(', ')
      : JSON.stringify(value)

const dateOf = (iso: string, language: PageLanguage): string =>
  new Date(iso).toLocaleString(language === 'de' ? 'de-DE' : 'en-GB', { timeZone: 'UTC' }) + ' UTC'

function profileSection(exported: ProfileExport, language: PageLanguage) {
  const t = words[language]
  return html`<section>
    <h2>${t.profile} <code>${exported.visitorId}</code></h2>
    <table>
      <thead>
        <tr>
          <th scope="col">${t.field}</th>
          <th scope="col">${t.value}</th>
          <th scope="col">${t.purposes}</th>
          <th scope="col">${t.collected}</th>
          <th scope="col">${t.form}</th>
        </tr>
      </thead>
      <tbody>
        ${exported.fields.map(
          (field) =>
            html`<tr>
              <th scope="row">${field.label}</th>
              <td>${field.value === undefined ? t.declined : show(field.value)}</td>
              <td>${field.purposes.map((p) => `${p.label} (${p.basis})`).join(', ')}</td>
              <td>${dateOf(field.collectedAt, language)}</td>
              <td>${field.formId}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <h3>${t.consents}</h3>
    <table>
      <thead>
        <tr>
          <th scope="col">${t.when}</th>
          <th scope="col">${t.purpose}</th>
          <th scope="col">${t.decision}</th>
          <th scope="col">${t.version}</th>
          <th scope="col">${t.text}</th>
        </tr>
      </thead>
      <tbody>
        ${exported.consentHistory.map(
          (event) =>
            html`<tr>
              <td>${dateOf(event.at, language)}</td>
              <td>${event.purposeLabel}</td>
              <td>${event.decision}</td>
              <td>${event.version}</td>
              <td>${event.text ?? t.noText}</td>
            </tr>`,
        )}
      </tbody>
    </table>
    <h3>${t.states}</h3>
    <ul>
      ${exported.consentStates.map((state) => html`<li>${state.label}: ${state.state}</li>`)}
    </ul>
  </section>`
}

/** The export of every profile of an address, as a printable page. */
export function exportPage(exported: PeopleExport, language: PageLanguage) {
  const t = words[language]
  return htmlPage(
    language,
    t.exportTitle,
    style,
    html`<h1>${t.exportTitle}</h1>
      <p>${t.exportIntro.replace('{n}', String(exported.profiles.length))}</p>
      <p class="muted">
        ${t.addressHash}: <code>${exported.addressHash}</code><br />${t.exportedAt}:
        ${dateOf(exported.exportedAt, language)}
      </p>
      ${
        exported.profiles.length === 0
          ? html`<p>${t.none}</p>`
          : exported.profiles.map((profile) => profileSection(profile, language))
      }`,
  )
}

/** The proof of one purpose's consent, as a printable page. */
export function proofPage(proof: ConsentProof, purposeLabel: string, language: PageLanguage) {
  const t = words[language]
  return htmlPage(
    language,
    `${t.proofTitle}: ${purposeLabel}`,
    style,
    html`<h1>${t.proofTitle}: ${purposeLabel}</h1>
      <p>${t.proofIntro.replace('{purpose}', purposeLabel)}</p>
      <p class="muted">${t.addressHash}: <code>${proof.addressHash}</code></p>
      ${
        proof.proofs.length === 0
          ? html`<p>${t.noProof}</p>`
          : proof.proofs.map(
              (entry) =>
                html`<section>
                  <h2>${dateOf(entry.at, language)}: ${entry.decision}</h2>
                  <table>
                    <tbody>
                      <tr>
                        <th scope="row">${t.visitor}</th>
                        <td><code>${entry.visitorId}</code></td>
                      </tr>
                      <tr>
                        <th scope="row">${t.addressHash}</th>
                        <td><code>${entry.addressHashAtThatTime ?? '-'}</code></td>
                      </tr>
                      <tr>
                        <th scope="row">${t.action}</th>
                        <td>${entry.action}${entry.source ? ` (${entry.source})` : ''}</td>
                      </tr>
                      <tr>
                        <th scope="row">${t.version}</th>
                        <td>${entry.version}</td>
                      </tr>
                      <tr>
                        <th scope="row">${t.language}</th>
                        <td>${entry.locale ?? '-'}</td>
                      </tr>
                      <tr>
                        <th scope="row">${t.form}</th>
                        <td>${entry.formId ?? '-'}</td>
                      </tr>
                      <tr>
                        <th scope="row">${t.text}</th>
                        <td>${entry.text ?? t.noText}</td>
                      </tr>
                      <tr>
                        <th scope="row">${t.textHash}</th>
                        <td>
                          <code>${entry.textHash ?? '-'}</code
                          >${entry.textHash ? ` (${entry.textHashMatches ? t.verified : t.notVerified})` : ''}
                        </td>
                      </tr>
                      ${
                        entry.mailedToHash === null
                          ? ''
                          : html`<tr>
                              <th scope="row">${t.mailedTo}</th>
                              <td>
                                <code>${entry.mailedToHash}</code>,
                                ${entry.mailedAt ? dateOf(entry.mailedAt, language) : '-'}
                              </td>
                            </tr>`
                      }
                    </tbody>
                  </table>
                </section>`,
            )
      }`,
  )
}
