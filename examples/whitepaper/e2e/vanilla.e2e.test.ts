import { inject } from 'vitest'
import { gateScenarios } from './gateScenarios'

// The plain-DOM gates (core only, no framework) pass the React gate's browser tests.
gateScenarios({
  name: 'the plain-DOM gates',
  url: () => inject('vanillaUrl'),
  gate: (page, id) => page.locator(`section#${id}`),
  screenshots: 'vanilla',
})
