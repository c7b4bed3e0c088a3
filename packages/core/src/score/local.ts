/**
 * The embedded default scorer: the fast rule engine (`rules.ts`), plus the learned model when it is
 * available, combined into one calibrated {@link AbuseResult} (see `combine.ts` for how).
 *
 * @module
 */
import { combineScorer } from './combine.ts'
import type { LocalScorer, LocalScorerOptions } from './combine.ts'
import { createRuleScorer, engineOf } from './rules.ts'

export type { LocalScorer, LocalScorerOptions } from './combine.ts'

/**
 * Creates the embedded scorer (rules + model) over the fast rule engine: for servers and batch jobs.
 * Browsers that score debounced typing want {@link createCompactLocalScorer} (same results, a third of the
 * bytes).
 *
 * @param options - which model and rules to use
 * @returns a synchronous scorer
 * @example
 * ```ts
 * const scorer = createLocalScorer({ model: await loadAbuseModel() })
 * scorer.score('小心你全家').categories.threat // ≈ 0.92
 * ```
 * @see https://github.com/comment-shield/comment-shield/blob/main/docs/abuse-scoring.md
 */
export function createLocalScorer(options: LocalScorerOptions = {}): LocalScorer {
  const rules = options.rules ?? createRuleScorer()
  return combineScorer(rules, options.model, engineOf(rules))
}
