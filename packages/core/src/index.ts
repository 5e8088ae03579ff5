export { fieldTypes, idPattern, legalBases, localePattern } from './configConstants'
export { configSchema } from './configSchema'
export { parseConfig } from './parseConfig'
export type { ParseConfigOptions, ParseConfigResult } from './parseConfig'
export type { CompilePattern, PatternMatcher } from './compilePattern'
export { assertConfig } from './assertConfig'
export { ConfigError } from './ConfigError'
export { configIssueCodes } from './configIssueCodes'
export type { ConfigIssue, ConfigIssueCode } from './configIssueCodes'
export { configJsonSchema } from './configJsonSchema'
export { defineConfig } from './defineConfig'
export type { FieldIdOf, FormIdOf, PurposeIdOf } from './defineConfig'
export { localize } from './localize'
export { defaultLocale } from './defaultLocale'
export { configIndex } from './configIndex'
export type { ConfigIndex } from './configIndex'
export { didYouMean } from './didYouMean'
export { parseJsonPointer, resolveJsonPointer, toJsonPointer } from './jsonPointer'
export type { PointerSegment, ResolvedPointer } from './jsonPointer'
export { HttpTransportError, httpTransport } from './httpTransport'
export type { HttpTransportOptions } from './httpTransport'
export { applySubmission } from './applySubmission'
export type { ApplySubmissionOptions } from './applySubmission'
export { canWithdrawConsent, confirmWithinDays, consentState } from './consentState'
export { consentTextHash, shownConsentText } from './consentTextHash'
export type { ShownConsentText } from './consentTextHash'
export { destinationEnv } from './destinationEnv'
export type { DestinationEnvNames } from './destinationEnv'
export { destinationRecord } from './destinationRecord'
export type { DestinationRecord, DestinationRecordOptions } from './destinationRecord'
export { emptyProfile } from './emptyProfile'
export { exportProfile, profileExportFormat } from './exportProfile'
export type {
  ExportProfileOptions,
  ExportedConsentEvent,
  ExportedConsentState,
  ExportedField,
  ExportedPurpose,
  ProfileExport,
} from './exportProfile'
export { fieldFreshness, isKnown } from './isKnown'
export type { FieldFreshness } from './isKnown'
export { planVisit } from './planVisit'
export { purposeUsable } from './purposeUsable'
export { sha256 } from './sha256'
export { countryCodes } from './countryCodes'
export { submissionSchema } from './submissionSchema'
export type {
  SubmissionSchema,
  SubmissionSchemaOptions,
  SubmissionValues,
} from './submissionSchema'
export { messagesFor, validationMessage, validationMessages } from './validationMessages'
export type { MessageParams, ValidationCode, ValidationMessages } from './validationMessages'
export { withdrawConsent } from './withdrawConsent'
export type { WithdrawConsentOptions, WithdrawConsentResult } from './withdrawConsent'
export { createTrickle } from './createTrickle'
export { createFormSession } from './createFormSession'
export type {
  FormSession,
  FormSessionOptions,
  FormSessionSnapshot,
  GateState,
  SubmitSuccess,
} from './createFormSession'
export { draftDependencies } from './draftDependencies'
export { formSessionErrors } from './formSessionErrors'
export type { FormSessionErrors } from './formSessionErrors'
export type { DraftPath } from './draftDependencies'
export type { Trickle, TrickleEventContext, TrickleOptions } from './createTrickle'
export type { SubmitOptions, SubmitResult } from './submitAction'
export { memoryStorage } from './memoryStorage'
export { browserStorage, defaultStorageKey } from './browserStorage'
export type {
  BrowserStorage,
  BrowserStorageOptions,
  StorageEventSource,
  WebStorageLike,
} from './browserStorage'
export { parseProfile } from './parseProfile'
export type { ParseProfileOptions, ParsedProfile } from './parseProfile'
export { persistProfile } from './persistProfile'
export type { PersistOptions, StoredEnvelope } from './persistProfile'
export { idempotencyKey } from './idempotencyKey'
export { dataLayerEvents } from './dataLayerEvents'
export type { DataLayerEntry, DataLayerEventsOptions, DataLayerLike } from './dataLayerEvents'
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
