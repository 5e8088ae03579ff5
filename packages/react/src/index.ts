'use client'

export { ConsentManager } from './ConsentManager'
export type { ConsentManagerProps } from './ConsentManager'
export type {
  ConsentProps,
  FieldComponents,
  FieldProps,
  LayoutProps,
  LocalizedOption,
  SubmitProps,
  TrickleComponents,
  TrickleFieldName,
  TrickleFormValues,
} from './components'
export { defaultComponents } from './defaultComponents'
export { GatedDownload } from './GatedDownload'
export type { GatedAsset, GatedDownloadProps, GateMode } from './GatedDownload'
export { de, en, formatMessage, resolveMessages } from './messages'
export type { Messages } from './messages'
export { ProgressiveForm } from './ProgressiveForm'
export type { ProgressiveFormProps } from './ProgressiveForm'
export type { FormId, Register } from './register'
export { TrickleProvider } from './TrickleProvider'
export type { TrickleContextValue, TrickleProviderProps } from './TrickleProvider'
export { useConsent } from './useConsent'
export type { ConsentApi } from './useConsent'
export { useProgressiveForm } from './useProgressiveForm'
export type {
  ProgressiveFormApi,
  SubmitSuccess,
  UseProgressiveFormOptions,
} from './useProgressiveForm'
export { useTrickle } from './useTrickle'
