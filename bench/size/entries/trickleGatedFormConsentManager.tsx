import { browserStorage, createTrickle } from '@trickle/core'
import { ConsentManager, GatedDownload, TrickleProvider } from '@trickle/react'
import { createRoot } from 'react-dom/client'
import { smallConfig } from './smallConfig'
import { mountPoint } from './mountPoint'

// The gated form plus the consent manager: the import set of the .size-limit.js entry.
const trickle = createTrickle({ config: smallConfig, storage: browserStorage() })

createRoot(mountPoint()).render(
  <TrickleProvider trickle={trickle}>
    <GatedDownload formId="whitepaper" asset={{ href: '/paper.pdf', title: 'The study' }} />
    <ConsentManager />
  </TrickleProvider>,
)
