// Types of the generated model module (see scripts/train/train.mjs and docs/model-card.md).
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
export declare const abuseModel: AbuseModelData
