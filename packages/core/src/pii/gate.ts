/**
 * The cheap gate in front of detection: one `charCodeAt` loop over the text that says which recognisers and
 * which normalisation stages could possibly have something to do. Most comments contain no digit, no `@`,
 * no Chinese numeral run and no context word; for them detection ends here, without building a normalised
 * view or running a single regular expression.
 *
 * The gate is **conservative**: a flag may be set when nothing is found later, but a recogniser whose flags
 * are all clear can never match (each flag below names what its recognisers' patterns require). The scan
 * reads full-width forms (`１`, `＠`, `：`), the ideographic space and Unicode dashes as the ASCII characters
 * NFKC and the confusables stage turn them into; any other character the folding stages could change sets
 * {@link F_EXOTIC}, and detectPii then folds the text first and scans the folded text instead.
 *
 * Hand-written rather than a regular expression: one pass computes every flag, with no allocation.
 *
 * @module
 */
import type { Recognizer } from './types.ts'

/** An ASCII digit (after width folding). */
export const F_DIGIT = 1
/** A run the Chinese-numerals stage folds: five digits or more joined, at least one a Chinese numeral. */
export const F_CN_DIGITS = 2
/** An `@`. */
export const F_AT = 4
/** An obfuscated "at": the word `at`, `艾特`, `圈a`. */
export const F_MAIL_WORD = 8
/** Two or more `:` (IPv6). */
export const F_COLONS = 16
/** A WeChat context word (`微信`, `薇`, `威信`, `V信`, `vx`, `wx`, `weixin`, `wechat`, `加v`, `+v`). */
export const F_WECHAT = 32
/** A name context word (`名`, `叫`, `name`, `called`). */
export const F_NAME = 64
/** Two or more spelled-out digits (`zero` … `nine`) and five digits in all. */
export const F_DIGIT_WORDS = 128
/** A numeral (ASCII or Chinese, `十`/`百` included) right before `号 號 栋 棟 幢 座 期 区`: a Chinese address anchor. */
export const F_CN_ADDRESS = 256
/** Width folding or dashes needed: full-width forms, U+3000 and other spaces, Unicode dashes (all 1:1). */
export const F_WIDE = 512
/** A character the folding stages may change in another way (zero-width, confusables, enclosed digits …). */
export const F_EXOTIC = 1024

/** An upper-case letter: ASCII, Latin-1, or any character outside ASCII and CJK the scan does not know. */
export const F_UPPER = 2048

/** A Latin letter: ASCII, Latin-1, or any character outside ASCII and CJK the scan does not know. */
export const F_LATIN = 4096

/*
 * Digit-run lengths: the longest run of ASCII digits and Chinese numerals joined by at most three digit
 * separators (`[ \t.\-*_·•/,~]`, exactly the runs the Chinese-numerals and digit-separators stages join)
 * has at least 5 / 7 / 9 / 11 / 12 / 15 digits. A run of N consecutive digits in the folded or the digits
 * view lies inside such a joined run. Set in full when spelled-out digits may make digits the scan did not
 * count; a text the e-mail obfuscation stage changes is scanned again after it (see detectPii). Recognisers
 * that need N digits in a row skip shorter texts: most comments with a number have a price, a date or a
 * room number, not a phone.
 */
/** A province character a Chinese licence plate starts with (京 津 沪 … 粤 川 琼). */
export const F_PROVINCE = 524288

/** A QQ context word: `qq`, `q号` (any case), `扣`, `企`. */
export const F_QQ = 1048576

/** A passport context word: `passport` (any case), `护`, `護`. */
export const F_PASSPORT = 2097152

/**
 * A phone-shaped chain: seven ASCII digits, each within nine characters of `[\s.()\-xet#]` of the one
 * before (what the international phone recogniser's candidate pattern needs).
 */
export const F_PHONE7 = 4194304

/** Separators inside a joined digit run: the digit-separators stage has something to delete. */
export const F_JOINED = 8388608

/** A phone-shaped chain (as {@link F_PHONE7}) of eleven digits: what a Chinese landline with area code needs. */
export const F_PHONE11 = 16777216

/** An IP address shape: four digit groups joined by single dots, or two colons (IPv6). */
export const F_IP_SHAPE = 33554432

