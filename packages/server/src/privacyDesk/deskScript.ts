import type { PageLanguage } from '../confirmPage'
import { deskMessages } from './deskMessages'
import { deskOpenPath } from './deskPage'

/**
 * The desk's script, plain browser JavaScript with no build step: the texts of the page's
 * language, then the code. It keeps the admin token in sessionStorage and calls the admin API
 * with it; personal values go into the page, never into its address.
 */
export function deskScript(language: PageLanguage): string {
  return `const t = ${JSON.stringify(deskMessages[language])};
const lang = ${JSON.stringify(language)};
const openPath = ${JSON.stringify(deskOpenPath)};
${deskCode}`
}

// Plain JavaScript run in the browser (a module, so strict and not global).
const deskCode = String.raw`
const tokenKey = 'trickle-privacy-desk-token';
const $ = (id) => document.getElementById(id);
const status = $('status');
const error = $('error');
const dates = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' });
let current = null; // { email, answer }

const fill = (text, values) =>
  text.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
const when = (value) => {
  if (!value) return t.nothing;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? String(value) : dates.format(date);
};
const shown = (value) =>
  value === null || value === undefined || value === ''
    ? t.nothing
    : typeof value === 'object'
      ? JSON.stringify(value)
      : String(value);

function say(message) {
  error.textContent = '';
  status.textContent = message;
}
function fail(message) {
  status.textContent = '';
  error.textContent = message;
}

function el(tag, attributes, children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (name === 'text') node.textContent = value;
    else node.setAttribute(name, value);
  }
  for (const child of children || []) node.append(child);
  return node;
}

function table(caption, headings, rows) {
  const head = el('tr', {}, headings.map((h) => el('th', { scope: 'col', text: h })));
  const body = rows.map((cells) =>
    el('tr', {}, cells.map((cell) => (cell instanceof Node ? el('td', {}, [cell]) : el('td', { text: shown(cell) })))),
  );
  return el('table', {}, [el('caption', { text: caption }), el('thead', {}, [head]), el('tbody', {}, body)]);
}
const hash = (value) => (value ? el('code', { class: 'hash', text: value }) : t.nothing);

// The token: kept for this tab only.
const tokenInput = $('token');
const token = () => sessionStorage.getItem(tokenKey) || '';
if (token()) tokenInput.value = token();

class ApiFailure extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function api(method, path, params) {
  if (!token()) throw new ApiFailure(0, t.tokenMissing);
  const url = new URL(path, location.origin);
  for (const [name, value] of Object.entries(params || {})) {
    if (value !== undefined && value !== '') url.searchParams.set(name, value);
  }
  let response;
  try {
    response = await fetch(url, {
      method,
      headers: { authorization: 'Bearer ' + token(), accept: 'application/json' },
      credentials: 'omit',
      cache: 'no-store',
    });
  } catch {
    throw new ApiFailure(0, t.networkError);
  }
  if (response.status === 401) throw new ApiFailure(401, t.tokenWrong);
  if (!response.ok) {
    let message = response.status + ' ' + response.statusText;
    try {
      const body = await response.json();
      const problem = body && body.error;
      message = (problem && (problem.message || problem.code)) || body.message || message;
    } catch {
      // not JSON: keep the status line
    }
    throw new ApiFailure(response.status, message);
  }
  return response;
}

function handle(failure) {
  fail(failure instanceof ApiFailure ? failure.message : String(failure));
}

$('token-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const value = tokenInput.value.trim();
  if (!value) return fail(t.tokenMissing);
  sessionStorage.setItem(tokenKey, value);
  try {
    await loadLog();
    say(t.tokenAccepted);
  } catch (failure) {
    // A refused token is not kept.
    if (failure instanceof ApiFailure && failure.status === 401) sessionStorage.removeItem(tokenKey);
    handle(failure);
  }
});

$('forget-token').addEventListener('click', () => {
  sessionStorage.removeItem(tokenKey);
  tokenInput.value = '';
  // Nothing found with the token stays on the screen.
  current = null;
  $('results').hidden = true;
  $('profiles').replaceChildren();
  $('receipt').hidden = true;
  $('receipt-details').replaceChildren();
  $('audit').replaceChildren();
  $('erasures').replaceChildren();
  say(t.tokenForgotten);
  tokenInput.focus();
});

// Find.
const emailInput = $('email');
$('find-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  await find(emailInput.value.trim());
});

async function find(email) {
  if (!email) return;
  say(t.searching);
  try {
    const answer = await (await api('GET', '/v1/admin/people', { email, locale: lang })).json();
    current = { email, answer };
    $('receipt').hidden = true;
    showProfiles(answer);
    const n = answer.profiles.length;
    say(n === 0 ? t.foundNone : n === 1 ? t.foundOne : fill(t.foundMany, { n }));
    await loadLog().catch(() => undefined);
  } catch (failure) {
    handle(failure);
  }
}

function purposesOf(answer) {
  const consent = new Set();
  const all = new Set();
  for (const profile of answer.profiles) {
    for (const event of profile.consents) {
      consent.add(event.purposeId);
      all.add(event.purposeId);
    }
    for (const field of profile.fields) for (const purpose of field.purposes) all.add(purpose);
  }
  return { consent: [...consent].sort(), all: [...all].sort() };
}

function showProfiles(answer) {
  const results = $('results');
  results.hidden = false;
  const n = answer.profiles.length;
  $('results-summary').replaceChildren(
    n === 0 ? t.foundNone : n === 1 ? t.foundOne : fill(t.foundMany, { n }),
    ' ',
    t.addressHash + ': ',
    hash(answer.addressHash),
  );
  for (const id of ['export-json', 'export-print', 'withdraw', 'erase']) $(id).disabled = n === 0;
  $('proofs').replaceChildren(
    ...purposesOf(answer).consent.map((purpose) => {
      const button = el('button', { type: 'button', 'data-purpose': purpose, text: fill(t.proof, { purpose }) });
      button.addEventListener('click', () => openPrintable('proof', purpose));
      return button;
    }),
  );
  $('profiles').replaceChildren(...answer.profiles.map(profileView));
}

function profileView(profile, index) {
  const id = 'profile-' + index;
  return el('article', { class: 'profile', 'aria-labelledby': id }, [
    el('h3', { id, text: fill(t.profile, { id: profile.visitorId }) }),
    el('dl', {}, [
      el('dt', { text: t.created }),
      el('dd', { text: when(profile.createdAt) }),
      el('dt', { text: t.visits }),
      el('dd', { text: shown(profile.visits) }),
    ]),
    table(
      t.fieldsCaption,
      [t.field, t.value, t.purposes, t.legalBasis, t.collectedAt, t.form],
      profile.fields.map((field) => [
        field.label ? field.label + ' (' + field.fieldId + ')' : field.fieldId,
        field.declined ? t.declined : field.value,
        field.purposes.join(', '),
        field.legalBasis.join(', '),
        when(field.collectedAt),
        field.formId,
      ]),
    ),
    table(
      t.consentsCaption,
      [t.purpose, t.decision, t.version, t.at, t.form, t.language, t.source, t.textHash, t.consentText],
      profile.consents.map((event) => [
        event.purposeId,
        event.decision,
        event.version,
        when(event.at),
        event.formId,
        event.locale,
        event.source,
        hash(event.textHash),
        event.text,
      ]),
    ),
    table(
      t.stateCaption,
      [t.purpose, t.state],
      Object.entries(profile.consentState || {}).map(([purpose, state]) => [purpose, state]),
    ),
    table(
      t.submissionsCaption,
      [t.at, t.form, t.visit, t.language, t.submittedFields],
      profile.submissions.map((submission) => [
        when(submission.at),
        submission.formId,
        submission.visit,
        submission.locale,
        (submission.fieldIds || []).join(', '),
      ]),
    ),
  ]);
}

// Export: the JSON is fetched with the token and saved from memory.
$('export-json').addEventListener('click', async () => {
  if (!current) return;
  try {
    const response = await api('GET', '/v1/admin/people/export', { email: current.email });
    const disposition = response.headers.get('content-disposition') || '';
    const file = (/filename="?([^";]+)"?/.exec(disposition) || [])[1] || 'export.json';
    const url = URL.createObjectURL(await response.blob());
    const link = el('a', { href: url, download: file, hidden: '' });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    say(fill(t.exported, { file }));
  } catch (failure) {
    handle(failure);
  }
});

// Printable pages open in a new tab through a POST to the desk (token and address in the body,
// never in an address), so they keep the server's own page and its headers.
function openPrintable(view, purpose) {
  if (!current) return;
  if (!token()) return fail(t.tokenMissing);
  const values = { token: token(), view, email: current.email, locale: lang, purpose: purpose || '' };
  const form = el('form', { method: 'post', action: openPath, target: '_blank', hidden: '' },
    Object.entries(values).map(([name, value]) => el('input', { type: 'hidden', name, value })));
  document.body.append(form);
  form.submit();
  form.remove();
  say(t.opened);
}
$('export-print').addEventListener('click', () => openPrintable('export'));

// Withdraw and erase ask first, in a modal dialog (Escape cancels).
const dialog = $('confirm');
let onConfirm = null;
let opener = null;

function ask({ heading, text, confirm, purposes, action }) {
  $('confirm-heading').textContent = heading;
  $('confirm-text').textContent = text;
  $('confirm-ok').textContent = confirm;
  $('confirm-reason').value = '';
  const select = $('confirm-purpose');
  $('confirm-purpose-row').hidden = !purposes;
  select.replaceChildren(...(purposes || []).map((p) => el('option', { value: p, text: p })));
  onConfirm = action;
  opener = document.activeElement;
  dialog.returnValue = '';
  dialog.showModal();
  (purposes ? select : $('confirm-cancel')).focus();
}

dialog.addEventListener('close', async () => {
  const action = onConfirm;
  onConfirm = null;
  const confirmed = dialog.returnValue === 'confirm' && action;
  if (opener && document.contains(opener)) opener.focus();
  if (!confirmed) return say(t.cancelled);
  await action({ reason: $('confirm-reason').value.trim(), purpose: $('confirm-purpose').value });
});

$('erase').addEventListener('click', () => {
  if (!current) return;
  const n = current.answer.profiles.length;
  ask({
    heading: t.eraseTitle,
    text: fill(t.eraseText, { n }),
    confirm: fill(t.eraseConfirm, { n }),
    action: async ({ reason }) => {
      try {
        const { receipt } = await (await api('DELETE', '/v1/admin/people', { email: current.email, reason })).json();
        current = null;
        $('results').hidden = true;
        $('profiles').replaceChildren();
        showReceipt(receipt);
        say(fill(t.erased, { n: receipt.profiles }));
        $('receipt-heading').focus();
        await loadLog().catch(() => undefined);
      } catch (failure) {
        handle(failure);
      }
    },
  });
});

$('withdraw').addEventListener('click', () => {
  if (!current) return;
  const n = current.answer.profiles.length;
  ask({
    heading: t.withdrawTitle,
    text: fill(t.withdrawText, { n }),
    confirm: t.withdrawConfirm,
    purposes: purposesOf(current.answer).all,
    action: async ({ reason, purpose }) => {
      try {
        const result = await (
          await api('POST', '/v1/admin/people/withdraw', { email: current.email, purpose, reason })
        ).json();
        const email = current.email;
        await find(email);
        say(
          fill(t.withdrawn, {
            purpose: result.purposeId,
            w: result.withdrawn,
            n: result.profiles,
            fields: result.erasedFieldIds.length ? result.erasedFieldIds.join(', ') : t.nothing,
          }),
        );
      } catch (failure) {
        handle(failure);
      }
    },
  });
});

function countsText(counts) {
  return Object.entries(counts || {})
    .map(([name, n]) => name + ': ' + n)
    .join(', ');
}

function showReceipt(receipt) {
  const rows = [
    [t.receiptId, receipt.id],
    [t.at, when(receipt.at)],
    [t.kind, receipt.kind],
    [t.addressHash, hash(receipt.addressHash)],
    [t.requestedBy, receipt.requestedBy],
    [t.reason, receipt.reason],
    [t.profiles, receipt.profiles],
    [t.counts, countsText(receipt.counts)],
  ];
  $('receipt-details').replaceChildren(
    ...rows.flatMap(([name, value]) => [
      el('dt', { text: name }),
      value instanceof Node ? el('dd', {}, [value]) : el('dd', { text: shown(value) }),
    ]),
  );
  $('receipt').hidden = false;
}

// Audit log and erasure receipts.
async function loadLog() {
  const [audit, erasures] = await Promise.all([
    api('GET', '/v1/admin/audit', { limit: '50' }).then((r) => r.json()),
    api('GET', '/v1/admin/erasures', { limit: '20' }).then((r) => r.json()),
  ]);
  $('audit').replaceChildren(
    audit.entries.length === 0
      ? el('p', { text: t.noEntries })
      : table(
          t.auditHeading,
          ['#', t.at, t.actor, t.action, t.purpose, t.addressHash, t.detail],
          audit.entries.map((entry) => [
            entry.seq,
            when(entry.at),
            entry.actor,
            entry.action,
            entry.purposeId,
            hash(entry.addressHash),
            entry.detail && Object.keys(entry.detail).length ? JSON.stringify(entry.detail) : t.nothing,
          ]),
        ),
  );
  $('erasures').replaceChildren(
    erasures.receipts.length === 0
      ? el('p', { text: t.noEntries })
      : table(
          t.erasuresHeading,
          [t.receiptId, t.at, t.kind, t.requestedBy, t.addressHash, t.reason, t.profiles, t.counts],
          erasures.receipts.map((r) => [
            r.id,
            when(r.at),
            r.kind,
            r.requestedBy,
            hash(r.addressHash),
            r.reason,
            r.profiles,
            countsText(r.counts),
          ]),
        ),
  );
}

$('refresh').addEventListener('click', () => loadLog().catch(handle));
if (token()) loadLog().catch(handle);
`
