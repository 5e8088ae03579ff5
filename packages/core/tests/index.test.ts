import { describe, expect, it } from 'vitest'
import * as core from '../src/index'

// The public surface of @trickle/core. A change here is a change to what users can import:
// make it on purpose, with a changeset.
describe('@trickle/core exports', () => {
  it('exports exactly the public API', () => {
    expect(Object.keys(core).sort()).toMatchInlineSnapshot(`
      [
        "ConfigError",
        "HttpTransportError",
        "applySubmission",
        "assertConfig",
        "browserStorage",
        "canWithdrawConsent",
        "configIndex",
        "configIssueCodes",
        "configJsonSchema",
        "configSchema",
        "confirmWithinDays",
        "consentState",
        "consentTextHash",
        "countryCodes",
        "createFormSession",
        "createTrickle",
        "dataLayerEvents",
        "defaultLocale",
        "defaultStorageKey",
        "defineConfig",
        "destinationEnv",
        "destinationRecord",
        "didYouMean",
        "draftDependencies",
        "emptyProfile",
        "exportProfile",
        "fieldFreshness",
        "fieldTypes",
        "formSessionErrors",
        "httpTransport",
        "idPattern",
        "idempotencyKey",
        "isKnown",
        "legalBases",
        "localePattern",
        "localize",
        "memoryStorage",
        "messagesFor",
        "parseConfig",
        "parseJsonPointer",
        "parseProfile",
        "persistProfile",
        "planVisit",
        "profileExportFormat",
        "purposeUsable",
        "resolveJsonPointer",
        "sampleAnswer",
        "sha256",
        "shownConsentText",
        "simulateJourney",
        "submissionSchema",
        "toJsonPointer",
        "validationMessage",
        "validationMessages",
        "valuePerFriction",
        "withdrawConsent",
      ]
    `)
  })
})
