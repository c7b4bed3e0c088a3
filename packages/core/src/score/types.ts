/**
 * The abuse-scoring types, in their own module so every scorer file can import them without cycles.
 *
 * @module
 */

/** Stable abuse category names; see docs/abuse-scoring.md. */
export type AbuseCategory =
  'insult' | 'threat' | 'identity_attack' | 'sexual_harassment' | 'incitement' | 'profanity' | 'doxing'

/** Every category, in a stable order. */
export const ABUSE_CATEGORIES: readonly AbuseCategory[] = [
  'insult',
  'threat',
  'identity_attack',
  'sexual_harassment',
  'incitement',
  'profanity',
  'doxing',
]

/** Which scorer contributed to a result. */
export type ScorerSource = 'model' | 'rules' | 'claude'

/** A phrase that drove a category; half-open UTF-16 offsets into the original text. */
export interface AbuseSpan {
  category: AbuseCategory
  start: number
  end: number
  text: string
}

/** The abuse part of a verdict. */
export interface AbuseResult {
  /** Overall 0..1: the highest category probability, profanity excluded. */
  score: number
  /** Calibrated probability per category. */
  categories: Record<AbuseCategory, number>
  spans: AbuseSpan[]
  source: ScorerSource[]
  /** True when a requested scorer was unavailable and the result fell back. */
  degraded?: boolean
  /** Why the result is degraded, e.g. `claude:timeout`. */
  reason?: string
  /** Who a threat targets (present when `categories.threat` came from a threat phrase). */
  threatTargets?: ThreatTarget[]
}

/** Who a threat is aimed at: the person addressed, their family, or their children. */
export type ThreatTarget = 'person' | 'family' | 'children'

/**
 * Returns a result with every category at 0.
 *
 * @param source - the scorers to name
 * @returns an empty abuse result
 */
export function emptyAbuse(source: ScorerSource[] = ['rules']): AbuseResult {
  const categories = Object.fromEntries(ABUSE_CATEGORIES.map((c) => [c, 0])) as Record<AbuseCategory, number>
  return { score: 0, categories, spans: [], source }
}

/**
 * Rounds a probability to the four decimals every score is reported with.
 *
 * @param x - a probability
 * @returns it, rounded to 1e-4
 * @internal
 */
export function roundScore(x: number): number {
  return Math.round(x * 1e4) / 1e4
}

/** What a scorer is told besides the text. */
export interface ScorerContext {
  /** The embedded (model + rules) result, for cascades that only call a remote scorer when it is uncertain. */
  local: AbuseResult
  /** Aborts the call (e.g. the request was cancelled). */
  signal?: AbortSignal
}

/**
 * A pluggable abuse scorer, e.g. Claude as a second opinion (`createClaudeScorer` in `@comment-shield/node`).
 * It may reject on an outage; callers fall back to `local` with `degraded: true`. Content never makes it throw.
 */
export interface AbuseScorer {
  readonly name: ScorerSource
  score(text: string, context: ScorerContext): AbuseResult | Promise<AbuseResult>
}