/** A joined digit run of at least 5 digits. */
export const F_RUN5 = 8192
/** A joined digit run of at least 7 digits. */
export const F_RUN7 = 16384
/** A joined digit run of at least 9 digits. */
export const F_RUN9 = 32768
/** A joined digit run of at least 11 digits. */
export const F_RUN11 = 65536
/** A joined digit run of at least 12 digits. */
export const F_RUN12 = 131072
/** A joined digit run of at least 15 digits. */
export const F_RUN15 = 262144
const F_RUNS = F_RUN5 | F_RUN7 | F_RUN9 | F_RUN11 | F_RUN12 | F_RUN15

/**
 * The flags a text may gain from a stage the scan did not see (e-mail obfuscation joins runs and words):
 * every run length, phone-shaped chains, and the context words that only matter next to a run.
 *
 * @internal
 */
export const F_UNSURE: number = F_RUNS | F_QQ | F_PASSPORT | F_PHONE7 | F_PHONE11 | F_IP_SHAPE

/** Any flag that some built-in recogniser needs. */
export const F_ANY_PII: number =
  F_DIGIT | F_CN_DIGITS | F_AT | F_MAIL_WORD | F_COLONS | F_WECHAT | F_NAME | F_DIGIT_WORDS | F_CN_ADDRESS

/** A digit in the digits view: written, a Chinese numeral run, or spelled out. */
export const F_NUMERIC: number = F_DIGIT | F_CN_DIGITS | F_DIGIT_WORDS

// Which flags each built-in recogniser needs: any of the first mask, all of the second. Custom
// recognisers are not listed: they always run.
const needs = new WeakMap<Recognizer, readonly [number, number]>()
const listNeeds = new WeakMap<readonly Recognizer[], Int32Array>()

/**
 * Registers the flags a recogniser needs; detectPii skips it unless one of `any` and all of `all` are set.
 * Internal: only the built-in factories call it, after checking their patterns really require them.
 *
 * @internal
 */
export function gated(any: number, recognizer: Recognizer, all = 0): Recognizer {
  needs.set(recognizer, [any, all])
  return recognizer
}

/**
 * Whether a recogniser may find something in a text with these flags (always, for custom recognisers).
 *
 * @internal
 */
export function mayFind(recognizer: Recognizer, flags: number): boolean {
  const n = needs.get(recognizer)
  if (n === undefined) return true
  const all = n[1] | extraNeeds(recognizer.name)
  return (n[0] & flags) !== 0 && (all & flags) === all
}

/**
 * Flags some built-in recognisers need on top of what their factories register (all of them): digit-run
 * lengths and context characters. Listed here, by name, rather than in the factories, so that the widget's
 * bundle (compact engine, no gate) stays as it was. Looked up only for recognisers `gated` registered.
 */
const EXTRA_NEEDS: ReadonlyArray<readonly [string, number]> = [
  ['cn-mobile', F_RUN11],
  ['intl-phone', F_PHONE7],
  ['cn-landline', F_PHONE11],
  ['ip', F_IP_SHAPE],
  ['cn-id', F_RUN15],
  ['card', F_RUN12],
  ['us-ssn', F_RUN9],
  ['qq', F_RUN5 | F_QQ],
  ['cn-passport', F_RUN7 | F_PASSPORT],
  ['cn-license-plate', F_PROVINCE | F_UPPER],
]

function extraNeeds(name: string): number {
  for (const [n, flags] of EXTRA_NEEDS) if (n === name) return flags
  return 0
}

/**
 * For each recogniser of a list, its `[any, all]` masks as two entries (`-1, 0` for custom ones);
 * memoised per list, so the check per call allocates nothing.
 *
 * @internal
 */
export function needsOfList(recognizers: readonly Recognizer[]): Int32Array {
  let out = listNeeds.get(recognizers)
  if (out === undefined) {
    out = new Int32Array(recognizers.length * 2)
    recognizers.forEach((r, i) => {
      const n = needs.get(r)
      out![2 * i] = n ? n[0] : -1
      out![2 * i + 1] = n ? n[1] | extraNeeds(r.name) : 0
    })
    // Only frozen lists are memoised: a mutable array may change between calls.
    if (Object.isFrozen(recognizers)) listNeeds.set(recognizers, out)
  }
  return out
}

