import '@trickle/react/styles.css'
import './styles.css'
import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { App } from './App'
import { parseRoute } from './route'
import { detectServer } from './serverApi'
import { createServerSync } from './serverSync'
import { createSiteTrickle } from './siteTrickle'

const { kiosk } = parseRoute(new URL(window.location.href))
// A server is looked for only when the dev server proxies /api to one (`npm start` does).
const proxied = import.meta.env.VITE_TRICKLE_SERVER === 'proxy'
const server = proxied && (await detectServer()) ? createServerSync() : null
const trickle = createSiteTrickle({ kiosk, server: server !== null, onEvent: server?.onEvent })
// A kiosk sends no cookie, so there is nothing for the server to forget, and nothing to take over.
if (server && !kiosk) {
  server.follow(trickle)
  // The server's ledger is the proof of consent: take over what it recorded elsewhere (the
  // double opt-in link in the e-mail, another device), now and whenever the visitor comes back
  // to this tab, e.g. from the confirmation page.
  void server.pull(trickle)
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void server.pull(trickle)
  })
}

const root = document.getElementById('root')
if (!root) throw new Error('index.html needs an element with id="root".')
createRoot(root).render(
  <StrictMode>
    <App trickle={trickle} server={server} />
  </StrictMode>,
)
