import { browserStorage, createTrickle } from '@trickle/core'
import { assertConfig } from '@trickle/core/config'
import styles from '../../vanilla/src/style.css?inline'
import rawConfig from '../../whitepaper/src/trickle.config.json'
import { defineTrickleGate } from './defineTrickleGate'

// The one script of a page (a WordPress page too): the config and the styles are bundled in,
// the visitor is remembered in localStorage, and `?kiosk=1` remembers nobody (a trade-fair screen).
document.head.append(Object.assign(document.createElement('style'), { textContent: styles }))
const config = assertConfig(rawConfig)
const kiosk = new URLSearchParams(window.location.search).get('kiosk') === '1'
const trickle = createTrickle({
  config,
  storage: browserStorage(),
  persist: kiosk ? 'none' : 'known',
})
defineTrickleGate({ trickle })
