/**
 * `@comment-shield/widget`: web components for any comment box. Importing this module registers nothing;
 * import `@comment-shield/widget/define` (or load the single-file bundle) to register the elements.
 *
 * @module
 */

// Elements
export { CommentShield } from './comment-shield.ts'
export type { Policy } from './comment-shield.ts'
export { CommentShieldReport } from './report-button.ts'
export { CommentShieldBanner } from './protection-banner.ts'

// Events
export { DecisionEvent, ReportEvent } from './events.ts'
export type { DecisionChoice, DecisionSource, ReportStatus } from './events.ts'

// Network
export { fetchCheck, fetchProtection, fetchReport, ShieldHttpError } from './transport.ts'
export type {
  CheckRequest,
  CheckResponse,
  CheckTransport,
  ProtectionState,
  ProtectionTransport,
  ReportPayload,
  ReportReceipt,
  ReportTransport,
} from './transport.ts'

// Offline report queue
export { createReportQueue, sharedReportQueue } from './report-queue.ts'
export type { QueuedReport, QueueStorage, ReportQueue, ReportQueueOptions } from './report-queue.ts'

// Text boxes and highlights
export { applyEdits, isTextField, readText } from './field.ts'
export type { TextEdit, TextField } from './field.ts'
export { excerpt, highlightsOf } from './spans.ts'
export type { ExcerptOptions, Highlight, Segment } from './spans.ts'

// i18n
export { fill, localeOf, REPORT_REASONS, resolveLocale, STRINGS, stringsFor } from './i18n.ts'
export type { ReportReason, WidgetLocale, WidgetStrings, WidgetStringsOverride } from './i18n.ts'

// Theme
export { baseStyles, trapTab } from './styles.ts'
