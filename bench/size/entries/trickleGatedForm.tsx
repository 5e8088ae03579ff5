import { browserStorage, createTrickle } from '@trickle/core'
import { GatedDownload, TrickleProvider } from '@trickle/react'
import { createRoot } from 'react-dom/client'
import { smallConfig } from './smallConfig'
import { mountPoint } from './mountPoint'

// The complete gated form as an app ships it: a store that remembers the visitor, the provider
// and a download behind a progressive form.
const trickle = createTrickle({ config: smallConfig, storage: browserStorage() })

createRoot(mountPoint()).render(
  <TrickleProvider trickle={trickle}>
    <GatedDownload formId="whitepaper" asset={{ href: '/paper.pdf', title: 'The study' }} />
  </TrickleProvider>,
)
