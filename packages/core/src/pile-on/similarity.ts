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

// The same bits as signed integers: the hot loop stays in 32-bit integer arithmetic (no doubles).
const A32: Int32Array = /* @__PURE__ */ new Int32Array(A.buffer)
const B32: Int32Array = /* @__PURE__ */ new Int32Array(B.buffer)

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

const PLAIN =
  /^[\t\n\r\x20-\x7e\u3000-\u303f\u4e00-\u9fff\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]*$/

/**
 * The MinHash signature of a text, or `undefined` when it has fewer than `minShingles` bigrams (too short to
 * call two texts coordinated rather than merely alike, e.g. "滚" or "lol").
 *
 * **One pass, no strings.** Most comments are plain (see {@link similarityText}'s fast path): they are
 * shingled straight from their char codes (ASCII lowercased, everything but letters and digits skipped), with
 * no lowercased copy, no `replace` and no substring per bigram. Other texts go through `normalize()` first.
 * The result equals the reference definition (bigrams of {@link similarityText}, 32 min-wise hashes), which
 * a property test checks.
 *
 * @param text - the comment as written
 * @param minShingles - minimum number of distinct bigrams
 * @returns {@link SIGNATURE_SIZE} unsigned 32-bit slots
 * @internal
 */
export function textSignature(text: string, minShingles = 4): number[] | undefined {
  if (!(minShingles <= FIRST.length)) return reference(text, minShingles)
  need = minShingles
  MINS.fill(0x7fffffff)
  distinct = 0
  if (!plainShingles(text)) {
    // Not plain: fold through normalize() first, then every remaining character counts.
    MINS.fill(0x7fffffff)
    distinct = 0
    const s = similarityText(text)
    for (let i = 1; i < s.length; i++) addShingle(s.charCodeAt(i - 1), s.charCodeAt(i))
  }
  if (distinct < minShingles) return undefined
  const sig = new Array<number>(SIGNATURE_SIZE)
  // Back from the signed order used while scanning (see addShingle) to the unsigned slot values.
  for (let j = 0; j < SIGNATURE_SIZE; j++) sig[j] = (MINS[j]! ^ 0x80000000) >>> 0
  return sig
}

// Scratch state of textSignature (synchronous, never re-entered): running minimums in *signed* order
// (u ^ 0x80000000 orders like the unsigned u, and stays a small integer for the JIT), and the first distinct
// bigram hashes, only as many as needed to tell whether the text has `minShingles` of them.
const MINS: Int32Array = /* @__PURE__ */ new Int32Array(SIGNATURE_SIZE)
const FIRST: Int32Array = /* @__PURE__ */ new Int32Array(64)
let distinct = 0
let need = 4

/** Folds one bigram into the running minimums: one hash, then 32 multiply-add permutations of it. */
function addShingle(a: number, b: number): void {
  const h = bigramHash(a, b)
  if (distinct < need) {
    let dup = false
    for (let k = 0; k < distinct; k++) if (FIRST[k] === h) dup = true
    if (!dup) FIRST[distinct++] = h
  }
  for (let j = 0; j < SIGNATURE_SIZE; j++) {
    // (h·A + B) mod 2³², flipped to signed order; the XOR does the mod (ToInt32).
    const v = (Math.imul(h, A32[j]!) + B32[j]!) ^ 0x80000000
    if (v < MINS[j]!) MINS[j] = v
  }
}

// Word/non-word flags of U+3000–U+303F and U+9FF0–U+9FFF, read from the engine's own \p{L}\p{N} on first
// use so the fast path agrees with NOT_WORD on every Unicode version.
let wordTable: Uint8Array | undefined

function isWordChar(c: number): boolean {
  if (wordTable === undefined) {
    wordTable = new Uint8Array(0x50)
    const word = /[\p{L}\p{N}]/u
    for (let i = 0; i < 0x40; i++) wordTable[i] = word.test(String.fromCharCode(0x3000 + i)) ? 1 : 0
    for (let i = 0; i < 0x10; i++) wordTable[0x40 + i] = word.test(String.fromCharCode(0x9ff0 + i)) ? 1 : 0
  }
  return wordTable[c >= 0x9ff0 ? c - 0x9ff0 + 0x40 : c - 0x3000] === 1
}

/** The hash of the bigram (a, b) of char codes, as a signed 32-bit integer. */
function bigramHash(a: number, b: number): number {
  return fmix(Math.imul(a, 0x01000193) ^ b) | 0
}

/**
 * The straightforward definition: the distinct bigrams of {@link similarityText}, each through the 32
 * permutations. Used for unusual `minShingles` and, in tests, as the reference the fast path must equal.
 *
 * @internal
 */
