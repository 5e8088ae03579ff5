// @vitest-environment node
import { expect, test } from 'vitest'
import * as api from '../src/index'

test('the public surface is exactly this (a change here is deliberate)', () => {
  expect(Object.keys(api).sort()).toEqual([
    'StudioApiError',
    'createStudioApi',
    'studioAssets',
    'studioBootId',
    'studioContentSecurityPolicy',
    'studioPage',
  ])
})
