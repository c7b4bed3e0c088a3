/**
 * Abuse scoring: the embedded default scorer (an evasion-aware rule layer plus a lazily loaded learned
 * model), the pluggable {@link AbuseScorer} interface, and the types of {@link AbuseResult}.
 *
 * @module
 */
import { ABUSE_CATEGORIES } from './types.ts'
import type { AbuseCategory, AbuseResult, ScorerSource } from './types.ts'

// Types
export { ABUSE_CATEGORIES } from './types.ts'
export type {
  AbuseCategory,
  AbuseResult,
  AbuseScorer,
  AbuseSpan,
  ScorerContext,
  ScorerSource,
  ThreatTarget,
} from './types.ts'

// Scorers
export { createLocalScorer } from './local.ts'
export type { LocalScorer, LocalScorerOptions } from './local.ts'
export { createRuleScorer } from './rules.ts'
export type { RuleFindings, RuleScorer, RuleScorerOptions } from './rules.ts'
export { createCompactLocalScorer, createCompactRuleScorer } from './compact.ts'
export { createAbuseModel, getLoadedAbuseModel, loadAbuseModel } from './model.ts'
export { refineAbuse } from './refine.ts'
export type { AbuseModel, ModelScores } from './model.ts'

// Normalisation stages
export { leetspeakStage, traditionalToSimplifiedStage } from './stages.ts'

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