export function reference(text: string, minShingles = 4): number[] | undefined {
  const s = similarityText(text)
  const seen = new Set<number>()
  const sig = new Array<number>(SIGNATURE_SIZE).fill(0xffffffff)
  for (let i = 1; i < s.length; i++) {
    const h = bigramHash(s.charCodeAt(i - 1), s.charCodeAt(i))
    if (seen.has(h)) continue
    seen.add(h)
    for (let j = 0; j < SIGNATURE_SIZE; j++) {
      const v = (Math.imul(h, A[j]!) + B[j]!) >>> 0
      if (v < sig[j]!) sig[j] = v
    }
  }
  return seen.size < minShingles ? undefined : sig
}

/**
 * Shingles a plain text (the {@link similarityText} fast-path alphabet) from its char codes, exactly as
 * `similarityText` would: ASCII lowercased, letters and digits kept, the rest dropped.
 *
 * @returns false at the first character outside the plain alphabet (the caller starts over)
 */
function plainShingles(text: string): boolean {
  const end = Math.min(text.length, MAX_CHARS * 2)
  let prev = -1
  let kept = 0
  for (let i = 0; i < end && kept < MAX_CHARS; i++) {
    let c = text.charCodeAt(i)
    if (c < 0x80) {
      if (c >= 0x61 && c <= 0x7a) {
        // a-z
      } else if (c >= 0x41 && c <= 0x5a) c += 0x20
      else if (c >= 0x30 && c <= 0x39) {
        // 0-9
      } else if (c >= 0x20 ? c !== 0x7f : c === 0x09 || c === 0x0a || c === 0x0d) continue
      else return false
    } else if (c >= 0x4e00 && c <= 0x9fff) {
      // CJK ideographs: letters (U+9FF0… checked against \p{L} once, for engines on older Unicode data)
      if (c >= 0x9ff0 && !isWordChar(c)) continue
    } else if (c >= 0x3000 && c <= 0x303f) {
      if (!isWordChar(c)) continue // CJK punctuation, but 々 〆 〇 and the Suzhou numerals are word characters
    } else if (
      (c >= 0xff01 && c <= 0xff0f) ||
      (c >= 0xff1a && c <= 0xff20) ||
      (c >= 0xff3b && c <= 0xff40) ||
      (c >= 0xff5b && c <= 0xff65)
    )
      continue // full-width punctuation
    else return false
    if (prev >= 0) addShingle(prev, c)
    prev = c
    kept++
  }
  return true
}
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

// 64 URL-safe symbols: a packed signature is ASCII, so it crosses JSON and Redis without escaping.
const SYMBOLS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/**
 * A signature packed for storage: the low 12 bits of each slot as two symbols, 64 ASCII characters instead
 * of ~350 bytes of JSON numbers (the detector's state is stored, and on Redis sent, with every comment).
 * b-bit minwise hashing (Li & König 2010): two different minima agree on 12 bits with probability 1/4096,
 * so the estimate rises by at most (1 − J)/4096, far below the 1/32 resolution of the signature.
 *
 * @internal
 */
export function packSignature(sig: readonly number[]): string {
  const n = Math.min(sig.length, SIGNATURE_SIZE)
  for (let i = 0; i < n; i++) {
    const v = sig[i]!
    PACKED[2 * i] = SYMBOL_CODES[(v >>> 6) & 63]!
    PACKED[2 * i + 1] = SYMBOL_CODES[v & 63]!
  }
  // One flat string from the char codes: cheaper than 64 concatenations (a rope the first compare flattens).
  return String.fromCharCode.apply(null, PACKED.subarray(0, 2 * n) as unknown as number[])
}

const SYMBOL_CODES: Uint16Array = /* @__PURE__ */ Uint16Array.from(SYMBOLS, (c) => c.charCodeAt(0))
const PACKED: Uint16Array = /* @__PURE__ */ new Uint16Array(2 * SIGNATURE_SIZE)

/**
 * {@link signatureSimilarityAtLeast} on packed signatures: the share of equal slots (pairs of characters),
 * or 0 as soon as the first 8 slots show the pair cannot plausibly reach `threshold`.
 *
 * @internal
 */
export function packedSimilarityAtLeast(a: string, b: string, threshold: number): number {
  const n = Math.min(a.length, b.length) >> 1
  if (n === 0) return 0
  let same = 0
  for (let i = 0; i < n; i++) {
    if (a.charCodeAt(2 * i) === b.charCodeAt(2 * i) && a.charCodeAt(2 * i + 1) === b.charCodeAt(2 * i + 1))
      same++
    if (i === 7 && threshold >= 0.5 && n >= 8 && same < 3) return 0
  }
  return same / n
}
