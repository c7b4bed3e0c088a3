/**
 * Normalisation with an offset map: folds the tricks people use to slip text past filters, and keeps a map
 * back to the original UTF-16 offsets so that every finding and every redaction applies to the original.
 *
 * **Folding order** (the default stages, {@link defaultNormalizeStages}; each sees the previous one's output):
 *
 * 1. `invisibles`: delete zero-width, bidi-control and other invisible characters, variation selectors and
 *    the combining keycap. First, so nothing later is split by a hidden character.
 * 2. `nfkc`: Unicode NFKC per code point: full-width forms, ideographic space, circled digits `①`,
 *    mathematical digits `𝟏`.
 * 3. `enclosed-digits`: the enclosed digits NFKC keeps (`❶ ➀ ⓵ ⓿ 🔟`).
 * 4. `confusables`: Cyrillic/Greek look-alike letters and Unicode dashes to ASCII.
 * 5. `email-obfuscation`: `(at)`, `[at]`, ` at `, `艾特`, `(dot)`, ` dot `, `点` between an address's parts.
 *    After 2–4, so `（ａｔ）` and `ехаmрlе` are already plain.
 *    — stages 1–5 are {@link foldStages}, the "folded" view —
 * 6. `chinese-numerals`: `零〇一二三四五六七八九`, `壹贰叁…`, `幺` inside digit runs of 5+ digits.
 * 7. `spelled-digits`: `zero` … `nine` inside digit runs of 5+ digits with 2+ words.
 * 8. `digit-separators`: delete up to three separators between two digits. Last, because 6 and 7 create the
 *    digits it joins.
 *
 * Stages never see the original offsets: each returns edits against its input, and the pipeline composes
 * the maps ({@link createNormalizer}). Add your own stages (leetspeak, Traditional→Simplified) the same way.
 *
 * @module
 */
import { createNormalizer } from './pipeline.ts'
import type { NormalizedText, NormalizeStage, Normalizer } from './pipeline.ts'
import {
  chineseNumeralsStage,
  confusablesStage,
  digitSeparatorsStage,
  emailObfuscationStage,
  enclosedDigitsStage,
  invisiblesStage,
  nfkcStage,
  spelledDigitsStage,
} from './stages.ts'

export {
  createCharMapStage,
  createNormalizer,
  createRegexStage,
  extendNormalized,
  toOriginalSpan,
} from './pipeline.ts'
export type { NormalizedText, NormalizeEdit, NormalizeStage, Normalizer } from './pipeline.ts'
export {
  CHINESE_DIGITS,
  chineseNumeralsStage,
  CONFUSABLES,
  confusablesStage,
  digitSeparatorsStage,
  emailObfuscationStage,
  enclosedDigitsStage,
  invisiblesStage,
  lowercaseStage,
  nfkcStage,
  spelledDigitsStage,
} from './stages.ts'
export type { ChineseNumeralsStageOptions, SpelledDigitsStageOptions } from './stages.ts'

/**
 * Stages 1–5 of the folding order: characters folded, digit runs left as written. The "folded" view the
 * PII recognisers of e-mail, IP, addresses and names read; a good base for similarity hashing.
 */
export const foldStages: readonly NormalizeStage[] = /* @__PURE__ */ Object.freeze([
  /* @__PURE__ */ invisiblesStage(),
  /* @__PURE__ */ nfkcStage(),
  /* @__PURE__ */ enclosedDigitsStage(),
  /* @__PURE__ */ confusablesStage(),
  /* @__PURE__ */ emailObfuscationStage(),
])

/** Stages 6–8 of the folding order: digit runs rebuilt from numerals, words and separators. */
export const digitRunStages: readonly NormalizeStage[] = /* @__PURE__ */ Object.freeze([
  /* @__PURE__ */ chineseNumeralsStage(),
  /* @__PURE__ */ spelledDigitsStage(),
  /* @__PURE__ */ digitSeparatorsStage(),
])

/** All eight stages in the documented folding order; what {@link normalize} uses by default. */
export const defaultNormalizeStages: readonly NormalizeStage[] = /* @__PURE__ */ allStages()

// A pure call rather than a spread in an array literal, so that bundlers can drop it when unused.
function allStages(): readonly NormalizeStage[] {
  return Object.freeze([...foldStages, ...digitRunStages])
}

/** Options of {@link normalize}. */
export interface NormalizeOptions {
  /** Stages to apply, in order. Default {@link defaultNormalizeStages}. */
  stages?: readonly NormalizeStage[]
}

let defaultNormalizer: Normalizer | undefined

/**
 * Normalises a text and returns it with a map back to the original UTF-16 offsets. Never throws for any
 * string, lone surrogates and control characters included; runs in time linear in the text's length.
 *
 * For repeated calls with custom stages, build the normaliser once with {@link createNormalizer}.
 *
 * @param text - any string
 * @param options - the stages to apply
 * @returns `{ text, original, map, ends, changed }`; see {@link toOriginalSpan}
 * @example
 * ```ts
 * const n = normalize('电话 一三八 零零一三 八零零零')
 * n.text // '电话 13800138000'
 * toOriginalSpan(n, 3, 14) // { start: 3, end: 17 }
 * ```
 * @see https://github.com/comment-shield/comment-shield/blob/main/docs/pii.md#normalisation
 */
export function normalize(text: string, options: NormalizeOptions = {}): NormalizedText {
  if (options.stages) return createNormalizer(options.stages)(text)
  defaultNormalizer ??= createNormalizer(defaultNormalizeStages)
  return defaultNormalizer(text)
}
