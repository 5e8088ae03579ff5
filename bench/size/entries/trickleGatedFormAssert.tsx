import { assertConfig, browserStorage, createTrickle } from '@trickle/core'
import { GatedDownload, TrickleProvider } from '@trickle/react'
import { createRoot } from 'react-dom/client'
import { smallConfig } from './smallConfig'
import { mountPoint } from './mountPoint'

// The gated form of an app that validates its JSON config in the browser at start, as
// examples/whitepaper does: this ships parseConfig and its messages too.
const config: unknown = JSON.parse(JSON.stringify(smallConfig))
const trickle = createTrickle({ config: assertConfig(config), storage: browserStorage() })

createRoot(mountPoint()).render(
  <TrickleProvider trickle={trickle}>
    <GatedDownload formId="whitepaper" asset={{ href: '/paper.pdf', title: 'The study' }} />
  </TrickleProvider>,
)
