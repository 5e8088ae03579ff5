'use client'

export { ConsentManager } from './ConsentManager'
export type { ConsentManagerProps } from './ConsentManager'
export type {
  AnyFieldComponents,
  ConsentProps,
  DownloadProps,
  FieldComponents,
  FieldProps,
  FieldValueByType,
  FieldValueOf,
  LayoutProps,
  LocalizedOption,
  SubmitProps,
  SuccessProps,
  TrickleComponents,
  TrickleFieldName,
  TrickleFormValues,
} from './components'
export { defaultComponents } from './defaultComponents'
export type { FieldRegistration, FormControl, FormError, FormErrors } from './formControl'
export type { ErrorSummaryProps } from './ErrorSummary'
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
export { useFieldController } from './useFieldController'
export { useFormErrors } from './useFormErrors'
export type { FieldController } from './useFieldController'
export { useGatedDownload } from './useGatedDownload'
export type { GatedDownloadApi, UseGatedDownloadOptions } from './useGatedDownload'
export { useTrickle } from './useTrickle'
export type { WhyWeAskProps } from './WhyWeAsk'
