/**
 * Near-duplicate detection for coordinated posting ("water armies"): a MinHash signature of the character
 * bigrams of the normalised text.
 *
 * **Why MinHash over bigrams.** The fraction of equal signature slots estimates the Jaccard similarity of the
 * two texts' bigram sets, which is what "≥ 0.8-similar" means here. Character bigrams need no word segmentation
 * (Chinese has no spaces), and one changed character alters only two bigrams, so paraphrases with small edits
 * stay above 0.8 on texts of ~20 characters or more. Emoji, punctuation and spacing are dropped before
 * shingling, and the text is first folded by core's `normalize()` (confusables, full-width, zero-width,
 * case), so those evasions change nothing. SimHash was the alternative; its Hamming threshold for 0.8 on
 * 64 bits (≈ 13 bits) is noisy on short comments, and MinHash's estimate is directly interpretable.
 *
 * @module
 */
import { createNormalizer } from '../normalize/index.ts'
import type { Normalizer } from '../normalize/index.ts'
import { foldStages, lowercaseStage } from '../normalize/index.ts'

/** Signature length: 32 slots gives similarity in steps of 1/32 at ~1 µs per short comment. */
export const SIGNATURE_SIZE = 32

/** Longer texts are sketched on their first 2 000 normalised characters (bounded work per comment). */
const MAX_CHARS = 2_000

// Odd multipliers and offsets of the 32 hash permutations; fixed so signatures are stable across processes
// (two servers sharing a Redis store must compute the same sketch).
const A: Uint32Array = /* @__PURE__ */ seeds(0x9e3779b9, true)
const B: Uint32Array = /* @__PURE__ */ seeds(0x85ebca6b, false)

function seeds(start: number, odd: boolean): Uint32Array {
  const out = new Uint32Array(SIGNATURE_SIZE)
  let x = start >>> 0
  for (let i = 0; i < SIGNATURE_SIZE; i++) {
    // xorshift32: a deterministic, well-spread sequence.
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    x >>>= 0
    out[i] = odd ? (x | 1) >>> 0 : x
  }
  return out
}

/** Murmur3's 32-bit finaliser: spreads a bigram code over all 32 bits. */
function fmix(h: number): number {
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}

let normalizer: Normalizer | undefined
const NOT_WORD = /[^\p{L}\p{N}]+/gu

/**
 * The characters that count for similarity: the text folded by `normalize()` (fold stages + lowercase),
 * letters and digits only.
 *
 * @internal
 */
export function similarityText(text: string): string {
  const input = text.length > MAX_CHARS * 2 ? text.slice(0, MAX_CHARS * 2) : text
  // Fast path: ASCII, CJK ideographs and CJK / full-width punctuation contain nothing the fold stages change
  // in letters or digits (punctuation is dropped below anyway), so lowercasing is all normalize() would do.
  // Most comments take this path and skip building an offset map nobody reads here.
  const folded = PLAIN.test(input) ? input.toLowerCase() : foldedText(input)
  const out = folded.replace(NOT_WORD, '')
  return out.length > MAX_CHARS ? out.slice(0, MAX_CHARS) : out
}

/** The slow path of {@link similarityText}: core's `normalize()` with the fold stages and lowercase. */
export function foldedText(text: string): string {
  normalizer ??= createNormalizer([...foldStages, lowercaseStage()])
  return normalizer(text).text
}

const PLAIN = /^[\x20-\x7e\u3000-\u303f\u4e00-\u9fff\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]*$/

/**
 * The MinHash signature of a text, or `undefined` when it has fewer than `minShingles` bigrams (too short to
 * call two texts coordinated rather than merely alike, e.g. "滚" or "lol").
 *
 * @param text - the comment as written
 * @param minShingles - minimum number of distinct bigrams
 * @returns {@link SIGNATURE_SIZE} unsigned 32-bit slots
 * @internal
 */
export function textSignature(text: string, minShingles = 4): number[] | undefined {
  const s = similarityText(text)
  if (s.length - 1 < minShingles) return undefined
  const sig = new Array<number>(SIGNATURE_SIZE).fill(0xffffffff)
  // One scratch set reused by every call (the function is synchronous and never re-entered).
  const seen = scratch
  seen.clear()
  for (let i = 0; i + 1 < s.length; i++) {
    const h = fmix(Math.imul(s.charCodeAt(i), 0x01000193) ^ s.charCodeAt(i + 1))
    if (seen.has(h)) continue
    seen.add(h)
    for (let j = 0; j < SIGNATURE_SIZE; j++) {
      const v = (Math.imul(h, A[j]!) + B[j]!) >>> 0
      if (v < sig[j]!) sig[j] = v
    }
  }
  const distinct = seen.size
  seen.clear()
  return distinct < minShingles ? undefined : sig
}

const scratch: Set<number> = /* @__PURE__ */ new Set<number>()

/**
 * Estimated Jaccard similarity of the bigram sets behind two signatures: the share of equal slots.
 *
 * @internal
 */
export function signatureSimilarity(a: readonly number[], b: readonly number[]): number {
  return signatureSimilarityAtLeast(a, b, 0)
}

/**
 * {@link signatureSimilarity}, or 0 as soon as the first 8 slots show the pair cannot plausibly reach
 * `threshold` (fewer than 3 equal when `threshold ≥ 0.5`; a 0.8-similar pair fails this 1 time in 800).
 * Most pairs in a ring of recent comments are unrelated, so this skips three quarters of the work.
 *
 * @internal
 */
export function signatureSimilarityAtLeast(
  a: readonly number[],
  b: readonly number[],
  threshold: number,
): number {
  if (threshold >= 0.5 && a.length >= 8 && b.length >= 8) {
    let head = 0
    for (let i = 0; i < 8; i++) if (a[i] === b[i]) head++
    if (head < 3) return 0
  }
  let same = 0
  const n = Math.min(a.length, b.length)
  for (let i = 0; i < n; i++) if (a[i] === b[i]) same++
  return n === 0 ? 0 : same / n
}