// Keywords, matched inside the scan on the width-folded text, ASCII letters case-insensitively (as the
// patterns of the recognisers and stages read them): a rolling hash of the current run of letters, five bits
// per letter (a = 1 … z = 26, so a shorter word never equals a longer one), holds its last six letters.
/** The hash of a lower-case ASCII word of up to six letters. */
function hashOf(word: string): number {
  let h = 0
  for (let i = 0; i < word.length; i++) h = (h << 5) | (word.charCodeAt(i) - 96)
  return h
}
const H_AT: number = /* @__PURE__ */ hashOf('at')
const H_VX: number = /* @__PURE__ */ hashOf('vx')
const H_WX: number = /* @__PURE__ */ hashOf('wx')
const H_QQ: number = /* @__PURE__ */ hashOf('qq')
const H_NAME: number = /* @__PURE__ */ hashOf('name')
const H_CALLED: number = /* @__PURE__ */ hashOf('called')
const H_WEIXIN: number = /* @__PURE__ */ hashOf('weixin')
const H_WECHAT: number = /* @__PURE__ */ hashOf('wechat')
const H_SSPORT: number = /* @__PURE__ */ hashOf('ssport')
/**
 * Spelled-out digits (`zero` … `nine`; three to five letters each) by a 32-slot hash, `((h >>> 8) ^ h) & 31`,
 * which puts the ten words in ten different slots (the keyword test in gate.test.ts counts them).
 */
const DIGIT_WORD_SLOTS: Int32Array = /* @__PURE__ */ digitWordSlots()

function digitWordSlots(): Int32Array {
  const slots = new Int32Array(32).fill(-1)
  for (const w of 'zero one two three four five six seven eight nine'.split(' ')) {
    const h = hashOf(w)
    slots[((h >>> 8) ^ h) & 31] = h
  }
  return slots
}
/**
 * Bit `k` set: a keyword ends in the letter with code `k` (x: vx wx, q: qq, e: name, d: called, n: weixin,
 * t: wechat passport, v: +v 加v).
 */
const KEY_LAST: number = /* @__PURE__ */ ['x', 'q', 'e', 'd', 'n', 't', 'v'].reduce(
  (m, l) => m | (1 << (l.charCodeAt(0) - 96)),
  0,
)

/**
 * The ASCII character a full-width form, special space or dash folds to (NFKC, then the confusables
 * stage); -1 for other characters. Every such fold is one UTF-16 unit to one, so the offset map stays the
 * identity.
 *
 * @internal
 */
