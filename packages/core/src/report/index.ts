/**
 * Quick reports: the reasons a reader can give and the evidence a report carries. One definition shared by the
 * widget's report button (which sends it), the server's `POST /reports` (which validates it) and the evidence
 * ledger (which keeps it).
 *
 * @module
 */

/** Why a reader reports a comment (stable names: the `reason` field of `POST {base}/reports`). */
export type ReportReason =
  | 'doxing'
  | 'threat'
  | 'threat_to_family'
  | 'insult'
  | 'sexual_harassment'
  | 'incitement'
  | 'pile_on'
  | 'spam_or_water_army'
  | 'other'

/** Every report reason, in the order a picker shows them. */
export const REPORT_REASONS: readonly ReportReason[] = [
  'doxing',
  'threat',
  'threat_to_family',
  'insult',
  'sexual_harassment',
  'incitement',
  'pile_on',
  'spam_or_water_army',
  'other',
]

/**
 * The evidence a quick report carries: the body of `POST {base}/reports`.
 *
 * @example
 * ```ts
 * const report: Report = { commentId: 'c42', reason: 'doxing', text: '他家住在…', url: location.href, at: new Date().toISOString() }
 * ```
 */
export interface Report {
  commentId: string
  reason: ReportReason
  /** The comment's text as the reader saw it. */
  text: string
  author?: string
  targetId?: string
  /** The page the comment was on. */
  url: string
  /** When the reader reported it, ISO 8601. */
  at: string
  note?: string
  reporterId?: string
}
