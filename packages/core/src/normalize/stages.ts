/**
 * The built-in normalisation stages. Each factory returns a small {@link NormalizeStage}; presets are
 * arrays of them (see `index.ts`). Every pattern here is linear-time: quantifiers are bounded or run over
 * character classes disjoint from what follows them, so V8's backtracking engine never goes exponential
 * (and, for the bounded ones, never goes above a small constant per input position).
 *
 * @module
 */
import { createCharMapStage, createRegexStage } from './pipeline.ts'
import type { NormalizeEdit, NormalizeStage } from './pipeline.ts'

// ---------------------------------------------------------------------------------------------------------
// Invisibles
// ---------------------------------------------------------------------------------------------------------

// \p{Cf} covers zero-width space/joiners (U+200B–U+200D), word joiner (U+2060), BOM (U+FEFF), soft hyphen,
// the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C) and tag
// characters. We add what Unicode does not class as Cf but renders as nothing: combining grapheme joiner,
// Hangul fillers, Mongolian/Khmer invisibles, variation selectors and the combining keycap (U+20E3), so that
// the keycap emoji "1️⃣" (1 + U+FE0F + U+20E3) folds to "1".
const INVISIBLE =
  // eslint-disable-next-line no-misleading-character-class -- combining marks listed on purpose: each is deleted alone
  /[\p{Cf}\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u20e3\u3164\ufe00-\ufe0f\uffa0\u{e0100}-\u{e01ef}]/gu

/**
 * Deletes zero-width, bidi-control and other invisible characters (including variation selectors and the
 * combining keycap).
 *
 * @returns a stage named `invisibles`
 * @example
 * ```ts
 * normalize('138\u200b0013\u202e8000', { stages: [invisiblesStage()] }).text // '13800138000'
 * ```
 */
export function invisiblesStage(): NormalizeStage {
  return createRegexStage('invisibles', INVISIBLE, () => '')
}

// ---------------------------------------------------------------------------------------------------------
// NFKC
// ---------------------------------------------------------------------------------------------------------

// ASCII and the CJK ideograph blocks are NFKC-stable, so the stage only looks at everything else.
// eslint-disable-next-line no-control-regex -- the range starts at U+0000 on purpose (all of ASCII)
const NON_TRIVIAL = /[^\x00-\x7f\u3400-\u4dbf\u4e00-\u9fff]/gu
const NFKC_CACHE_LIMIT = 4096

/**
 * Applies Unicode NFKC to each code point: full-width forms (`１３８` → `138`, `＠` → `@`), ideographic
 * space, circled digits (`①` → `1`, `⑩` → `10`), mathematical alphanumerics (`𝟏` → `1`), ligatures.
 * Per code point rather than on the whole string, so that every output unit maps to one input character;
 * canonical composition across characters is not needed for detection.
 *
 * @returns a stage named `nfkc`
 * @example
 * ```ts
 * normalize('１３８＠ｑｑ．ｃｏｍ', { stages: [nfkcStage()] }).text // '138@qq.com'
 * ```
 */
export function nfkcStage(): NormalizeStage {
  // Bounded memo: NFKC of one code point is a pure function; the cache is cleared when full.
  const cache = new Map<string, string>()
  return createRegexStage('nfkc', NON_TRIVIAL, (m) => {
    const c = m[0]
    let n = cache.get(c)
    if (n === undefined) {
      n = c.normalize('NFKC')
      if (cache.size >= NFKC_CACHE_LIMIT) cache.clear()
      cache.set(c, n)
    }
    return n
  })
}

// ---------------------------------------------------------------------------------------------------------
// Enclosed digits NFKC leaves alone
// ---------------------------------------------------------------------------------------------------------

function enclosedTable(): Record<string, string> {
  const t: Record<string, string> = {}
  const run = (first: number, values: readonly number[]): void => {
    values.forEach((v, i) => (t[String.fromCodePoint(first + i)] = String(v)))
  }
  const oneToTen = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]
  run(0x2776, oneToTen) // ❶–❿ dingbat negative circled
  run(0x2780, oneToTen) // ➀–➉ dingbat circled sans-serif
  run(0x278a, oneToTen) // ➊–➓ dingbat negative circled sans-serif
  run(0x24eb, [11, 12, 13, 14, 15, 16, 17, 18, 19, 20]) // ⓫–⓴
  run(0x24f5, oneToTen) // ⓵–⓾ double circled
  t['\u24ff'] = '0' // ⓿
  t['\u{1f51f}'] = '10' // 🔟 keycap ten
  return t
}

/**
 * Folds the enclosed digits that NFKC does not decompose (`❶`, `➀`, `⓵`, `⓿`, `🔟`) to ASCII digits.
 * Keycap emoji (`1️⃣`) are handled by {@link invisiblesStage}, circled digits (`①`) by {@link nfkcStage}.
 *
 * @returns a stage named `enclosed-digits`
 */
