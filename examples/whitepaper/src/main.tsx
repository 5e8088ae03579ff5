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
const server = (await detectServer()) ? createServerSync() : null
const trickle = createSiteTrickle({ kiosk, server: server !== null, onEvent: server?.onEvent })

const root = document.getElementById('root')
if (!root) throw new Error('index.html needs an element with id="root".')
createRoot(root).render(
  <StrictMode>
    <App trickle={trickle} server={server} />
  </StrictMode>,
)
