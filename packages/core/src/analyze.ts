/**
 * `analyze(text)`: the one call that turns a comment into a serialisable {@link Verdict}.
 *
 * @module
 */
import { detectPii } from './pii/index.ts'
import type { PiiFinding, Recognizer } from './pii/index.ts'

/** Options of {@link analyze}. */
export interface AnalyzeContext {
  /** Recognisers to run; default {@link defaultRecognizers}. */
  recognizers?: readonly Recognizer[]
}

/**
 * What `analyze` says about one text. Plain data: `JSON.stringify` round-trips it.
 * Every offset in it is a half-open `[start, end)` UTF-16 offset into the analysed text.
 */
export interface Verdict {
  /** Length of the analysed text in UTF-16 code units. */
  length: number
  /** Personal information found, sorted by `start`, non-overlapping. */
  pii: PiiFinding[]
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
  return { length: text.length, pii: detectPii(text, { recognizers: ctx.recognizers }) }
}
