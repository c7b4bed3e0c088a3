/**
 * Typed events the widget dispatches for host pages to hook into.
 *
 * @module
 */
import type { Decision, Verdict } from '@comment-shield/core'

/** Fired when the element has decided about a comment being submitted. Bubbles and is composed. */
export class DecisionEvent extends Event {
  static readonly eventName = 'comment-shield:decision' as const
  readonly decision: Decision
  readonly verdict: Verdict
  constructor(decision: Decision, verdict: Verdict) {
    super(DecisionEvent.eventName, { bubbles: true, composed: true })
    this.decision = decision
    this.verdict = verdict
  }
}

declare global {
  interface GlobalEventHandlersEventMap {
    'comment-shield:decision': DecisionEvent
  }
}