export function wideFold(c: number): number {
  if (c >= 0xff01 && c <= 0xff5e) return c - 0xfee0
  if (c === 0x3000 || c === 0xa0 || (c >= 0x2000 && c <= 0x200a) || c === 0x202f || c === 0x205f) return 32
  if ((c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0x2043) return 45
  return -1
}

/** A separator the digit-separators stage removes inside digit runs: `[ \t.\-*_·•/,~]`. */
function separator(c: number): boolean {
  return (
    c === 32 ||
    c === 46 ||
    c === 45 ||
    c === 44 ||
    c === 47 ||
    c === 9 ||
    c === 42 ||
    c === 95 ||
    c === 126 ||
    c === 0xb7 ||
    c === 0x2022
  )
}

/** Characters outside ASCII and CJK that every folding stage leaves alone (common punctuation, symbols). */
function stable(c: number): boolean {
  return (
    (c >= 0x3001 && c <= 0x3006) ||
    (c >= 0x3008 && c <= 0x301b) ||
    c === 0x2018 ||
    c === 0x2019 ||
    c === 0x201c ||
    c === 0x201d ||
    c === 0x2022 ||
    c === 0x2030 ||
    c === 0x20ac ||
    (c >= 0xa1 && c <= 0xa7) || // ¡ ¢ £ ¤ ¥ ¦ §
    c === 0xa9 ||
    c === 0xab ||
    c === 0xac ||
    c === 0xae ||
    c === 0xb0 ||
    c === 0xb1 ||
    c === 0xb6 ||
    c === 0xb7 ||
    c === 0xbb ||
    (c >= 0xbf && c <= 0xff) || // Latin-1 letters (precomposed, NFKC-stable), × ÷
    (c >= 0x2190 && c <= 0x21ff) || // arrows
    (c >= 0x2500 && c <= 0x2775) || // box drawing, blocks, shapes, misc symbols, dingbats before ❶
    (c >= 0x2794 && c <= 0x27bf)
  )
}

// Classes of CJK ideographs the gate cares about, looked up in a table (built on first use: 21 KB).
const K_DIGIT = 1 // a Chinese numeral the digit-run stage folds (CHINESE_DIGITS)
const K_TEN = 2 // 十 百: numerals of house numbers, not of digit runs
const K_ANCHOR = 3 // 号 號 栋 棟 幢 座 期 区: Chinese address anchors after a numeral
const K_WECHAT = 4 // 微 薇 威
const K_XIN = 5 // 信, after v/V
const K_NAME = 6 // 名 叫
const K_MAIL = 7 // 艾 (艾特), 圈 (圈a)
const K_PROVINCE = 8 // the province characters licence plates start with
const K_QQ = 9 // 扣 (扣扣), 企 (企鹅)
const K_PASSPORT = 10 // 护 護 (护照, 護照)
let cjk: Uint8Array | undefined

function cjkTable(): Uint8Array {
  const t = new Uint8Array(0xa000 - 0x4e00)
  const set = (chars: string, k: number): void => {
    for (const ch of chars) t[ch.charCodeAt(0) - 0x4e00] = k
  }
  set('零一幺二三四五六七八九壹贰貳叁參肆伍陆陸柒捌玖', K_DIGIT)
  set('十百', K_TEN)
  set('号號栋棟幢座期区', K_ANCHOR)
  set('微薇威', K_WECHAT)
  set('信', K_XIN)
  set('名叫', K_NAME)
  set('艾圈', K_MAIL)
  set('京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼', K_PROVINCE)
  set('扣企', K_QQ)
  set('护護', K_PASSPORT)
  return t
}

/**
 * Scans a text once and returns its flags (`F_*`). Linear, allocation-free after the first call.
 *
 * The flags describe the text as the recognisers read it after width folding: a caller whose text the
 * e-mail obfuscation stage changes (possible when {@link F_AT} or {@link F_MAIL_WORD} is set) scans the
 * stage's output again, as it does the output of the folding stages when {@link F_EXOTIC} is set.
 *
 * @internal
 */
export function scanText(text: string): number {
  const table = (cjk ??= cjkTable())
  let flags = 0
  let digits = 0
  let cnDigits = 0
  let digitWords = 0
  let colons = 0
  // Previous (folded) code unit, and whether it was a numeral for Chinese address anchors.
  let prev = 0
  let prevNumeral = false
  // The current joined run of digits and Chinese numerals: its digits, its Chinese numerals, the separators
  // since its last digit; the longest run so far.
  let run = 0
  let runCn = 0
  let gap = 0
  let longest = 0
  // The current phone-shaped chain: its digits, the characters of [\s.()\-xet#] since its last digit.
  let chain = 0
  let chainGap = 0
  // The current dotted number (IPv4 shape): its digit groups, and whether a dot right after a digit ends it.
  let groups = 0
  let dot = false
  // The current run of ASCII letters: hash of its last six letters, its length, and the character before it.
  let h = 0
  let letters = 0
  let beforeLetters = 0
  const n = text.length
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i)
    if (c >= 0x80 && (c < 0x4e00 || c >= 0xa000)) {
      const w = wideFold(c)
      if (w >= 0) {
        c = w
        flags |= F_WIDE
      }
    }
    // 0: not a digit; 1: an ASCII digit; 2: a Chinese numeral of digit runs.
    let digit = 0
    let numeral = false
    if (c < 0x80) {
      const l = c | 32
      if (l >= 97 && l <= 122) {
        // A run of ASCII letters, in an inner loop (most of an English text).
        if (letters === 0) beforeLetters = prev
        flags |= F_LATIN
        for (;;) {
          if (c <= 90) flags |= F_UPPER
          letters++
          const code = (c | 32) - 96
          h = ((h << 5) | code) & 0x3fffffff
          if (((KEY_LAST >>> code) & 1) !== 0) flags |= keywordAt(h, prev, text, i, letters)
          // x, e, t ("ext", "x 12") may sit inside a phone-shaped chain.
          if (chain > 0 && ((c !== 120 && c !== 101 && c !== 116) || ++chainGap > 9)) chain = 0
          prev = c
          if (i + 1 >= n) break
          const d = text.charCodeAt(i + 1)
          if ((d | 32) < 97 || (d | 32) > 122) break
          c = d
          i++
        }
        run = 0
        dot = false
        prevNumeral = false
        continue
      }
      if (c >= 48 && c <= 57) {
        digits++
        digit = 1
        numeral = true
      } else if (c === 64) flags |= F_AT
      else if (c === 58) colons++
    } else if (c >= 0x4e00 && c < 0xa000) {
      switch (table[c - 0x4e00]) {
        case 0:
          // Most of a Chinese text: characters that matter to no flag. Skip the whole run of them; the
          // state after the run is the state after its first character.
          while (i + 1 < n) {
            const d = text.charCodeAt(i + 1)
            if (d < 0x4e00 || d >= 0xa000 || table[d - 0x4e00] !== 0) break
            c = d
            i++
          }
          break
        case K_DIGIT:
          cnDigits++
          digit = 2
          numeral = true
          break
        case K_TEN:
          numeral = true
          break
        case K_ANCHOR:
          if (prevNumeral) flags |= F_CN_ADDRESS
          // 号 after q: "q号" (QQ number).
          if ((prev | 32) === 113 && c === 0x53f7) flags |= F_QQ
          break
        case K_WECHAT:
          flags |= F_WECHAT
          break
        case K_XIN:
          if ((prev | 32) === 118) flags |= F_WECHAT
          break
        case K_NAME:
          flags |= F_NAME
          break
        case K_MAIL:
          flags |= F_MAIL_WORD
          break
        case K_PROVINCE:
          flags |= F_PROVINCE
          break
        case K_QQ:
          flags |= F_QQ
          break
        case K_PASSPORT:
          flags |= F_PASSPORT
          break
      }
    } else if (c === 0x3007) {
      // 〇
      cnDigits++
      digit = 2
      numeral = true
    } else if (c >= 0xd800 && c <= 0xdbff) {
      // Emoji are stable; the enclosed alphanumerics (U+1F100–1F2FF), mathematical digits (U+1D7CE…) and
      // keycap ten (U+1F51F) are not.
      const lo = text.charCodeAt(i + 1)
      const stableEmoji =
        c === 0xd83e || (c === 0xd83d && lo !== 0xdd1f) || (c === 0xd83c && lo >= 0xdf00 && lo <= 0xdfff)
      if (!stableEmoji) flags |= F_EXOTIC | F_UPPER | F_LATIN
      else i++
      c = 0
    } else if (c >= 0xc0 && c <= 0xff && c !== 0xd7 && c !== 0xf7)
      flags |= c <= 0xde ? F_UPPER | F_LATIN : F_LATIN
    else if (!(c >= 0x3400 && c <= 0x4dbf) && !stable(c)) flags |= F_EXOTIC | F_UPPER | F_LATIN
    // A run of letters ended: whole-word keywords ("at", spelled digits).
    if (letters > 0) {
      digitWords += wordEnd(h, letters, beforeLetters, c)
      if (letters === 2 && h === H_AT && !wordChar(beforeLetters) && !wordChar(c)) flags |= F_MAIL_WORD
      letters = 0
      h = 0
    }
    // Digit runs, joined by at most three separators as the digit-run stages join them.
    if (digit !== 0) {
      if (run > 0 && gap <= 3) {
        run++
        if (gap > 0) flags |= F_JOINED
      } else {
        run = 1
        runCn = 0
      }
      gap = 0
      if (digit === 2) runCn++
      if (run > longest) longest = run
      if (runCn > 0 && run >= 5) flags |= F_CN_DIGITS
    } else if (run > 0) {
      if (separator(c)) {
        if (++gap > 3) run = 0
      } else run = 0
    }
    if (digit === 1) {
      chain = chain > 0 && chainGap <= 9 ? chain + 1 : 1
      chainGap = 0
      if (chain >= 7) flags |= chain >= 11 ? F_PHONE7 | F_PHONE11 : F_PHONE7
      if (dot) groups++
      else if (prev < 48 || prev > 57) groups = 1
      dot = false
      if (groups >= 4) flags |= F_IP_SHAPE
    } else {
      if (chain > 0 && (!phoneGapChar(c) || ++chainGap > 9)) chain = 0
      dot = c === 46 && prev >= 48 && prev <= 57
    }
    prev = c
    prevNumeral = numeral
  }
  if (letters > 0) {
    digitWords += wordEnd(h, letters, beforeLetters, 0)
    if (letters === 2 && h === H_AT && !wordChar(beforeLetters)) flags |= F_MAIL_WORD
  }
  if (digits > 0) flags |= F_DIGIT
  if (digitWords >= 2 && digits + digitWords + cnDigits >= 5) flags |= F_DIGIT_WORDS
  if (colons >= 2) flags |= F_COLONS | F_IP_SHAPE
  // Spelled-out digits may join runs the scan did not count: every run length is possible.
  if ((flags & F_DIGIT_WORDS) !== 0) flags |= F_RUNS
  else if (longest >= 5) {
    flags |= F_RUN5
    if (longest >= 7) flags |= F_RUN7
    if (longest >= 9) flags |= F_RUN9
    if (longest >= 11) flags |= F_RUN11
    if (longest >= 12) flags |= F_RUN12
    if (longest >= 15) flags |= F_RUN15
  }
  return flags
}

