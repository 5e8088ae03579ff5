import '@trickle/react/styles.css'
import './studio.css'
import { createRoot } from 'react-dom/client'
import { studioBootId, type StudioBoot } from '../studioBoot'
import { Studio } from './Studio'

const bootElement = document.getElementById(studioBootId)
const boot = JSON.parse(bootElement?.textContent ?? '{}') as StudioBoot
const root = document.getElementById('studio')
if (root) createRoot(root).render(<Studio boot={boot} />)
