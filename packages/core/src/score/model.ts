/**
 * The embedded learned model: hashed character/word n-grams → two calibrated logistic heads
 * (`offensive`, `hate`). The int8 weights live in a separate generated module
 * (`@comment-shield/core/model`, ~700 KB) that is only ever loaded by a dynamic `import()` in
 * {@link loadAbuseModel}, so bundles that use the rule layer alone never contain it.
 *
 * @module
 */
import type { AbuseModelData } from './model-data.ts'
import { createFeatureBuffer, extractFeatures } from './features.ts'
import type { UnitFold } from './features.ts'

/** Calibrated probabilities from the model heads. */
export interface ModelScores {
  /** P(offensive) — trained on COLD (zh) and TweetEval offensive (en). */
  offensive: number
  /** P(hateful / identity attack) — trained on TweetEval hate (en) and COLD (zh). */
  hate: number
}

/** A loaded model: a synchronous, allocation-free scoring function. */
export interface AbuseModel {
  /** Model format version. */
  readonly version: number
  /** Scores a text (usually the normalised text). */
  score(text: string): ModelScores
}

function decodeBase64(b64: string): Int8Array {
  // Hand-written so core needs neither `Buffer` nor `atob` (isomorphic, no globals).
  const lookup = new Uint8Array(128)
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
  for (let i = 0; i < 64; i++) lookup[alphabet.charCodeAt(i)] = i
  let len = b64.length
  while (len > 0 && b64.charCodeAt(len - 1) === 61) len-- // '='
  const out = new Uint8Array((len * 3) >> 2)
  let o = 0
  for (let i = 0; i < len; i += 4) {
    const a = lookup[b64.charCodeAt(i)]!
    const b = lookup[b64.charCodeAt(i + 1)]!
    const c = i + 2 < len ? lookup[b64.charCodeAt(i + 2)]! : 0
    const d = i + 3 < len ? lookup[b64.charCodeAt(i + 3)]! : 0
    const n = (a << 18) | (b << 12) | (c << 6) | d
    if (o < out.length) out[o++] = (n >> 16) & 255
    if (o < out.length) out[o++] = (n >> 8) & 255
    if (o < out.length) out[o++] = n & 255
  }
  return new Int8Array(out.buffer)
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z))

/**
 * Builds a scorer from model data (the generated module's `abuseModel` export).
 *
 * @param data - the model data
 * @returns the model
 * @example
 * ```ts
 * const { abuseModel } = await import('@comment-shield/core/model')
 * createAbuseModel(abuseModel).score('你就是个废物').offensive // ≈ 0.9
 * ```
 */
export function createAbuseModel(data: AbuseModelData): AbuseModel {
  const weights = decodeBase64(data.weights)
  const heads = data.heads.length
  const iOff = data.heads.indexOf('offensive')
  const iHate = data.heads.indexOf('hate')
  const sOff = data.scales[iOff] ?? 0
  const sHate = data.scales[iHate] ?? 0
  const cal = (head: string, lang: 'zh' | 'en'): { a: number; b: number } =>
    data.calibration[head]?.[lang] ?? { a: 1, b: 0 }
  const offZh = cal('offensive', 'zh')
  const offEn = cal('offensive', 'en')
  const hateZh = cal('hate', 'zh')
  const hateEn = cal('hate', 'en')
  // Traditional → Simplified for the Han block, as a flat lookup (0 = unchanged).
  const t2s = new Uint16Array(0xa000 - 0x3400)
  for (let i = 0; i + 1 < data.t2s.length; i += 2) {
    const t = data.t2s.charCodeAt(i) - 0x3400
    if (t >= 0 && t < t2s.length) t2s[t] = data.t2s.charCodeAt(i + 1)
  }
  const fold: UnitFold = (u) => (u < 0xa000 ? t2s[u - 0x3400] || u : u)
  const buf = createFeatureBuffer()
  return {
    version: data.version,
    score(text: string): ModelScores {
      const n = extractFeatures(text, data.bits, buf, fold)
      let off = 0
      let hate = 0
      const idx = buf.indices
      for (let k = 0; k < n; k++) {
        const base = idx[k]! * heads
        off += weights[base + iOff]!
        hate += weights[base + iHate]!
      }
      const norm = 1 / Math.sqrt(n)
      const zh = idx[n - 1] === 0 // the last feature is the language bias: 0 = has Han characters
      const co = zh ? offZh : offEn
      const ch = zh ? hateZh : hateEn
      return {
        offensive: sigmoid(co.a * off * sOff * norm + co.b),
        hate: sigmoid(ch.a * hate * sHate * norm + ch.b),
      }
    },
  }
}

let loading: Promise<AbuseModel> | undefined
let loaded: AbuseModel | undefined

/**
 * Loads the embedded model (once; later calls return the same promise) and makes it available to the
 * synchronous {@link analyze} and to {@link getLoadedAbuseModel}. In Node, call it at start-up; in browsers,
 * only if you want the ~700 KB model (the rule layer works without it).
 *
 * @returns the model
 * @example
 * ```ts
 * await loadAbuseModel()
 * analyze('你就是个废物').abuse.source // ['model', 'rules']
 * ```
 * @see https://github.com/comment-shield/comment-shield/blob/main/docs/abuse-scoring.md#the-model-loads-lazily
 */
export function loadAbuseModel(): Promise<AbuseModel> {
  loading ??= import('@comment-shield/core/model').then(
    (m) => (loaded = createAbuseModel(m.abuseModel)),
    (error: unknown) => {
      loading = undefined
      throw error
    },
  )
  return loading
}

/**
 * The model if {@link loadAbuseModel} has finished, else undefined (never starts a load).
 *
 * @returns the loaded model or undefined
 */
export function getLoadedAbuseModel(): AbuseModel | undefined {
  return loaded
}
