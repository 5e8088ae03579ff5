import './style.css'
import { assertConfig, browserStorage, createTrickle } from '@trickle/core'
import pdfUrl from '../../whitepaper/assets/whitepaper.pdf?url'
import rawConfig from '../../whitepaper/src/trickle.config.json'
import { mountGate } from './mountGate'

// The same config and PDF as the React example: the same gate, with the core only.
const config = assertConfig(rawConfig)
const trickle = createTrickle({ config, storage: browserStorage() })
const requested = new URLSearchParams(window.location.search).get('lang') ?? ''
const locale = config.locales.includes(requested) ? requested : 'en'
document.documentElement.lang = locale

const root = document.getElementById('gate')
if (!root) throw new Error('index.html needs an element with id="gate".')
mountGate(root, {
  trickle,
  formId: 'whitepaper',
  locale,
  asset: { href: pdfUrl, title: 'The Predictive Maintenance Playbook' },
})
