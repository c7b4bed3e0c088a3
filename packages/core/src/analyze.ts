/**
 * `analyze(text)`: the one call that turns a comment into a serialisable {@link Verdict}.
 *
 * @module
 */
import { doxRisk } from './dox/index.ts'
import type { DoxRisk } from './dox/index.ts'
import { detectPii } from './pii/index.ts'
import type { PiiFinding, Recognizer } from './pii/index.ts'
import { detectPiiCompact } from './pii/detect.ts'
import type { PiiDetector } from './pii/detect.ts'
import { browserRecognizers } from './pii/index.ts'
import { redactWith } from './redact/index.ts'
import type { Redaction, RedactOptions } from './redact/index.ts'
import { createCompactLocalScorer, createLocalScorer } from './score/index.ts'
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
// createAnalyzer's default: the compact rule engine (same results, far fewer bytes), so that a bundle that
// only uses createAnalyzer (the widget) never contains the fast engine.
let defaultCompactScorer: LocalScorer | undefined

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

/** Options of {@link createAnalyzer}. */
export interface AnalyzerOptions {
  /**
   * Recognisers to run. Default: `browserRecognizers`, the light preset (no libphonenumber-js, no large
   * gazetteer); pass `defaultRecognizers` for the full one.
   */
  recognizers?: readonly Recognizer[]
  /**
   * The abuse scorer. Default: `createCompactLocalScorer()`: the same results as {@link analyze}'s default
   * (rules, plus the learned model once `loadAbuseModel()` has resolved) from the compact rule engine, which
   * is small and fast enough for debounced typing. Servers scoring many comments a second pass
   * `createLocalScorer()` (the fast engine).
   */
  abuseScorer?: LocalScorer
  /**
   * The PII detection engine. Default: `detectPiiCompact` (same findings as `detectPii`, from less code: no
   * gate). Servers analysing many comments a second pass `detectPiiFast` (the gated engine `detectPii` uses).
   */
  piiDetector?: PiiDetector
}

/** An analyzer bound to one set of recognisers, made by {@link createAnalyzer}. */
export interface Analyzer {
  /** As {@link analyze}, with the analyzer's recognisers. */
  analyze(text: string): Verdict
  /** As `detectPii`, with the analyzer's recognisers. */
  detectPii(text: string): PiiFinding[]
  /** As `redact` (synchronous operators), with the analyzer's recognisers. */
  redact(text: string, options?: Omit<RedactOptions, 'recognizers'>): Redaction
}

/**
 * Builds an analyzer bound to a set of recognisers. Only the recognisers you pass end up in your bundle:
 * with the default light preset the widget stays inside its size budget, because nothing here refers to
 * the full preset (`defaultRecognizers`, which brings libphonenumber-js), and the default abuse scorer is the
 * compact rule engine (`createCompactLocalScorer()`), not the fast one.
 *
 * @param options - recognisers and abuse scorer
 * @returns `{ analyze, detectPii, redact }`
 * @example
 * ```ts
 * const shield = createAnalyzer({ recognizers: browserRecognizers })
 * shield.redact('电话 13800138000').text // '电话 138****8000'
 * ```
 * @see https://github.com/comment-shield/comment-shield/blob/main/docs/pii.md#presets-and-bundle-size
 */
export function createAnalyzer(options: AnalyzerOptions = {}): Analyzer {
  const recognizers = Object.freeze([...(options.recognizers ?? browserRecognizers)])
  const detector = options.piiDetector ?? detectPiiCompact
  const detect = (text: string): PiiFinding[] => detector(text, recognizers)
  return {
    analyze(text) {
      const pii = detect(text)
      const dox = doxRisk(text, pii)
      const abuse = (options.abuseScorer ?? (defaultCompactScorer ??= createCompactLocalScorer())).score(text)
      abuse.categories.doxing = dox.score
      abuse.score = Math.max(abuse.score, dox.score)
      return { length: text.length, pii, dox, abuse }
    },
    detectPii: detect,
    redact(text, redactOptions = {}) {
      return redactWith(text, redactOptions, detect)
    },
  }
}
