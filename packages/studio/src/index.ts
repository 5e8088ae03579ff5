export { createStudioApi, StudioApiError } from './studioApi'
export type {
  FieldInsight,
  FunnelCounts,
  FunnelField,
  FunnelForm,
  FunnelReport,
  Insights,
  SequenceSuggestion,
  StudioApi,
  StudioRange,
} from './studioApi'
export { studioAssets } from './studioAssets'
export type { StudioAssets } from './studioAssets'
export { studioBootId } from './studioBoot'
export type { StudioBoot, StudioMode } from './studioBoot'
export { studioContentSecurityPolicy, studioPage } from './studioPage'
export type { StudioPage, StudioPageOptions } from './studioPage'
