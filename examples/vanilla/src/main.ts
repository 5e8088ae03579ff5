import './style.css'
import { assertConfig, browserStorage, createTrickle } from '@trickle/core'
import benchmarkUrl from '../../whitepaper/assets/benchmark.pdf?url'
import playbookUrl from '../../whitepaper/assets/whitepaper.pdf?url'
import rawConfig from '../../whitepaper/src/trickle.config.json'
import { mountGate } from './mountGate'

// The same config and PDFs as the React example: the same gates, with the core only.
const config = assertConfig(rawConfig)
const trickle = createTrickle({ config, storage: browserStorage() })
const requested = new URLSearchParams(window.location.search).get('lang') ?? ''
const locale = config.locales.includes(requested) ? requested : 'en'
document.documentElement.lang = locale

const gates = [
  { root: 'playbook', formId: 'whitepaper', href: playbookUrl },
  { root: 'benchmark', formId: 'benchmark', href: benchmarkUrl },
]
for (const gate of gates) {
  const root = document.getElementById(gate.root)
  if (!root) throw new Error(`index.html needs an element with id="${gate.root}".`)
  const title = root.querySelector('h2')?.textContent ?? gate.formId
  mountGate(root, { trickle, formId: gate.formId, locale, asset: { href: gate.href, title } })
}
