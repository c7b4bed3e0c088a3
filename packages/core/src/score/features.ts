/**
 * Feature hashing for the embedded abuse model. The SAME code runs at training time (`npm run train` bundles
 * this file with esbuild) and at inference time, so the two can never drift apart.
 *
 * **Features** (each hashed into `2^bits` buckets, counted, then scaled by `1/sqrt(n)`):
 * - Han runs: character unigrams, bigrams and trigrams.
 * - Latin/digit words (ASCII-lowercased, apostrophes dropped, letters repeated three or more times cut to two:
 *   `sooo stuuupid` → `soo stuupid`): the word, the word bigram, and character 3- to 5-grams of the word padded
 *   with `<` `>` (robust to typos and inflections).
 * - `@handles` (an `@` not preceded by a word character): one mention feature per text, whatever the handle. The
 *   English training tweets have every handle replaced by `@user`; real handles are arbitrary names whose
 *   n-grams would only add noise.
 * - Any other non-space symbol (emoji, kana…): its code unit, once.
 * - Two bias features: one for texts with Han characters, one for texts without (a per-language intercept).
 *
 * Hand-written rather than a library: it must be allocation-free (≥ 100k comments/s) and byte-identical in the
 * trainer and in the browser; a 32-bit FNV-1a step with a murmur finaliser is enough for hashing.
 *
 * @module
 */

/** Character class of a UTF-16 code unit after folding. */
const SEP = 0
const HAN = 1
const WORD = 2
const OTHER = 3

// Seeds keep n-grams of different kinds in different hash streams.
const SEED_HAN1 = 0x811c9dc5
const SEED_HAN2 = 0x1b873593
const SEED_HAN3 = 0x2c1b3c6d
const SEED_WORD = 0x297a2d39
const SEED_WBI = 0x68e31da4
const SEED_CHAR = 0x5bd1e995
const SEED_OTHER = 0x27d4eb2f
const SEED_MENTION = 0x3c6ef372

/** A code-unit fold applied before hashing (e.g. Traditional → Simplified); returns the unit unchanged if unknown. */
export type UnitFold = (unit: number) => number

function step(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193)
}

function finish(h: number, mask: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b)
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35)
  return (h ^ (h >>> 16)) & mask
}

function classOf(c: number): number {
  if (c >= 0x4e00 ? c <= 0x9fff || (c >= 0xf900 && c <= 0xfaff) : c >= 0x3400 && c <= 0x4dbf) return HAN
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)) return WORD
  if (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7) return WORD
  if (
    c <= 0x7f ||
    (c >= 0x2000 && c <= 0x206f) ||
    (c >= 0x3000 && c <= 0x303f) ||
    (c >= 0xff00 && c <= 0xff65)
  )
    return SEP
  if (c >= 0xfe00 && c <= 0xfe0f) return SEP // variation selectors carry no meaning of their own
  return OTHER
}

/** Folds full-width ASCII and upper case; other units go through `fold`. */
function foldUnit(c: number, fold: UnitFold | undefined): number {
  if (c >= 0xff01 && c <= 0xff5e) c -= 0xfee0
  if (c >= 0x41 && c <= 0x5a) return c + 32
  if (c >= 0xc0 && c <= 0xde && c !== 0xd7) return c + 32
  return fold && c >= 0x3400 ? fold(c) : c
}

/** A growable buffer of feature indices, reused between calls (the extractor is synchronous). */
export interface FeatureBuffer {
  indices: Int32Array
  length: number
}

/**
 * Creates a reusable feature buffer.
 *
 * @returns an empty buffer
 */
export function createFeatureBuffer(): FeatureBuffer {
  return { indices: new Int32Array(1024), length: 0 }
}

function push(buf: FeatureBuffer, index: number): void {
  if (buf.length === buf.indices.length) {
    const bigger = new Int32Array(buf.indices.length * 2)
    bigger.set(buf.indices)
    buf.indices = bigger
  }
  buf.indices[buf.length++] = index
}

