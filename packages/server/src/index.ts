export { createTrickleServer } from './createTrickleServer'
export type { TrickleServer, TrickleServerOptions } from './createTrickleServer'
export { openDatabase, migrationsFolder } from './openDatabase'
export type { OpenDatabaseOptions, TrickleDatabase, TrickleDb } from './openDatabase'
export { startServer, loadConfig, defaultPort } from './startServer'
export type { RunningServer, StartServerOptions, TrickleServerEnv } from './startServer'
export { resolveSecret } from './secret'
export {
  assertConsentTexts,
  describeConsentTextChange,
  findConsentTextChanges,
} from './checkConsentTexts'
export type { ConsentTextChange } from './checkConsentTexts'
export type { ResolveSecretOptions } from './secret'
export { consoleMailer, fileMailer } from './mailer'
export type { ConfirmationMail, Mailer } from './mailer'
export type { AssetOptions } from './assets'
export type { RateLimitOptions } from './rateLimit'
export type { ApiErrorBody, ApiIssue } from './apiError'
export type { DownloadLink } from './downloadLink'
export type { ConsentRate, FieldRate, FormReport, Report, VisitReport } from './reportRoute'
export type {
  DoubleOptInRate,
  FunnelCounts,
  FunnelField,
  FunnelForm,
  FunnelReport,
} from './funnel/funnelReport'
export type { Insights } from './funnel/funnelRoutes'
export type { FieldInsight, SequenceSuggestion } from '@trickle/core'
export type {
  DeliveryList,
  DeliveryStatus,
  DeliverySummary,
  DestinationSummary,
} from './delivery/deliveryAdminRoutes'
export type { SubmissionBody } from './parseSubmissionBody'
export type { AuditAction, AuditEntry } from './privacy/auditLog'
export type { ErasureKind, ErasureReceipt } from './privacy/erasureReceipt'
export type { PeopleExport } from './privacy/exportPeople'
export type { Person, PersonConsent, PersonField, PersonSubmission } from './privacy/findPeople'
export type { ConsentAction, ConsentProof, ConsentProofEntry } from './privacy/proofOfConsent'
export type { RetentionDue, RetentionRun } from './privacy/retention'
export type { WithdrawPeopleResult } from './privacy/withdrawPeople'
export type { ErasureTableCounts } from './schema'
export { tables } from './schema'
export type {
  DeliveredConsent,
  DeliveryContext,
  DeliveryData,
  DeliveryEvent,
  DeliveryEventType,
  DeliveryOutcome,
  DestinationAdapter,
} from './delivery/destinationAdapter'
export type { DestinationOptions } from './delivery/destinationAdapters'
export type { WebhookEvent } from './delivery/webhookEventSchema'