export function enclosedDigitsStage(): NormalizeStage {
  return createCharMapStage('enclosed-digits', enclosedTable())
}

// ---------------------------------------------------------------------------------------------------------
// Confusables
// ---------------------------------------------------------------------------------------------------------

/**
 * Cyrillic and Greek letters that look like Latin ones (a subset of Unicode's confusables.txt, the
 * characters seen in evasion), plus the dash family, to their ASCII look-alike.
 */
export const CONFUSABLES: Readonly<Record<string, string>> = /* @__PURE__ */ pairTable(
  // Cyrillic lower case
  'аaвbеeоoрpсcуyхxѕsіiјjԁdһhӏlԛqԝwкkмmнhтt' +
    // Cyrillic upper case
    'АAВBЕEКKМMНHОOРPСCТTХXУYЅSІIЈJԚQԜW' +
    // Greek
    'ΑAΒBΕEΖZΗHΙIΚKΜMΝNΟOΡPΤTΥYΧXαaοoιiκkνvρpυuχxϲc' +
    // Latin look-alikes outside ASCII that NFKC keeps
    'ɑaɡgıiȷj' +
    // Dashes and minus signs
    '‐-‑-‒-–-—-―-−-⁃-',
)

/** A table from a string of (character, replacement) pairs: the compact form of a one-to-one map. */
function pairTable(pairs: string): Record<string, string> {
  const t: Record<string, string> = {}
  for (let i = 0; i + 1 < pairs.length; i += 2) t[pairs[i]!] = pairs[i + 1]!
  return t
}

/**
 * Replaces Cyrillic/Greek look-alike letters and Unicode dashes with their ASCII look-alike
 * (`аnn@ехаmрlе.com` → `ann@example.com`).
 *
 * @returns a stage named `confusables`
 */
export function confusablesStage(): NormalizeStage {
  return createCharMapStage('confusables', CONFUSABLES)
}

// ---------------------------------------------------------------------------------------------------------
// E-mail obfuscation
// ---------------------------------------------------------------------------------------------------------

// The "at" token: (at) [at] {at} <at> 【at】, a bare " at " word, 艾特, or @ with spaces around it.
const AT = /[ \t]{0,3}(?:[([{<【][ \t]{0,2}(?:at|艾特|@)[ \t]{0,2}[)\]}>】]|\bat\b|艾特|圈a|@)[ \t]{0,3}/giu
// The domain after it: labels joined by dots, "dot", (dot), 点.
const DOT_SRC = String.raw`[ \t]{0,3}(?:[([{<【][ \t]{0,2}(?:dot|点|\.)[ \t]{0,2}[)\]}>】]|\bdot\b|点|\.)[ \t]{0,3}`
const DOMAIN = new RegExp(String.raw`[A-Za-z0-9-]{1,63}(?:${DOT_SRC}[A-Za-z0-9-]{1,63}){1,8}`, 'iuy')
const DOT = new RegExp(DOT_SRC, 'giu')
// A bare " at " / " dot " needs a well-known TLD: "look at this dot net" is rare, "meet at 5 dot" is not mail.
const COMMON_TLD = new Set(
  'com net org edu gov cn io co uk de jp me info top xyz hk tw us ca au fr ru in mil biz app dev ai'.split(
    ' ',
  ),
)

/**
 * Folds e-mail obfuscation to a plain address: `ann (at) example (dot) com`, `ann[at]example[dot]com`,
 * `ann 艾特 example 点 com`, `ann @ example . com` all become `ann@example.com`. Only rewrites when a local
 * part precedes the "at" and a dotted domain ending in a TLD follows, so "look at this" stays as it is.
 *
 * @returns a stage named `email-obfuscation`
 */
