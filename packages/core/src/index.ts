// Everything `@trickle/core/config` has (config parsing and checking), from the main entry too.
export * from './config'
export { localize } from './localize'
export { defaultLocale } from './defaultLocale'
export { configIndex } from './config/configIndex'
export type { ConfigIndex } from './config/configIndex'
export { didYouMean } from './config/didYouMean'
export {
  escapeJsonPointerToken,
  parseJsonPointer,
  resolveJsonPointer,
  toJsonPointer,
} from './jsonPointer'
export type { PointerSegment, ResolvedPointer } from './jsonPointer'
export { HttpTransportError, httpTransport } from './runtime/httpTransport'
export type { HttpTransportOptions } from './runtime/httpTransport'
export { applySubmission } from './profile/applySubmission'
export type { ApplySubmissionOptions } from './profile/applySubmission'
export { canWithdrawConsent, confirmWithinDays, consentState } from './plan/consentState'
export { consentTextHash, shownConsentText } from './profile/consentTextHash'
export type { ShownConsentText } from './profile/consentTextHash'
export { destinationEnv } from './config/destinationEnv'
export type { DestinationEnvNames } from './config/destinationEnv'
export { destinationRecord } from './plan/destinationRecord'
export type { DestinationRecord, DestinationRecordOptions } from './plan/destinationRecord'
export { emptyProfile } from './profile/emptyProfile'
export { exportProfile, profileExportFormat } from './profile/exportProfile'
export type {
  ExportProfileOptions,
  ExportedConsentEvent,
  ExportedConsentState,
  ExportedField,
  ExportedPurpose,
  ProfileExport,
} from './profile/exportProfile'
export { fieldFreshness, isKnown } from './plan/isKnown'
export type { FieldFreshness } from './plan/isKnown'
export { planVisit } from './plan/planVisit'
export { purposeUsable } from './plan/purposeUsable'
export { sha256 } from './sha256'
export { countryCodes } from './countryCodes'
export { submissionSchema } from './plan/submissionSchema'
export type {
  SubmissionSchema,
  SubmissionSchemaOptions,
  SubmissionValues,
} from './plan/submissionSchema'
export { messagesFor, validationMessage, validationMessages } from './plan/validationMessages'
export type { MessageParams, ValidationCode, ValidationMessages } from './plan/validationMessages'
export { withdrawConsent } from './profile/withdrawConsent'
export type { WithdrawConsentOptions, WithdrawConsentResult } from './profile/withdrawConsent'
export { createTrickle } from './runtime/createTrickle'
export { createFormSession } from './runtime/createFormSession'
export type {
  FormSession,
  FormSessionOptions,
  FormSessionSnapshot,
  GateState,
  SubmitSuccess,
} from './runtime/createFormSession'
export { draftDependencies } from './plan/draftDependencies'
export { formSessionErrors } from './runtime/formSessionErrors'
export type { FormSessionErrors } from './runtime/formSessionErrors'
export type { DraftPath } from './plan/draftDependencies'
export type { Trickle, TrickleEventContext, TrickleOptions } from './runtime/createTrickle'
export type { FunnelEvent, FunnelEventType, FunnelOptions } from './runtime/funnelTracker'
export { valuePerFriction } from './insights/valuePerFriction'
export type {
  FieldInsight,
  FieldUsageInput,
  FunnelCountsInput,
  FunnelFieldCounts,
  SequenceSuggestion,
  ValuePerFriction,
} from './insights/valuePerFriction'
export type { SubmitOptions, SubmitResult } from './runtime/submitAction'
export { memoryStorage } from './runtime/memoryStorage'
export { browserStorage, defaultStorageKey } from './runtime/browserStorage'
export type {
  BrowserStorage,
  BrowserStorageOptions,
  StorageEventSource,
  WebStorageLike,
} from './runtime/browserStorage'
export { parseProfile } from './profile/parseProfile'
export type { ParseProfileOptions, ParsedProfile } from './profile/parseProfile'
export { persistProfile } from './runtime/persistProfile'
export type { PersistOptions, StoredEnvelope } from './runtime/persistProfile'
export { idempotencyKey } from './runtime/idempotencyKey'
export { dataLayerEvents } from './runtime/dataLayerEvents'
export type {
  DataLayerEntry,
  DataLayerEventsOptions,
  DataLayerLike,
} from './runtime/dataLayerEvents'
export type {
  FormState,
  PersistPolicy,
  SubmitStatus,
  Transport,
  TransportRequest,
  TransportResponse,
  TrickleError,
  TrickleEvent,
  TrickleState,
  TrickleStorage,
} from './types'
export type { ApplySubmissionResult, Submission } from './types'
export type {
  Condition,
  Config,
  ConfigInput,
  ConsentDecision,
  ConsentEvent,
  ConsentOfferReason,
  ConsentState,
  Decision,
  Destination,
  DestinationEventKind,
  Draft,
  Field,
  FieldOption,
  FieldReason,
  FieldRecord,
  FieldType,
  FieldValue,
  Form,
  HubspotDestination,
  LegalBasis,
  PlanOptions,
  PlannedConsent,
  PlannedField,
  Profile,
  Purpose,
  SkipReason,
  SubmissionError,
  SubmissionInput,
  Text,
  VisitPlan,
  WebhookDestination,
} from './types'
export { simulateJourney } from './simulate/simulateJourney'
export type {
  Journey,
  JourneyResult,
  JourneyStep,
  JourneyVisit,
  JourneyWarning,
} from './simulate/simulateJourney'
export { sampleAnswer } from './simulate/sampleAnswer'
export { explainConsentOffer, explainDecision, explainLanguage } from './simulate/explainDecision'
export type { ExplainLanguage, ExplainOptions } from './simulate/explainDecision'