/** Longest text the model looks at; the rest is ignored (features of very long texts saturate anyway). */
export const MAX_MODEL_CHARS = 4000

/**
 * Hashes `text` into feature indices (with repetition: a repeated n-gram counts twice).
 *
 * @param text - any string
 * @param bits - log2 of the number of buckets
 * @param buf - receives the indices; its `length` is reset first
 * @param fold - optional fold of non-ASCII units (Traditional → Simplified)
 * @returns the number of features written to `buf`
 */
export function extractFeatures(text: string, bits: number, buf: FeatureBuffer, fold?: UnitFold): number {
  const mask = (1 << bits) - 1
  buf.length = 0
  const n = Math.min(text.length, MAX_MODEL_CHARS)
  let hasHan = false
  // Han run state: the previous two units.
  let h1 = -1
  let h2 = -1
  // Word state: start of the current word in `word`, previous word hash.
  const word: number[] = scratchWord
  let wlen = 0
  let prevWord = 0
  // Mention state: the current word is an @handle; a mention feature was already emitted.
  let handle = false
  let mentioned = false
  let prevCls = SEP
  let i = 0
  while (i <= n) {
    const raw = i < n ? text.charCodeAt(i) : 0x20
    i++
    if (raw === 0x27 || raw === 0x2019) continue // "don't" → "dont"
    if (raw === 0x5f && handle && wlen > 0) continue // "@john_doe" is one handle
    const c = foldUnit(raw, fold)
    const cls = classOf(c)
    if (cls === WORD) {
      if (wlen === 0) {
        const before = i >= 2 ? text.charCodeAt(i - 2) : 0
        handle = (before === 0x40 || before === 0xff20) && prevCls !== WORD // "@x", not "a@x" (e-mail)
      }
      // Elongation: a third identical letter in a row is dropped ("sooo" → "soo"); digits are kept ("1000").
      if (c >= 0x61 && wlen >= 2 && word[wlen - 1] === c && word[wlen - 2] === c) continue
      if (wlen < 64) word[wlen++] = c
      h1 = h2 = -1
      prevCls = cls
      continue
    }
    if (wlen > 0) {
      if (!handle) prevWord = emitWord(word, wlen, prevWord, mask, buf)
      else if (!mentioned) {
        mentioned = true
        push(buf, finish(SEED_MENTION, mask))
      }
      wlen = 0
    }
    if (raw !== 0x40 && raw !== 0xff20) prevCls = cls
    if (cls === HAN) {
      hasHan = true
      push(buf, finish(step(SEED_HAN1, c), mask))
      if (h1 >= 0) push(buf, finish(step(step(SEED_HAN2, h1), c), mask))
      if (h2 >= 0) push(buf, finish(step(step(step(SEED_HAN3, h2), h1), c), mask))
      h2 = h1
      h1 = c
    } else {
      h1 = h2 = -1
      if (cls === OTHER) push(buf, finish(step(SEED_OTHER, c), mask))
    }
  }
  push(buf, hasHan ? 0 : 1)
  return buf.length
}

const scratchWord: number[] = []

function emitWord(word: number[], len: number, prevWord: number, mask: number, buf: FeatureBuffer): number {
  let wh = SEED_WORD
  for (let k = 0; k < len; k++) wh = step(wh, word[k]!)
  push(buf, finish(wh, mask))
  if (prevWord !== 0) push(buf, finish(step(step(SEED_WBI, prevWord), wh), mask))
  // Character 3..5-grams of "<word>"; positions -1 and len are the padding marks.
  const padded = len + 2
  for (let g = 3; g <= 5; g++) {
    if (padded < g) break
    for (let s = 0; s + g <= padded; s++) {
      let h = step(SEED_CHAR, g)
      for (let k = s; k < s + g; k++) h = step(h, k === 0 ? 0x3c : k === len + 1 ? 0x3e : word[k - 1]!)
      push(buf, finish(h, mask))
    }
  }
  return wh | 1
}
