/**
 * How the embedded scorer combines the rule layer with the learned model into one calibrated
 * {@link AbuseResult}, shared by both rule engines (`createLocalScorer` over the fast engine of `rules.ts`,
 * `createCompactLocalScorer` over the compact engine of `compact.ts`). It imports neither engine, so a bundle
 * holds only the engine it uses.
 *
 * **Combination** (see docs/abuse-scoring.md#combination):
 * - The model reads the normalised text with innocent phrases and profanity-only terms blanked out, so
 *   `kill the process` and `这个视频太牛逼了` do not raise it.
 * - `insult = 1 − (1 − rules.insult)(1 − model.offensive)` (noisy-OR),
 *   `identity_attack` likewise with `model.hate`, halved when no identity group is named.
 * - Threat, sexual harassment, incitement and profanity come from the rules (the public training data has
 *   no labels for them).
 * - Counter-speech scales the model by 0.2; text whose only abusive terms are mentioned (`他骂我傻逼，我该
 *   怎么办`) scales it by 0.3.
 * - `score` is the highest category, profanity excluded.
 *
 * @module
 */
import type { AbuseModel } from './model.ts'
import { getLoadedAbuseModel } from './model.ts'
import type { RuleEngine, RuleFindings, RuleScorer } from './rules.ts'
import { ABUSE_CATEGORIES, roundScore as round } from './types.ts'
import type { AbuseCategory, AbuseResult } from './types.ts'

/** Options of {@link createLocalScorer} and {@link createCompactLocalScorer}. */
export interface LocalScorerOptions {
  /**
   * The learned model: an {@link AbuseModel}, `'auto'` (default: use the model once `loadAbuseModel()` has
   * resolved, rules alone before) or `false` (rules only, e.g. a light widget build).
   */
  model?: AbuseModel | 'auto' | false
  /** The rule layer; default `createRuleScorer()` (or `createCompactRuleScorer()` for the compact scorer). */
  rules?: RuleScorer
}

/** A synchronous local scorer. */
export interface LocalScorer {
  /** Scores a text. `doxing` is left at 0: `analyze` fills it from the PII findings. */
  score(text: string): AbuseResult
}

const noisyOr = (a: number, b: number): number => 1 - (1 - a) * (1 - b)

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
 * A local scorer over a rule layer (read through `engine`'s reused buffers when given, else through
 * `rules.find()`) and the model option.
 *
 * @param rules - the rule layer
 * @param fixed - the model option of {@link LocalScorerOptions}
 * @param engine - the fast engine behind `rules`, when there is one
 * @returns a synchronous scorer
 * @internal
 */
export function combineScorer(
  rules: RuleScorer,
  fixed: LocalScorerOptions['model'],
  engine: RuleEngine | undefined,
): LocalScorer {
  return {
    score(text: string): AbuseResult {
      const model =
        fixed === false ? undefined : fixed === undefined || fixed === 'auto' ? getLoadedAbuseModel() : fixed
      // Fast path: the compiled engine's scan, read straight from its reused buffers; any other rule scorer
      // goes through its `find()`.
      const s = engine?.scan(typeof text === 'string' ? text : String(text))
      const f = s ? undefined : rules.find(text)
      const c = s ? s.categories : ABUSE_CATEGORIES.map((k) => f!.categories[k])
      let insult = c[0]!
      let identity = c[2]!
      if (model) {
        const input = s ? engine!.modelInput(s) : modelInput(f!)
        if (hasEnoughContent(input)) {
          const m = model.score(input)
          const damp = (s ?? f!).counterSpeech ? 0.2 : (s ?? f!).mentionOnly ? 0.3 : 1
          insult = noisyOr(insult, m.offensive * damp)
          identity = noisyOr(identity, m.hate * damp * ((s ?? f!).group ? 1 : 0.5))
        }
      }
      // Same order as ABUSE_CATEGORIES.
      const categories: Record<AbuseCategory, number> = {
        insult: round(insult),
        threat: round(c[1]!),
        identity_attack: round(identity),
        sexual_harassment: round(c[3]!),
        incitement: round(c[4]!),
        profanity: round(c[5]!),
        doxing: round(c[6]!),
      }
      const result: AbuseResult = {
        // The highest category, profanity excluded.
        score: Math.max(
          categories.insult,
          categories.threat,
          categories.identity_attack,
          categories.sexual_harassment,
          categories.incitement,
          categories.doxing,
        ),
        categories,
        spans: (s ? s.spans : f!.spans) ?? [],
        source: model ? ['model', 'rules'] : ['rules'],
      }
      const targets = s ? s.targets : f!.threatTargets
      if (targets && targets.length > 0) result.threatTargets = targets
      return result
    },
  }
}
