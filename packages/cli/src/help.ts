/** The help texts: what each command does, its flags, and examples that work as written. */

export const mainHelp = `trickle: validate and preview Trickle progressive profiling configs

Usage
  trickle <command> [options]

Commands
  validate <config.json>   check a config; every problem with line:column and how to fix it
  simulate <config.json>   show what each visit asks, and why every other field is not asked
  schema                   print the JSON Schema (for editors and CI)
  studio --config <config.json>
                           edit a config with schema help, preview every visit, save it back
  serve                    start the Trickle server with its embedded database
  deliveries list|retry|enable
                           the hand-off to CRMs: deliveries, failed ones again, destinations
  privacy find|export|proof|erase|withdraw|audit --email <address>
                           a person's request by e-mail: find, export, prove, erase, withdraw
  retention --dry-run|--apply
                           values past their purposes' retainDays: show them, or erase them

Options
  -h, --help      help for a command: trickle validate --help
  -v, --version   the version

Examples
  trickle validate trickle.config.json
  trickle simulate trickle.config.json --form whitepaper --visits 4
  trickle schema > trickle.schema.json
`

export const validateHelp = `trickle validate <config.json> [--json] [--against <database>] [--locale de]

Checks a config: the file (empty, UTF-16, over 1 MB), JSON syntax (with comments, typographic
quotes and keys written twice named as such), the shape of every property, and the meaning
(unknown or duplicate ids, missing consent texts, askIf cycles...). Prints every problem at once
with its line:column, a code frame and what to change. Exits 0 when the config is valid
(warnings allowed), 1 when it has errors, 2 when the command itself is wrong.

Options
  --json               machine-readable result, for CI: { file, valid, errors, warnings }
  --against <database> also compare the consent texts with those recorded in the server's
                       database (a PostgreSQL URL or the data folder): a text edited without
                       raising its purpose's version is an error
  --locale <en|de>     the language of the messages (default: the system locale, else English)

Examples
  trickle validate trickle.config.json
  trickle validate trickle.config.json --json
  trickle validate trickle.config.json --against .trickle-data
  trickle validate trickle.config.json --locale de
`

export const simulateHelp = `trickle simulate <config.json> [options]

Walks one visitor through several visits: for every visit, each field of the form with its label,
whether it is asked and why not (known, consent-missing, condition-unmet, limit-reached), the
consents offered with the text the visitor reads, fields left empty (declined), and whether a
double opt-in waits for its confirmation mail or was confirmed. Answers come from --answers or
plausible samples (first option, ...). Consents are left unticked unless --consent says yes.
Answers and consents for ids the config does not have are reported, with the id you likely meant.

A journey file says what happens on each visit, across forms:
  { "steps": [
      { "form": "whitepaper", "answers": { "jobRole": "head" },
        "consents": { "newsletter": true }, "confirmDoubleOptIn": false },
      { "form": "checklist", "daysAfter": 14, "declined": ["phone"] } ] }
Per step: form (required), daysAfter (default: --days-between), answers, consents (true ticks,
false leaves unticked), declined (optional fields left empty: asked again only after every other
field), confirmDoubleOptIn (does the visitor click the mail's link before the next visit?
default true).

Options
  --journey <file.json>  the visits from a journey file (instead of --form, --visits, --answers,
                         --consent)
  --form <id>[,<id>...]  the form (default: the first form); several (--form a,b or --form a
                         --form b) are visited in turn: a, b, a, ...
  --visits <n>           how many visits (default 3, at most 100)
  --days-between <n>     days between two visits (default 0): shows stale fields (maxAgeDays)
                         and expired consents (refreshAfterDays)
  --answers <file.json>  answers by field id, e.g. { "jobRole": "head", "company": "ACME" }
  --consent <id>=yes|no  tick (yes) or leave unticked (no) an offered consent; repeatable
  --locale <code>        the labels and consent texts in this locale (default: the config's first;
                         a locale the config lacks falls back to it) and the language of this
                         report, en or de (default: the system locale)
  --start <YYYY-MM-DD>   the first visit's date (default: today)
  --json                 machine-readable output

Exits 0, or 1 when the config has errors or an answer is refused, 2 when the command is wrong.

Examples
  trickle simulate trickle.config.json --form whitepaper --visits 4
  trickle simulate trickle.config.json --consent sales=yes --days-between 400 --visits 4
  trickle simulate trickle.config.json --form whitepaper,checklist --locale de
  trickle simulate trickle.config.json --journey journey.json --json
`

export const schemaHelp = `trickle schema [--locale de]

Prints the JSON Schema of the config format. Point "$schema" in your config at the copy shipped in
@trickle/core (dist/schema.json, or dist/schema.de.json with German descriptions) so your editor
autocompletes and underlines mistakes.

Options
  --locale <en|de>     the language of the descriptions (default: the system locale, else English)

Examples
  trickle schema > trickle.schema.json
  trickle schema --locale de > trickle.schema.json
`

export const serveHelp = `trickle serve [--config <config.json>] [--port <n>] [--data <folder>]

Starts the Trickle server. Without DATABASE_URL it keeps everything in an embedded database in the
data folder (nothing to install); with DATABASE_URL it uses PostgreSQL.

Options
  --config <file>   the config (default: trickle.config.json, or $TRICKLE_CONFIG)
  --port <n>        the port (default: $PORT, else 8787)
  --data <folder>   the embedded database folder (default: .trickle-data)

Examples
  trickle serve --config trickle.config.json --port 8787
  DATABASE_URL=postgres://localhost/trickle TRICKLE_SECRET=... trickle serve
`

