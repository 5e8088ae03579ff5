import './style.css'
import { assertConfig, browserStorage, createTrickle } from '@trickle/core'
import benchmarkUrl from '../../whitepaper/assets/benchmark.pdf?url'
import guideUrl from '../../whitepaper/assets/security-guide.pdf?url'
import playbookUrl from '../../whitepaper/assets/whitepaper.pdf?url'
import rawConfig from '../../whitepaper/src/trickle.config.json'
import { mountGate } from './mountGate'

// The same config and PDFs as the React example: the same gates, with the core only. The
// visitor is remembered in localStorage; `?kiosk=1` remembers nobody (a trade-fair screen).
const config = assertConfig(rawConfig)
const search = new URLSearchParams(window.location.search)
const kiosk = search.get('kiosk') === '1'
const trickle = createTrickle({
  config,
  storage: browserStorage(),
  persist: kiosk ? 'none' : 'known',
})
const requested = search.get('lang') ?? ''
const locale = config.locales.includes(requested) ? requested : 'en'
document.documentElement.lang = locale

const gates = [
  { root: 'playbook', formId: 'whitepaper', href: playbookUrl },
  { root: 'benchmark', formId: 'benchmark', href: benchmarkUrl },
  { root: 'guide', formId: 'security-guide', href: guideUrl },
]
for (const gate of gates) {
  const root = document.getElementById(gate.root)
  if (!root) throw new Error(`index.html needs an element with id="${gate.root}".`)
  const title = root.querySelector('h2')?.textContent ?? gate.formId
  mountGate(root, { trickle, formId: gate.formId, locale, asset: { href: gate.href, title } })
}