export function emailObfuscationStage(): NormalizeStage {
  return {
    name: 'email-obfuscation',
    edits(text) {
      AT.lastIndex = 0
      if (!AT.test(text)) return null
      AT.lastIndex = 0
      const out: NormalizeEdit[] = []
      let floor = 0
      let m: RegExpExecArray | null
      while ((m = AT.exec(text)) !== null) {
        const a = m.index
        const b = a + m[0].length
        // Local part: scan back over at most 64 local-part characters (hand-written: a lookbehind of
        // unbounded length would be quadratic on long runs).
        let ls = a
        while (ls > floor && a - ls < 64 && isLocalChar(text.charCodeAt(ls - 1))) ls--
        if (ls === a) continue
        DOMAIN.lastIndex = b
        const d = DOMAIN.exec(text)
        if (!d) continue
        const domain = d[0]
        const lastDot = lastSeparatorEnd(domain)
        const tld = domain.slice(lastDot).toLowerCase()
        if (!/^[a-z]{2,24}$/.test(tld)) continue
        const atToken = m[0]
        const plain = atToken === '@' && !/[^A-Za-z0-9.-]/.test(domain)
        if (plain) {
          floor = b + domain.length
          AT.lastIndex = floor
          continue
        }
        const bareWord = /^\s*at\s*$/i.test(atToken) || /\bdot\b/i.test(domain)
        if (bareWord && !COMMON_TLD.has(tld)) continue
        if (atToken !== '@') out.push({ start: a, end: b, text: '@' })
        DOT.lastIndex = 0
        let s: RegExpExecArray | null
        while ((s = DOT.exec(domain)) !== null) {
          if (s[0] !== '.') out.push({ start: b + s.index, end: b + s.index + s[0].length, text: '.' })
        }
        floor = b + domain.length
        AT.lastIndex = floor
      }
      return out
    },
  }
}

/** `[A-Za-z0-9._%+-]`, by code (called for every character before every "at"). */
function isLocalChar(c: number): boolean {
  return (
    (c >= 48 && c <= 57) ||
    (c >= 65 && c <= 90) ||
    (c >= 97 && c <= 122) ||
    c === 46 ||
    c === 95 ||
    c === 37 ||
    c === 43 ||
    c === 45
  )
}

function lastSeparatorEnd(domain: string): number {
  let end = 0
  DOT.lastIndex = 0
  let s: RegExpExecArray | null
  while ((s = DOT.exec(domain)) !== null) end = s.index + s[0].length
  return end
}

// ---------------------------------------------------------------------------------------------------------
// Digit runs
// ---------------------------------------------------------------------------------------------------------

/** Chinese numerals (plain, financial 大写, and 幺 as read aloud for 1) to digits. */
export const CHINESE_DIGITS: Readonly<Record<string, string>> = /* @__PURE__ */ pairTable(
  '零0〇0一1幺1二2三3四4五5六6七7八8九9壹1贰2貳2叁3參3肆4伍5陆6陸6柒7捌8玖9',
)

/**
 * Longest digit run (in UTF-16 units, separators included) the digit-run stages rewrite.
 *
 * @internal
 */
export const MAX_RUN = 128

// Separators that may sit inside a digit run (after NFKC, so full-width forms are already ASCII).
const SEP = String.raw`[ \t.\-*_·•/,~]`
const CN_DIGIT_CLASS = `[0-9${Object.keys(CHINESE_DIGITS).join('')}]`
// A digit-ish run: digit, then (at most 3 separators, digit)+. Separators and digits are disjoint, so the
// engine never backtracks more than the 3-character separator window.
const CN_RUN = new RegExp(`${CN_DIGIT_CLASS}(?:${SEP}{0,3}${CN_DIGIT_CLASS})+`, 'gu')

/** Options of {@link chineseNumeralsStage}. */
export interface ChineseNumeralsStageOptions {
  /** Fewest digits (Chinese or ASCII) a run needs before its Chinese numerals are folded. Default 5. */
  minDigits?: number
}

/**
 * Folds Chinese numerals to ASCII digits inside digit runs: `一三八 零零一三 八零零零` → `138 0013 8000`,
 * `壹叁捌…` too, and `幺` as 1. Only runs of at least `minDigits` digits change, so `一个`, `三四个人` and
 * `第一` stay untouched; `十`, `百` and `两` are counting words, not dictated digits, and break a run.
 *
 * @param options - run length threshold
 * @returns a stage named `chinese-numerals`
 */
export function chineseNumeralsStage(options: ChineseNumeralsStageOptions = {}): NormalizeStage {
  const minDigits = options.minDigits ?? 5
  return {
    name: 'chinese-numerals',
    edits(text) {
      CN_RUN.lastIndex = 0
      const out: NormalizeEdit[] = []
      let m: RegExpExecArray | null
      while ((m = CN_RUN.exec(text)) !== null) {
        const run = m[0]
        // No identifier is this long; leaving huge runs alone keeps 1 MB of numerals cheap.
        if (run.length > MAX_RUN) continue
        let digits = 0
        let chinese = 0
        for (const c of run) {
          if (c >= '0' && c <= '9') digits++
          else if (CHINESE_DIGITS[c] !== undefined) {
            digits++
            chinese++
          }
        }
        if (chinese === 0 || digits < minDigits) continue
        for (let i = 0; i < run.length; i++) {
          const d = CHINESE_DIGITS[run[i] ?? '']
          if (d !== undefined) out.push({ start: m.index + i, end: m.index + i + 1, text: d })
        }
      }
      return out
    },
  }
}

