import { inject } from 'vitest'
import { gateScenarios } from './gateScenarios'

// <trickle-gate> on a page with one script passes the React gate's browser tests.
gateScenarios({
  name: '<trickle-gate>',
  url: () => inject('webComponentUrl'),
  gate: (page, id) => page.locator(`trickle-gate#${id}`),
  screenshots: 'web-component',
})
