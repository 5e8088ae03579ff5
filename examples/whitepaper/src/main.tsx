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
// A kiosk sends no cookie, so there is nothing for the server to forget, and nothing to take over.
const synced = server && !kiosk ? server : null
const trickle = createSiteTrickle({
  kiosk,
  server: server !== null,
  onEvent: server?.onEvent,
  // Answered on another device meanwhile: take over what the server knows, the form re-plans.
  onPlanChanged: synced ? () => synced.pull(trickle) : undefined,
})
if (synced) {
  synced.follow(trickle)
  // The server's record is the proof: take over what it recorded elsewhere (the double opt-in
  // link in the e-mail, another device, answers from before this browser's storage was
  // cleared), now and whenever the visitor comes back to this tab, e.g. from the confirmation page.
  void synced.pull(trickle)
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void synced.pull(trickle)
  })
}

const root = document.getElementById('root')
if (!root) throw new Error('index.html needs an element with id="root".')
createRoot(root).render(
  <StrictMode>
    <App trickle={trickle} server={server} />
  </StrictMode>,
)
