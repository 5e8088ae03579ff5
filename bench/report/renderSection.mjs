import { markdownTable } from '../lib/markdownTable.mjs'
import { ms, times } from '../lib/stats.mjs'

/** Part 3 of docs/benchmarks.md: mount and typing in Chromium, Trickle against RJSF. */
export function renderSection(render) {
  const { trickle, rjsf } = render.libraries
  const row = (name, item) => [
    name,
    ms(item.mountMs),
    ms(item.coldMountMs),
    ms(item.typingMs),
    ms(item.keystrokeMs),
    String(item.domElements),
  ]
  return [
    '## 3. Rendering in Chromium',
    '',
    `One page (\`bench/render/page.tsx\`, bundled by esbuild with React ${render.react} in production mode, served from 127.0.0.1) renders the same 30 fields (10 text, 2 e-mail, 2 phone, 2 URL, 3 number, 2 textarea, 4 select, 2 radio, 3 checkbox; same labels, help texts, required flags and limits) with Trickle (\`<ProgressiveForm>\`) and with RJSF ${render.rjsf} (\`@rjsf/core\` + ajv8, the same fields as JSON Schema). Chromium ${render.chromium}, headless, driven by playwright-core. The config schema caps \`perVisit\` at 20, so the Trickle form asks 10 fields on every visit (\`always\`) and the other 20 with \`perVisit: 20\`: all 30 at once.`,
    '',
    `- **Mount**: from \`root.render\` (inside \`flushSync\`) until the DOM is committed and laid out, or until the library's last DOM change within the next three tasks (effects, deferred work). Warm: ${trickle.runs} runs per library on one page after ${render.warmup} discarded pairs, alternating which library goes first. Fresh page: a new page per mount, ${trickle.coldRuns} per library, alternating.`,
    `- **Typing**: ${render.typedCharacters} characters typed one key at a time into the same text field of the mounted form; a keystroke is timed from its keydown (capture phase, before any handler) until the input event has gone through the library and the layout is computed, or until the library's last DOM change within the next three tasks. The sum of the ${render.typedCharacters} keystrokes is one run. Every run checks that 30 fields were rendered and that the field holds the typed text.`,
    '',
    markdownTable(
      [
        'Library',
        'mount (warm page)',
        'mount (fresh page)',
        `${render.typedCharacters} keystrokes`,
        'one keystroke',
        'DOM elements',
      ],
      [
        row('Trickle', trickle),
        row(`RJSF`, rjsf),
        [
          '**Trickle ÷ RJSF**',
          times(render.ratios.mountMs),
          times(render.ratios.coldMountMs),
          times(render.ratios.typingMs),
          times(render.ratios.keystrokeMs),
          times(trickle.domElements / rjsf.domElements),
        ],
      ],
    ),
    '',
    `Medians; below 1× Trickle is faster. ${
      trickle.domElements > rjsf.domElements
        ? `For the same fields Trickle renders ${times(trickle.domElements / rjsf.domElements)} the DOM elements of RJSF: each field also gets its "Why do we ask?" disclosure (a \`<details>\` with the purposes).`
        : 'Trickle renders no more DOM elements than RJSF for the same fields.'
    } Trickle's inputs are uncontrolled (bound to the core's form session, no React state) and the typed field is no \`askIf\` dependency, so a keystroke does not re-plan the form; RJSF keeps the form data in React state and re-renders the form on every keystroke.`,
    '',
  ].join('\n')
}
