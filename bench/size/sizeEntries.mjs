import { fileURLToPath } from 'node:url'

const entry = (file) => fileURLToPath(new URL(`./entries/${file}`, import.meta.url))

/**
 * The bundles measured, each a tiny entry in ./entries. `renders`: the entry renders a form
 * (checked in Chromium before its size is reported); `detail`: whether the contributors
 * table is printed for it.
 */
export const sizeEntries = [
  {
    id: 'core-everything',
    group: 'Trickle',
    name: '@trickle/core, everything',
    imports: '`export *` (with parseConfig and the JSON Schema generator)',
    file: entry('coreEverything.ts'),
    renders: false,
    detail: true,
  },
  {
    id: 'core-runtime',
    group: 'Trickle',
    name: '@trickle/core, runtime import set',
    imports: 'createTrickle, browserStorage, planVisit, submissionSchema, localize',
    file: entry('coreRuntime.ts'),
    renders: false,
    detail: true,
  },
  {
    id: 'gated-form',
    group: 'Trickle',
    name: 'Complete gated form',
    imports: '@trickle/react: TrickleProvider, GatedDownload; core: createTrickle, browserStorage',
    file: entry('trickleGatedForm.tsx'),
    renders: true,
    detail: true,
  },
  {
    id: 'gated-form-consent-manager',
    group: 'Trickle',
    name: 'Complete gated form + ConsentManager',
    imports: 'the set of the .size-limit.js entry (adds ConsentManager)',
    file: entry('trickleGatedFormConsentManager.tsx'),
    renders: true,
    detail: false,
  },
  {
    id: 'gated-form-assert',
    group: 'Trickle',
    name: 'Complete gated form + assertConfig at start',
    imports:
      'validates its JSON config in the browser (examples/whitepaper does so only in development)',
    file: entry('trickleGatedFormAssert.tsx'),
    renders: true,
    detail: false,
  },
  {
    id: 'rjsf',
    group: 'Peer',
    name: 'RJSF',
    imports: '@rjsf/core Form + @rjsf/validator-ajv8',
    file: entry('rjsf.tsx'),
    renders: true,
    detail: false,
  },
  {
    id: 'jsonforms',
    group: 'Peer',
    name: 'JSON Forms',
    imports: '@jsonforms/react JsonForms + @jsonforms/vanilla-renderers',
    file: entry('jsonForms.tsx'),
    renders: true,
    detail: false,
  },
  {
    id: 'surveyjs',
    group: 'Peer',
    name: 'SurveyJS',
    imports: 'survey-core Model + survey-react-ui Survey',
    file: entry('surveyJs.tsx'),
    renders: true,
    detail: false,
  },
  {
    id: 'tanstack-zod',
    group: 'Peer',
    name: 'TanStack Form + zod',
    imports: "@tanstack/react-form useForm + `import * as z from 'zod'`",
    file: entry('tanstackFormZod.tsx'),
    renders: true,
    detail: false,
  },
  {
    id: 'tanstack-zod-named',
    group: 'Peer',
    name: 'TanStack Form + zod, named import',
    imports: "@tanstack/react-form useForm + `import { z } from 'zod'`",
    file: entry('tanstackFormZodNamed.tsx'),
    renders: true,
    detail: false,
  },
]

/**
 * What the dependencies alone cost, used the least an app can use them: the floor under each
 * size target (not in the bundle table; the targets table subtracts them).
 */
export const floorEntries = [
  {
    id: 'floor-core',
    name: 'zod/mini (smallest object schema) + zustand/vanilla createStore',
    file: entry('dependenciesCore.ts'),
  },
  {
    id: 'floor-gated-form',
    name: "zod/mini (smallest object schema) + zustand/vanilla createStore (React is the app's)",
    file: entry('dependenciesGatedForm.ts'),
  },
]

/**
 * The issue's targets (issue 10), in bytes of gzip -9, each with the floor its dependencies set
 * and the contributors entry whose own-code figure is compared with what the floor leaves.
 */
export const issueTargets = [
  {
    bundleId: 'core-runtime',
    label: '@trickle/core with its dependencies',
    limitBytes: 12_000,
    floorId: 'floor-core',
  },
  {
    bundleId: 'core-everything',
    label: '@trickle/core with its dependencies',
    limitBytes: 12_000,
    floorId: 'floor-core',
  },
  {
    bundleId: 'gated-form',
    label: 'complete gated form',
    limitBytes: 28_000,
    floorId: 'floor-gated-form',
  },
]
