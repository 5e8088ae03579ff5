/** The desk's stylesheet (served at /admin/privacy/desk.css): readable, printable, visible focus. */
export const deskStyle = `:root {
  color-scheme: light;
  --ink: #1a1a1a;
  --muted: #4a4a4a;
  --line: #c9c9c9;
  --accent: #0b4fb3;
  --danger: #a4161a;
  --panel: #f6f7f9;
  font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif;
  line-height: 1.45;
  color: var(--ink);
  background: #fff;
}
body { margin: 0; }
.top {
  display: flex; align-items: baseline; justify-content: space-between; gap: 1rem;
  padding: 0.75rem 1.5rem; border-bottom: 1px solid var(--line);
}
.top h1 { margin: 0; font-size: 1.4rem; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
.intro { color: var(--muted); max-width: 60rem; }
.panel { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 0.75rem 1rem 1rem; margin: 1rem 0; }
.panel h2 { margin: 0.25rem 0 0.75rem; font-size: 1.15rem; }
h3 { font-size: 1rem; margin: 1rem 0 0.5rem; }
.row { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem; }
.hint { color: var(--muted); font-size: 0.9rem; margin: 0.4rem 0 0; }
label { font-weight: 600; }
input, select {
  font: inherit; padding: 0.35rem 0.5rem; border: 1px solid #767676; border-radius: 4px; background: #fff; color: var(--ink);
}
input[type='email'], input[type='password'] { min-width: 18rem; }
button {
  font: inherit; padding: 0.35rem 0.8rem; border-radius: 4px; border: 1px solid var(--accent);
  background: var(--accent); color: #fff; cursor: pointer;
}
button[type='button']:not(.danger), #confirm-cancel { background: #fff; color: var(--accent); }
button.danger { background: var(--danger); border-color: var(--danger); color: #fff; }
a { color: var(--accent); }
:focus-visible { outline: 3px solid #f5a300; outline-offset: 2px; box-shadow: 0 0 0 5px #1a1a1a; }
.status:not(:empty) { margin: 1rem 0; padding: 0.6rem 0.9rem; border-left: 4px solid var(--accent); background: #eef4fd; }
.error:not(:empty) { margin: 1rem 0; padding: 0.6rem 0.9rem; border-left: 4px solid var(--danger); background: #fdeeee; color: var(--danger); }
table { border-collapse: collapse; width: 100%; margin: 0.25rem 0 1rem; background: #fff; font-size: 0.92rem; }
caption { text-align: left; font-weight: 600; padding: 0.3rem 0; }
th, td { border: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eceef2; }
code, .hash { font-family: ui-monospace, 'SFMono-Regular', Menlo, monospace; font-size: 0.85rem; overflow-wrap: anywhere; }
article.profile { border-top: 2px solid var(--line); margin-top: 1rem; padding-top: 0.5rem; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0.25rem 1rem; margin: 0; }
dt { font-weight: 600; }
dd { margin: 0; }
dialog { max-width: 34rem; border: 1px solid var(--line); border-radius: 6px; padding: 1rem 1.25rem; color: var(--ink); }
dialog::backdrop { background: rgb(0 0 0 / 45%); }
dialog h2 { margin-top: 0; font-size: 1.15rem; }
dialog label { display: block; margin-bottom: 0.25rem; }
dialog input, dialog select { width: 100%; box-sizing: border-box; }
@media print {
  .top a, #token-form, #token-hint, #find-heading, #find-form, #email-hint, #actions, #refresh { display: none; }
  .panel { background: none; border: none; padding: 0; }
}
`