/** A character other than x, e, t that may sit between the digits of a phone candidate: `[\s.()\-#]`. */
function phoneGapChar(c: number): boolean {
  return (
    c === 32 ||
    c === 46 ||
    c === 45 ||
    c === 40 ||
    c === 41 ||
    c === 35 ||
    (c >= 9 && c <= 13) ||
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  )
}

/** An ASCII letter, digit or `_`: a word character of `\b`. */
function wordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || c === 95 || ((c | 32) >= 97 && (c | 32) <= 122)
}

/**
 * The keyword flags of a letter run whose last letter is a keyword's last letter: `vx` `wx` `weixin`
 * `wechat` `+v` `加v` (WeChat), `qq` (QQ), `name` `called` (name), `passport`.
 */
function keywordAt(h: number, prev: number, text: string, i: number, letters: number): number {
  switch (h & 31) {
    case 24: // x
      return (h & 0x3ff) === H_VX || (h & 0x3ff) === H_WX ? F_WECHAT : 0
    case 17: // q
      return (h & 0x3ff) === H_QQ ? F_QQ : 0
    case 5: // e
      return (h & 0xfffff) === H_NAME ? F_NAME : 0
    case 4: // d
      return h === H_CALLED ? F_NAME : 0
    case 14: // n
      return h === H_WEIXIN ? F_WECHAT : 0
    case 20: // t
      if (h === H_WECHAT) return F_WECHAT
      // "passport": "ssport" in the hash, "pa" the two (width-folded) letters before it.
      return h === H_SSPORT &&
        letters >= 8 &&
        (asciiAt(text, i - 7) | 32) === 112 &&
        (asciiAt(text, i - 6) | 32) === 97
        ? F_PASSPORT
        : 0
    default: // v: "+v", "加v"
      return prev === 43 || prev === 0x52a0 ? F_WECHAT : 0
  }
}