export const studioHelp = `trickle studio --config <config.json> [--port <n>] [--locale en|de] [--server <url>] [--no-open]

Opens the studio in your browser: the config in an editor with completion, explanations and every
problem at its line, a live preview of each form on visits 1, 2, 3 and across forms, for any visitor
you describe, and on save the file written back (the previous version kept as <file>.bak; only a
valid config is written). It runs on this machine only (127.0.0.1) and needs no internet.

Options
  --config <file>   the config file to edit (required)
  --port <n>        the port (default: a free one)
  --locale <en|de>  the studio's language (default: the browser's)
  --server <url>    a running Trickle server whose report (funnel, value per field) the studio
                    shows; needs its admin token in $TRICKLE_ADMIN_TOKEN
  --no-open         print the address without opening a browser (also when $CI is set)

Examples
  trickle studio --config trickle.config.json
  TRICKLE_ADMIN_TOKEN=... trickle studio --config trickle.config.json --server http://127.0.0.1:8787
`

export const deliveriesHelp = `trickle deliveries list|retry|enable [options]

The hand-off to CRMs and webhooks, through a running server's admin API: what was delivered,
what waits for its next try, what failed for good (dead), and destinations switched off because a
webhook answered 410 Gone. Shows ids, statuses and errors, never personal values.

Actions
  list                      recent deliveries, newest first, and every destination's state
  retry <delivery id>       try a dead or pending delivery again now (a dead one gets one attempt;
                            if it fails, it is dead again)
  enable <destination id>   switch a disabled destination back on; its waiting deliveries go out

Options
  --url <address>        the server (default: http://127.0.0.1:$PORT, else :8787, as trickle serve)
  --token <token>        the server's admin token (default: $TRICKLE_ADMIN_TOKEN; prefer the
                         variable, a flag shows in the process list)
  --status <status>      list only pending, delivered, dead or skipped deliveries
  --destination <id>     list only this destination's deliveries
  --limit <n>            how many (default 50, at most 1000)
  --json                 machine-readable output: the API's answer

Exits 0 on success, 1 when the server refuses (wrong token, unknown id) or cannot be reached, 2
when the command itself is wrong.

Examples
  trickle deliveries list --status dead
  trickle deliveries retry 3f2b8c1e-5d47-4a8e-9b0a-6c1d2e3f4a5b
  trickle deliveries enable crm
  TRICKLE_ADMIN_TOKEN=... trickle deliveries list --url https://forms.example.com --json
`

const adminWhere = `Where
  --server <url>     a running server's admin API (default: $TRICKLE_SERVER_URL), with the admin
                     token in $TRICKLE_ADMIN_TOKEN
  --data <folder>    else the embedded database (default: $TRICKLE_DATA_DIR, else .trickle-data),
                     or PostgreSQL when DATABASE_URL is set (with TRICKLE_SECRET), opened here;
                     when a running server holds the folder, its API (needs TRICKLE_ADMIN_TOKEN)
  --config <file>    the server's config, for a database opened here (default:
                     $TRICKLE_CONFIG, else trickle.config.json)
`

export const privacyHelp = `trickle privacy <action> --email <address> [options]

Answers a data subject's request by e-mail address: every profile that holds the address
(trimmed and case-folded), across cookies and devices. Every action is written to the audit log.

Actions
  find       the profiles: fields (value, purpose, legal basis, collected, form), consent
             history, submissions
  export     one document of all of them (Art. 15 and 20), written to a file
  proof      the proof of one consent (--purpose): when, which version, the exact text shown,
             the action (ticked box, confirmation link)
  erase      erases every profile of the address (Art. 17) and prints the receipt; asks first
  withdraw   withdraws a purpose (--purpose) on every profile of the address
  audit      the audit log of these actions, newest first (no --email)

Options
  --email <address>      the person's address
  --purpose <id>         proof, withdraw: the purpose
  --reason <text>        erase, withdraw: why (kept in the receipt and log; no personal data)
  --format json|html     export, proof: write a JSON document or a printable page (export
                         writes JSON by default; proof prints a summary unless --format/--out)
  --locale en|de         the language of the HTML page
  --out <file>           the file (default: the name the server gives, else the hash or the
                         time); - for stdout
  --yes                  erase without asking (scripts)
  --limit <n>            audit: how many entries (default 100, at most 1000)
  --json                 the API's answer as JSON

${adminWhere}
Exits 0 on success, 1 when the API refuses (with its reason) or erase was not confirmed, 2 when
the command itself is wrong.

Examples
  trickle privacy find --email klaus@example.com
  trickle privacy export --email klaus@example.com --format html --locale de
  trickle privacy proof --email klaus@example.com --purpose newsletter
  trickle privacy erase --email klaus@example.com --reason "letter of 2026-12-01"
  trickle privacy withdraw --email klaus@example.com --purpose newsletter
`

export const retentionHelp = `trickle retention --dry-run|--apply [options]

Values past their retention: a value is due when every purpose of its field that has a
retainDays (in the config) is older than that, and no purpose without one still holds it.
--dry-run lists them per purpose; --apply erases them and prints the receipts.

Options
  --dry-run          show what is due, erase nothing
  --apply            erase it
  --json             the API's answer as JSON

${adminWhere}
Examples
  trickle retention --dry-run
  trickle retention --apply --data .trickle-data
`