// A digit word's index is its value.
const DIGIT_WORDS = 'zero one two three four five six seven eight nine'.split(' ')
const WORD = `(?:${DIGIT_WORDS.join('|')})\\b`
const SPELLED_RUN = new RegExp(`\\b(?:${WORD}|[0-9]{1,20})(?:${SEP}{1,3}(?:${WORD}|[0-9]{1,20}))+`, 'giu')
const WORD_TOKEN = new RegExp(WORD, 'giu')

/** Options of {@link spelledDigitsStage}. */
export interface SpelledDigitsStageOptions {
  /** Fewest digits a run needs (spelled or written). Default 5. */
  minDigits?: number
  /** Fewest spelled-out words a run needs. Default 2. */
  minWords?: number
}

/**
 * Folds spelled-out English digits inside digit runs: `four one five five five zero one two three` →
 * `4 1 5 5 5 0 1 2 3` (the separator stage then joins them). Runs with fewer than `minDigits` digits or
 * `minWords` words stay ("one or two", "one two three").
 *
 * @param options - thresholds
 * @returns a stage named `spelled-digits`
 */
export function spelledDigitsStage(options: SpelledDigitsStageOptions = {}): NormalizeStage {
  const minDigits = options.minDigits ?? 5
  const minWords = options.minWords ?? 2
  return {
    name: 'spelled-digits',
    edits(text) {
      SPELLED_RUN.lastIndex = 0
      const out: NormalizeEdit[] = []
      let m: RegExpExecArray | null
      while ((m = SPELLED_RUN.exec(text)) !== null) {
        const run = m[0]
        if (run.length > MAX_RUN * 4) continue
        const words: NormalizeEdit[] = []
        WORD_TOKEN.lastIndex = 0
        let w: RegExpExecArray | null
        while ((w = WORD_TOKEN.exec(run)) !== null) {
          // Skip "one" inside "someone": the run regex starts at a word boundary, tokens must too.
          const before = run[w.index - 1]
          if (before !== undefined && /[A-Za-z0-9]/.test(before)) continue
          // -1 for a match only case folding makes ("ſix", long s): deleted, as the former table lookup did.
          const d = DIGIT_WORDS.indexOf(w[0].toLowerCase())
          words.push({
            start: m.index + w.index,
            end: m.index + w.index + w[0].length,
            text: d < 0 ? '' : `${d}`,
          })
        }
        let digits = words.length
        for (const c of run) if (c >= '0' && c <= '9') digits++
        if (words.length < minWords || digits < minDigits) continue
        for (const e of words) out.push(e)
      }
      return out
    },
  }
}

/**
 * A digit run with separators: digit, then (at most 3 separators, digit)+. Disjoint classes: linear. Also read
 * by the PII detector's direct join (`joinDigitRuns` in pii/detect.ts), which must rewrite the same runs.
 *
 * @internal
 */
export const DIGIT_RUN: RegExp = new RegExp(`[0-9](?:${SEP}{1,3}[0-9]|[0-9])+`, 'g')
const SEPARATOR = new RegExp(`${SEP}{1,3}`, 'g')

/**
 * Deletes separators inside digit runs: spaces, dots, dashes, `*`, underscores, middle dots, slashes,
 * commas and tildes, at most three in a row (`138 0013 8000`, `138-0013-8000`, `1_3_8*0013…`). Zero-width
 * characters are already gone ({@link invisiblesStage}). Run it last: it joins what earlier stages made
 * into digits. Runs longer than 128 units stay as they are (no identifier is that long).
 *
 * @returns a stage named `digit-separators`
 */
export function digitSeparatorsStage(): NormalizeStage {
  return {
    name: 'digit-separators',
    edits(text) {
      DIGIT_RUN.lastIndex = 0
      const out: NormalizeEdit[] = []
      let m: RegExpExecArray | null
      while ((m = DIGIT_RUN.exec(text)) !== null) {
        const run = m[0]
        if (run.length > MAX_RUN) continue
        SEPARATOR.lastIndex = 0
        let s: RegExpExecArray | null
        while ((s = SEPARATOR.exec(run)) !== null) {
          out.push({ start: m.index + s.index, end: m.index + s.index + s[0].length, text: '' })
        }
      }
      return out
    },
  }
}

// ---------------------------------------------------------------------------------------------------------
// Case
// ---------------------------------------------------------------------------------------------------------

/**
 * Lower-cases letters (per code point, so `İ` may become two units; the map stays exact). Not part of the
 * PII presets (the recognisers are case-insensitive); provided for abuse and similarity stages.
 *
 * @returns a stage named `lowercase`
 */
export function lowercaseStage(): NormalizeStage {
  return createRegexStage('lowercase', /\p{Lu}|\p{Lt}/gu, (m) => m[0].toLowerCase())
}
