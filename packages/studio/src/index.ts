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