/** The code unit at `i`, full-width forms folded to ASCII. */
function asciiAt(text: string, i: number): number {
  const c = text.charCodeAt(i)
  return c >= 0xff01 && c <= 0xff5e ? c - 0xfee0 : c
}

/**
 * 1 when a letter run is a spelled-out digit as the spelled-digits stage's words are counted: three to five
 * letters, no digit before it, no digit or `_` after it.
 */
function wordEnd(h: number, letters: number, before: number, after: number): number {
  if (letters < 3 || letters > 5 || DIGIT_WORD_SLOTS[((h >>> 8) ^ h) & 31] !== h) return 0
  if ((before >= 48 && before <= 57) || (after >= 48 && after <= 57) || after === 95) return 0
  return 1
}

/**
 * Folds full-width forms, special spaces and dashes to ASCII (what the folding stages would do to a text
 * whose flags have {@link F_WIDE} but not {@link F_EXOTIC}); same length, so the offset map is the identity.
 *
 * @internal
 */
export function foldWide(text: string): string {
  let out = ''
  let from = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 0x80) continue
    const w = wideFold(c)
    if (w < 0) continue
    out += text.slice(from, i) + String.fromCharCode(w)
    from = i + 1
  }
  return from === 0 ? text : out + text.slice(from)
}
