/**
 * Typed events the widget dispatches for host pages to hook into. Each is a class with a static `eventName`
 * (lit `labs/virtualizer/src/events.ts`); all bubble and cross shadow roots.
 *
 * @module
 */
import type { Decision, Verdict } from '@comment-shield/core'
import type { ReportPayload } from './transport.ts'

/** Where a decision came from: the local analyser or the server's `/check`. */
export type DecisionSource = 'local' | 'server'

/** What the user chose in the warning dialog, or `none` when no dialog was needed. */
export type DecisionChoice = 'none' | 'edit' | 'remove-pii' | 'post-anyway' | 'dismiss'

/**
 * Fired by `<comment-shield>` when a submission was checked (`choice: 'none'`), and again when the user answered
 * the warning dialog.
 *
 * @example
 * ```ts
 * document.addEventListener(DecisionEvent.eventName, (e) => console.log(e.decision.action, e.choice))
 * ```
 */
export class DecisionEvent extends Event {
  static readonly eventName = 'comment-shield:decision' as const
  readonly decision: Decision
  readonly verdict: Verdict
  readonly source: DecisionSource
  readonly choice: DecisionChoice
  constructor(
    decision: Decision,
    verdict: Verdict,
    source: DecisionSource = 'local',
    choice: DecisionChoice = 'none',
  ) {
    super(DecisionEvent.eventName, { bubbles: true, composed: true })
    this.decision = decision
    this.verdict = verdict
    this.source = source
    this.choice = choice
  }
}

/** How far a report got: accepted by the server, a duplicate of an earlier one, saved for retry, or refused. */
export type ReportStatus = 'received' | 'duplicate' | 'queued' | 'failed'

/**
 * Fired by `<comment-shield-report>` when a report was sent, queued for retry, delivered from the queue, or refused.
 *
 * @example
 * ```ts
 * document.addEventListener(ReportEvent.eventName, (e) => e.status === 'received' && console.log(e.referenceId))
 * ```
 */
export class ReportEvent extends Event {
  static readonly eventName = 'comment-shield:report' as const
  readonly report: ReportPayload
  readonly status: ReportStatus
  /** The server's reference id, for `received` and `duplicate`. */
  readonly referenceId: string | undefined
  constructor(report: ReportPayload, status: ReportStatus, referenceId?: string) {
    super(ReportEvent.eventName, { bubbles: true, composed: true })
    this.report = report
    this.status = status
    this.referenceId = referenceId
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'comment-shield:decision': DecisionEvent
    'comment-shield:report': ReportEvent
  }
}
