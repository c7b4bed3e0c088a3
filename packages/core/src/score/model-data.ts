/**
 * The shape of the generated weights module `@comment-shield/core/model` (written by `npm run train`,
 * scripts/train/train.mjs; see docs/model-card.md). Declared here, in the sources, so core's own type declarations
 * never import the ESM-only weights entry (which CommonJS type resolution could not follow).
 *
 * @module
 */

export interface AbuseModelData {
  version: number
  /** log2 of the number of hash buckets. */
  bits: number
  /** Output heads, in the interleaving order of `weights`. */
  heads: string[]
  /** Dequantisation scale per head. */
  scales: number[]
  /** Platt parameters per head and language: p = sigmoid(a * logit + b). */
  calibration: Record<string, Record<'zh' | 'en', { a: number; b: number }>>
  seed: number
  /** Traditional → Simplified pairs: units 2k and 2k+1 are (traditional, simplified). */
  t2s: string
  /** base64 of Int8Array(2^bits * heads.length), interleaved [bucket * heads + head]. */
  weights: string
}
