import { assertConfig, browserStorage, createTrickle } from '@trickle/core'
import { GatedDownload, TrickleProvider } from '@trickle/react'
import '@trickle/react/styles.css'
import config from './trickle.config.json'

const trickle = createTrickle({ config: assertConfig(config), storage: browserStorage() })

export const App = () => (
  <TrickleProvider trickle={trickle} locale="en">
    <GatedDownload formId="whitepaper" asset={{ href: '/files/study.pdf', title: 'The study' }} />
  </TrickleProvider>
)
