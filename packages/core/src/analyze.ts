/**
 * `analyze(text)`: the one call that turns a comment into a serialisable {@link Verdict}.
 *
 * @module
 */
import { doxRisk } from './dox/index.ts'
import type { DoxRisk } from './dox/index.ts'
import { detectPii } from './pii/index.ts'
import type { PiiFinding, Recognizer } from './pii/index.ts'
import { createLocalScorer } from './score/index.ts'
import type { AbuseResult, LocalScorer } from './score/index.ts'

/** Options of {@link analyze}. */
export interface AnalyzeContext {
  /** Recognisers to run; default {@link defaultRecognizers}. */
  recognizers?: readonly Recognizer[]
  /**
   * The abuse scorer; default: rules, plus the learned model once `loadAbuseModel()` has resolved
   * (see docs/abuse-scoring.md). Pass `createLocalScorer({ model: false })` for rules only.
   */
  abuseScorer?: LocalScorer
}

let defaultAbuseScorer: LocalScorer | undefined

/**
 * What `analyze` says about one text. Plain data: `JSON.stringify` round-trips it.
 * Every offset in it is a half-open `[start, end)` UTF-16 offset into the analysed text.
 */
export interface Verdict {
  /** Length of the analysed text in UTF-16 code units. */
  length: number
  /** Personal information found, sorted by `start`, non-overlapping. */
  pii: PiiFinding[]
  /** Doxing risk from the PII findings and the words around them. */
  dox: DoxRisk
  /** Abuse scores per category, with the spans that drove them. */
  abuse: AbuseResult
}

/**
 * Analyses a comment. Never throws for any string content.
 *
 * @param text - the comment as the user typed it
 * @param ctx - options
 * @returns the verdict
 * @example
 * ```ts
 * analyze('我的手机 13800138000').pii[0]?.type // 'phone'
 * ```
 */
export function analyze(text: string, ctx: AnalyzeContext = {}): Verdict {
  const pii = detectPii(text, { recognizers: ctx.recognizers })
  const dox = doxRisk(text, pii)
  const abuse = (ctx.abuseScorer ?? (defaultAbuseScorer ??= createLocalScorer())).score(text)
  // Doxing comes from the PII engineer's dox risk, and counts towards the overall abuse score.
  abuse.categories.doxing = dox.score
  abuse.score = Math.max(abuse.score, dox.score)
  return { length: text.length, pii, dox, abuse }
}
