/**
 * The local scorer as it was before the fast path, over the compact engine (`../compact.ts`): a test oracle
 * for the combination in `../combine.ts`. Test-only; nothing in the package imports it.
 *
 * @module
 */
import type { AbuseModel } from '../model.ts'
import { getLoadedAbuseModel } from '../model.ts'
import { createCompactRuleScorer as createRuleScorer } from '../compact.ts'
import type { RuleFindings, RuleScorer } from '../rules.ts'
import { ABUSE_CATEGORIES } from '../types.ts'
import type { AbuseResult, ScorerSource } from '../types.ts'

/** Options of {@link createLocalScorer}. */
export interface LocalScorerOptions {
  /**
   * The learned model: an {@link AbuseModel}, `'auto'` (default: use the model once `loadAbuseModel()` has
   * resolved, rules alone before) or `false` (rules only, e.g. a light widget build).
   */
  model?: AbuseModel | 'auto' | false
  /** The rule layer; default `createRuleScorer()`. */
  rules?: RuleScorer
}

/** A synchronous local scorer. */
export interface LocalScorer {
  /** Scores a text. `doxing` is left at 0: `analyze` fills it from the PII findings. */
  score(text: string): AbuseResult
}

const noisyOr = (a: number, b: number): number => 1 - (1 - a) * (1 - b)
const round = (x: number): number => Math.round(x * 1e4) / 1e4

function modelInput(f: RuleFindings): string {
  const text = f.normalized.text
  if (f.maskForModel.length === 0) return text
  let out = ''
  let at = 0
  for (const [s, e] of f.maskForModel) {
    out += `${text.slice(at, s)} `
    at = e
  }
  return out + text.slice(at)
}

/** Texts this short give the model too few features to be trusted on its own. */
function hasEnoughContent(text: string): boolean {
  let n = 0
  for (let i = 0; i < text.length && n < 3; i++) {
    const c = text.charCodeAt(i)
    if (c > 0x2f && !(c >= 0x3000 && c <= 0x303f) && !(c >= 0xff00 && c <= 0xff0f)) n++
  }
  return n >= 3
}

/**
 * Creates the embedded scorer (rules + model).
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
  const fixed = options.model
  return {
    score(text: string): AbuseResult {
      const f = rules.find(text)
      const cats = { ...f.categories }
      const model =
        fixed === false ? undefined : fixed === undefined || fixed === 'auto' ? getLoadedAbuseModel() : fixed
      const source: ScorerSource[] = []
      if (model) {
        source.push('model')
        const input = modelInput(f)
        if (hasEnoughContent(input)) {
          const m = model.score(input)
          const damp = f.counterSpeech ? 0.2 : f.mentionOnly ? 0.3 : 1
          cats.insult = noisyOr(cats.insult, m.offensive * damp)
          cats.identity_attack = noisyOr(cats.identity_attack, m.hate * damp * (f.group ? 1 : 0.5))
        }
      }
      source.push('rules')
      let score = 0
      for (const c of ABUSE_CATEGORIES) {
        cats[c] = round(cats[c])
        if (c !== 'profanity') score = Math.max(score, cats[c])
      }
      const result: AbuseResult = {
        score,
        categories: cats,
        spans: f.spans,
        source,
      }
      if (f.threatTargets.length > 0) result.threatTargets = f.threatTargets
      return result
    },
  }
}
