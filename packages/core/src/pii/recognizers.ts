/**
 * The rule-based recognisers, one small factory each. They read the text they are given (detectPii hands
 * them a normalised view, see {@link Recognizer.view}) and return half-open UTF-16 spans into it.
 *
 * Every pattern is linear-time: each quantifier is bounded, or runs over a class disjoint from what follows
 * it; longer structures (addresses, obfuscated mail) are anchored on a keyword and extended by hand-written
 * scans of bounded length. See docs/pii.md, "Bad input".
 *
 * @module
 */
import {
  before,
  cnIdCheckChar,
  digitsOf,
  eachMatch,
  finding,
  luhn,
  plausibleRegion,
  realDate,
} from './checks.ts'
import {
  gated,
  F_AT,
  F_CN_ADDRESS,
  F_COLONS,
  F_DIGIT,
  F_MAIL_WORD,
  F_NAME,
  F_NUMERIC,
  F_WECHAT,
} from './gate.ts'
import type { PiiFinding, Recognizer } from './types.ts'

// ---------------------------------------------------------------------------------------------------------
// E-mail
// ---------------------------------------------------------------------------------------------------------

const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}\b/g

/**
 * Finds e-mail addresses; with detectPii's folded view also obfuscated ones (`ann (at) example (dot) com`,
 * `ann艾特qq点com`).
 *
 * @returns a recogniser of type `email`
 * @example
 * ```ts
 * emailRecognizer().find('write to a@b.co') // [{ type: 'email', start: 9, end: 15, … }]
 * ```
 */
export function emailRecognizer(): Recognizer {
  return gated(F_AT | F_MAIL_WORD, {
    name: 'email',
    types: ['email'],
    view: 'folded',
    find(text) {
      if (!text.includes('@')) return []
      const out: PiiFinding[] = []
      eachMatch(EMAIL, text, (m) => {
        let start = m.index
        // A local part cannot start with a dot; trim leading punctuation the class allowed.
        while (start < m.index + m[0].length && '.%+-'.includes(text[start] ?? 'x')) start++
        out.push(finding('email', text, start, m.index + m[0].length, 0.95, 'format'))
      })
      return out
    },
  })
}

// ---------------------------------------------------------------------------------------------------------
// Chinese phones
// ---------------------------------------------------------------------------------------------------------

// 1[3-9]x xxxx xxxx, optionally after +86 / 0086, not inside a longer digit or letter run.
const CN_MOBILE = /(?<![0-9A-Za-z])(?:(?:\+|00)86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2}(?![0-9A-Za-z])/g
const PHONE_CONTEXT =
  /(?:电话|手机|手机号|号码|联系|致电|打给|call|phone|tel|mobile|cell|contact|text me|whatsapp)/i

/**
 * Finds Chinese mobile numbers (`1[3-9]x xxxx xxxx`, with or without `+86`); with detectPii's digits view
 * also `一三八 零零一三 八零零零`, `138-0013-8000` and `①③⑧…`.
 *
 * @returns a recogniser of type `phone`
 */
export function cnMobileRecognizer(): Recognizer {
  return gated(F_NUMERIC, {
    name: 'cn-mobile',
    types: ['phone'],
    view: 'digits',
    find(text) {
      const out: PiiFinding[] = []
      eachMatch(CN_MOBILE, text, (m) => {
        const end = m.index + m[0].length
        const ctx = before(text, m.index, PHONE_CONTEXT, 12)
        out.push(finding('phone', text, m.index, end, ctx ? 0.95 : 0.9, ctx ? 'context' : 'format'))
      })
      return out
    },
  })
}

// Area code (010, 02x: 8-digit locals; 0[3-9]xx: 7–8-digit locals), optional brackets and separator.
const CN_LANDLINE =
  /(?<![0-9A-Za-z])(?:\(0(?:10|2[0-9])\)|0(?:10|2[0-9]))([ -]?)[2-9][0-9]{7}(?![0-9A-Za-z])|(?<![0-9A-Za-z])(?:\(0[3-9][0-9]{2}\)|0[3-9][0-9]{2})([ -]?)[2-9][0-9]{6,7}(?![0-9A-Za-z])/g
const LANDLINE_CONTEXT = /(?:电话|座机|固话|号码|联系|致电|tel|phone|fax|传真|办公室)/i

/**
 * Finds Chinese landline numbers with an area code (`010-12345678`, `(0755) 8601 3388`). Without a
 * separator or brackets a context word (电话, 座机, tel …) is required, so bare digit runs that start with
 * 0 (order numbers) stay out.
 *
 * @returns a recogniser of type `phone`
 */
export function cnLandlineRecognizer(): Recognizer {
  return gated(F_DIGIT, {
    name: 'cn-landline',
    types: ['phone'],
    view: 'folded',
    find(text) {
      if (!text.includes('0')) return []
      const out: PiiFinding[] = []
      eachMatch(CN_LANDLINE, text, (m) => {
        const formatted = m[0].includes('(') || (m[1] ?? m[2] ?? '') !== ''
        const ctx = before(text, m.index, LANDLINE_CONTEXT, 12)
        if (!formatted && !ctx) return
        out.push(
          finding('phone', text, m.index, m.index + m[0].length, ctx ? 0.9 : 0.7, ctx ? 'context' : 'format'),
        )
      })
      return out
    },
  })
}

// ---------------------------------------------------------------------------------------------------------
// Chinese resident ID
// ---------------------------------------------------------------------------------------------------------

const CN_ID_18 =
  /(?<![0-9A-Za-z])[1-9][0-9]{5}(?:18|19|20)[0-9]{2}[01][0-9][0-3][0-9][0-9]{3}[0-9Xx](?![0-9A-Za-z])/g
const CN_ID_15 = /(?<![0-9A-Za-z])[1-9][0-9]{5}[0-9]{2}[01][0-9][0-3][0-9][0-9]{3}(?![0-9A-Za-z])/g
const ID_CONTEXT = /(?:身份证|身份證|证件|ID|id card|identity)/i

/**
 * Finds Chinese resident ID numbers: 18 digits with a GB 11643 check character, a plausible province
 * prefix and a real birth date (a wrong check digit rules the number out), and the 15-digit legacy form
 * (region + YYMMDD + sequence; format evidence only).
 *
 * @returns a recogniser of type `cn_id`
 * @example
 * ```ts
 * cnIdRecognizer().find('身份证 11010519491231002X')[0]?.evidence // 'checksum'
 * ```
 */
export function cnIdRecognizer(): Recognizer {
  return gated(F_NUMERIC, {
    name: 'cn-id',
    types: ['cn_id'],
    view: 'digits',
    find(text) {
      const out: PiiFinding[] = []
      eachMatch(CN_ID_18, text, (m) => {
        const id = m[0].toUpperCase()
        if (!plausibleRegion(id.slice(0, 6))) return
        if (!realDate(Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14)))) return
        if (cnIdCheckChar(id) !== id[17]) return
        out.push(finding('cn_id', text, m.index, m.index + 18, 0.99, 'checksum'))
      })
      eachMatch(CN_ID_15, text, (m) => {
        const id = m[0]
        if (!plausibleRegion(id.slice(0, 6))) return
        if (!realDate(1900 + Number(id.slice(6, 8)), Number(id.slice(8, 10)), Number(id.slice(10, 12))))
          return
        const ctx = before(text, m.index, ID_CONTEXT, 12)
        out.push(finding('cn_id', text, m.index, m.index + 15, ctx ? 0.85 : 0.6, ctx ? 'context' : 'format'))
      })
      return out
    },
  })
}

/**
 * Whether 18 digits look like a resident ID (region, birth date) regardless of the check digit; such a
 * number with a wrong check digit is a mistyped or invented ID, not a bank card.
 */
function idShaped(digits: string): boolean {
  return (
    digits.length === 18 &&
    plausibleRegion(digits.slice(0, 6)) &&
    /^(?:18|19|20)/.test(digits.slice(6, 10)) &&
    realDate(Number(digits.slice(6, 10)), Number(digits.slice(10, 12)), Number(digits.slice(12, 14)))
  )
}

// ---------------------------------------------------------------------------------------------------------
// Cards
// ---------------------------------------------------------------------------------------------------------

// 12–19 digits, each optionally followed by one space or dash: linear (digit and separator disjoint).
const CARD = /(?<![0-9A-Za-z])[0-9](?:[ -]?[0-9]){11,18}(?![0-9A-Za-z])/g
const CARD_CONTEXT =
  /(?:卡号|银行卡|信用卡|储蓄卡|借记卡|card|visa|mastercard|maestro|amex|debit|\bcc\b|账号|帐号)/i

/** Issuer of a card number by IIN prefix and length, or undefined. */
function cardIssuer(d: string): 'unionpay' | 'other' | 'maestro' | undefined {
  const n = d.length
  // No issuer starts with 0, 7, 8 or 9; only 15-digit JCB with 1 (quick exit for long runs of digits).
  const first = d.charCodeAt(0)
  if (first === 48 || first >= 55 || (first === 49 && n !== 15)) return undefined
  const p2 = Number(d.slice(0, 2))
  const p4 = Number(d.slice(0, 4))
  if (p2 === 62 && n >= 16 && n <= 19) return 'unionpay'
  if (d[0] === '4' && (n === 13 || n === 16 || n === 19)) return 'other' // Visa
  if (((p2 >= 51 && p2 <= 55) || (p4 >= 2221 && p4 <= 2720)) && n === 16) return 'other' // Mastercard
  if ((p2 === 34 || p2 === 37) && n === 15) return 'other' // Amex
  if ((d.startsWith('6011') || p2 === 65 || (p4 >= 6440 && p4 <= 6499)) && n >= 16 && n <= 19) return 'other'
  if (p2 === 35 && n >= 16 && n <= 19) return 'other' // JCB
  if ((p4 === 2131 || p4 === 1800) && n === 15) return 'other' // JCB (old 15-digit)
  if ((p2 === 36 || p2 === 38 || p2 === 30) && n >= 14 && n <= 19) return 'other' // Diners
  // Maestro (50, 56–58, 6x; 12–19 digits): short, so only next to a card word (see cardRecognizer).
  if ((p2 === 50 || (p2 >= 56 && p2 <= 58) || d[0] === '6') && n >= 12 && n <= 19) return 'maestro'
  return undefined
}

/**
 * Finds payment cards: 12–19 digits (spaces or dashes between digits allowed) passing the Luhn check and
 * matching an issuer prefix and length. UnionPay (62…, 16–19 digits) is reported as `bank_card`, the
 * others (Visa, Mastercard, Amex, Discover, JCB, Diners) as `credit_card`.
 *
 * @returns a recogniser of types `bank_card` and `credit_card`
 */
export function cardRecognizer(): Recognizer {
  return gated(F_NUMERIC, {
    name: 'card',
    types: ['bank_card', 'credit_card'],
    view: 'digits',
    find(text) {
      const out: PiiFinding[] = []
      eachMatch(CARD, text, (m) => {
        // Quick exit before building the digit string: no issuer prefix starts with 0, 7, 8 or 9.
        const first = m[0].charCodeAt(0)
        if (first === 48 || first >= 55) return
        const d = digitsOf(m[0])
        const issuer = cardIssuer(d)
        if (!issuer || !luhn(d) || idShaped(d)) return
        const ctx = before(text, m.index, CARD_CONTEXT, 24)
        if (issuer === 'maestro' && !ctx) return
        const type = issuer === 'unionpay' ? 'bank_card' : 'credit_card'
        out.push(finding(type, text, m.index, m.index + m[0].length, ctx ? 0.97 : 0.9, 'checksum'))
      })
      return out
    },
  })
}

// ---------------------------------------------------------------------------------------------------------
// US SSN
// ---------------------------------------------------------------------------------------------------------

const SSN = /(?<![0-9A-Za-z-])([0-9]{3})([- ])([0-9]{2})\2([0-9]{4})(?![0-9A-Za-z-])/g
const SSN_BARE = /(?<![0-9A-Za-z])[0-9]{9}(?![0-9A-Za-z])/g
const SSN_CONTEXT = /(?:ssn|social security|社保号|社会安全号)/i
// Numbers the SSA never issues or that were published (Woolworth's wallet card, the 1962 ad).
const SSN_BLOCKLIST = new Set(['078051120', '219099999', '123456789', '111111111', '000000000'])

function validSsn(area: string, group: string, serial: string): boolean {
  if (area === '000' || area === '666' || area[0] === '9') return false
  if (group === '00' || serial === '0000') return false
  return !SSN_BLOCKLIST.has(area + group + serial)
}

/**
 * Finds US Social Security numbers: `AAA-GG-SSSS` (or with spaces) outside the never-issued ranges (area
 * 000, 666, 900–999; group 00; serial 0000); nine bare digits only next to a context word (SSN …).
 *
 * @returns a recogniser of type `us_ssn`
 */
export function usSsnRecognizer(): Recognizer {
  return gated(F_DIGIT, {
    name: 'us-ssn',
    types: ['us_ssn'],
    view: 'folded',
    find(text) {
      const out: PiiFinding[] = []
      eachMatch(SSN, text, (m) => {
        if (!validSsn(m[1] ?? '', m[3] ?? '', m[4] ?? '')) return
        const ctx = before(text, m.index, SSN_CONTEXT, 24)
        const conf = m[2] === '-' ? (ctx ? 0.95 : 0.85) : ctx ? 0.85 : 0.5
        if (conf < 0.6) return
        out.push(finding('us_ssn', text, m.index, m.index + m[0].length, conf, ctx ? 'context' : 'format'))
      })
      if (SSN_CONTEXT.test(text)) {
        eachMatch(SSN_BARE, text, (m) => {
          const d = m[0]
          if (!before(text, m.index, SSN_CONTEXT, 24)) return
          if (!validSsn(d.slice(0, 3), d.slice(3, 5), d.slice(5))) return
          out.push(finding('us_ssn', text, m.index, m.index + 9, 0.8, 'context'))
        })
      }
      return out
    },
  })
}

// ---------------------------------------------------------------------------------------------------------
// IP addresses
// ---------------------------------------------------------------------------------------------------------

const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])'
const IPV4 = new RegExp(`(?<![0-9A-Za-z.])${OCTET}(?:\\.${OCTET}){3}(?![0-9A-Za-z]|\\.[0-9])`, 'g')
const IPV6_CANDIDATE = /(?<![0-9A-Za-z:.])[0-9A-Fa-f:]{2,39}(?:\.[0-9]{1,3}){0,3}(?![0-9A-Za-z:])/g
const VERSION_CONTEXT = /(?:\b(?:v|version|ver\.?|release|build)|版本|固件)\s*[:：]?\s*$/i

/** Validates an IPv6 address (RFC 4291 text forms, with an optional embedded IPv4 tail). */
function validIpv6(s: string): boolean {
  if (!s.includes(':') || s.split('::').length > 2) return false
  let tail = 0
  let body = s
  const lastColon = s.lastIndexOf(':')
  if (s.slice(lastColon + 1).includes('.')) {
    if (!new RegExp(`^${OCTET}(?:\\.${OCTET}){3}$`).test(s.slice(lastColon + 1))) return false
    tail = 2
    body = s.slice(0, lastColon + 1) + '0'
  }
  const halves = body.split('::')
  const groups = halves.flatMap((h) => (h === '' ? [] : h.split(':')))
  if (!groups.every((g) => /^[0-9A-Fa-f]{1,4}$/.test(g))) return false
  const count = groups.length + tail - (tail ? 1 : 0)
  return halves.length === 2 ? count < 8 : count === 8
}

/**
 * Finds IPv4 (dotted quad, each octet 0–255) and IPv6 addresses. A dotted quad right after "v",
 * "version" or "版本" is a version string and is skipped.
 *
 * @returns a recogniser of type `ip_address`
 */
export function ipRecognizer(): Recognizer {
  return gated(F_DIGIT | F_COLONS, {
    name: 'ip',
    types: ['ip_address'],
    view: 'folded',
    find(text) {
      const out: PiiFinding[] = []
      if (text.includes('.')) {
        eachMatch(IPV4, text, (m) => {
          if (before(text, m.index, VERSION_CONTEXT, 12)) return
          // 0.92: a dotted quad is an address before it is a phone number read from the digits view.
          out.push(finding('ip_address', text, m.index, m.index + m[0].length, 0.92, 'format'))
        })
      }
      if (text.includes(':')) {
        eachMatch(IPV6_CANDIDATE, text, (m) => {
          const colons = m[0].split(':').length - 1
          if (colons < 2 || !validIpv6(m[0])) return
          out.push(finding('ip_address', text, m.index, m.index + m[0].length, 0.9, 'format'))
        })
      }
      return out
    },
  })
}

// ---------------------------------------------------------------------------------------------------------
// WeChat and QQ (context required)
// ---------------------------------------------------------------------------------------------------------

// Context word, then at most 6 filler characters (号, 是, colon, spaces, +), then the ID.
const WECHAT =
  /(?:微信|微信号|v信|V信|vx|VX|Vx|vX|wx|WX|威信|薇信|薇|weixin|wechat|WeChat|加v|加V|\+v|\+V)(?:号|号码|id|ID)?[\s:：是为+]{0,6}([A-Za-z][-_A-Za-z0-9]{5,19}|1[3-9][0-9]{9}|[1-9][0-9]{4,11})(?![-_A-Za-z0-9])/g
const QQ =
  /(?:QQ|qq|Qq|扣扣|企鹅号|企鹅|Q号|q号)(?:号|号码|群)?[\s:：是为+]{0,6}([1-9][0-9]{4,11})(?![0-9A-Za-z])/g

/**
 * Finds WeChat IDs next to a context word (微信, V信, vx, wx, 威信, 薇, wechat …): a WeChat ID (letter + 5–19
 * letters/digits/_/-), or a phone or QQ number used as one.
 *
 * @returns a recogniser of type `wechat`
 */
export function wechatRecognizer(): Recognizer {
  return gated(F_WECHAT, {
    name: 'wechat',
    types: ['wechat'],
    view: 'digits',
    find(text) {
      const out: PiiFinding[] = []
      eachMatch(WECHAT, text, (m) => {
        const id = m[1] ?? ''
        const start = m.index + m[0].length - id.length
        out.push(finding('wechat', text, start, start + id.length, 0.93, 'context'))
      })
      return out
    },
  })
}

/**
 * Finds QQ numbers (5–12 digits, no leading 0) next to a context word (QQ, 扣扣, 企鹅号 …).
 *
 * @returns a recogniser of type `qq`
 */
export function qqRecognizer(): Recognizer {
  return gated(F_NUMERIC, {
    name: 'qq',
    types: ['qq'],
    view: 'digits',
    find(text) {
      const out: PiiFinding[] = []
      eachMatch(QQ, text, (m) => {
        const id = m[1] ?? ''
        const start = m.index + m[0].length - id.length
        out.push(finding('qq', text, start, start + id.length, 0.93, 'context'))
      })
      return out
    },
  })
}

// ---------------------------------------------------------------------------------------------------------
// Passport, licence plate
// ---------------------------------------------------------------------------------------------------------

const PASSPORT = /(?<![0-9A-Za-z])(?:[EeGgDdSsPp][0-9]{8}|[Ee][A-HJ-NP-Za-hj-np-z][0-9]{7})(?![0-9A-Za-z])/g
const PASSPORT_CONTEXT = /(?:护照|護照|passport)/i

/**
 * Finds Chinese passport numbers (`E12345678`, `EA1234567`, `G…`, `D…`, `S…`, `P…`) next to a context word
 * (护照, passport).
 *
 * @returns a recogniser of type `passport`
 */
export function cnPassportRecognizer(): Recognizer {
  return gated(F_NUMERIC, {
    name: 'cn-passport',
    types: ['passport'],
    view: 'digits',
    find(text) {
      if (!PASSPORT_CONTEXT.test(text)) return []
      const out: PiiFinding[] = []
      eachMatch(PASSPORT, text, (m) => {
        if (!before(text, m.index, PASSPORT_CONTEXT, 16)) return
        out.push(finding('passport', text, m.index, m.index + m[0].length, 0.85, 'context'))
      })
      return out
    },
  })
}

const PLATE =
  /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼][A-HJ-NP-Z][·•.\s-]?(?:[DF][A-HJ-NP-Z0-9][0-9]{4}|[0-9]{5}[DF]|[A-HJ-NP-Z0-9]{4}[A-HJ-NP-Z0-9挂学警港澳])(?![A-Za-z0-9])/g

/**
 * Finds Chinese licence plates (`京A·12345`, `粤B D12345` new-energy, `沪A1234学`); at least one digit.
 *
 * @returns a recogniser of type `license_plate`
 */
export function cnLicensePlateRecognizer(): Recognizer {
  return gated(F_DIGIT, {
    name: 'cn-license-plate',
    types: ['license_plate'],
    view: 'folded',
    find(text) {
      const out: PiiFinding[] = []
      eachMatch(PLATE, text, (m) => {
        if (!/[0-9]/.test(m[0])) return
        const ctx = before(text, m.index, /(?:车牌|车牌号|车号|plate)/i, 10)
        out.push(
          finding(
            'license_plate',
            text,
            m.index,
            m.index + m[0].length,
            ctx ? 0.9 : 0.75,
            ctx ? 'context' : 'format',
          ),
        )
      })
      return out
    },
  })
}

// ---------------------------------------------------------------------------------------------------------
// Person names (context required)
// ---------------------------------------------------------------------------------------------------------

/*
 * The single-character surnames, stored compactly: as UTF-8 they take 3 bytes a character and do not compress,
 * and this form keeps about 0.37 kB (gzip) out of the widget bundle. Sorted by code point, each is written as its
 * distance from the previous one (the first from U+4E00) in two base-36 digits. `recognizers.test.ts` keeps
 * the readable list (by frequency), checks that it is the same set, and has the encoder to regenerate this.
 */
const SINGLE_SURNAMES =
  '01060k0a1b1m1l0h0q090i20030106281b248g0e08030m0j0j080l1h0n6l210502070204093d0e04020h08040v1g103o1i39no5n020g0o9c0506040u08020c0k0s2b0a0l0f210y2p5u03020t110b240g0a0p0v22250zhs0a0q0blz1d1e041l0o051o0w3n07051f0t0e0c1b1k0m0a040122040f1c04at7x1r27020u063o0104060u0h6h4n0f4d3ncu2s5t048cah0k0o03962m6c1g9a0s3t111n2o1m051t2i0x5ufr3k192y0u2o032c237a17301415020608102o204w08140e0p171w3e5ff737122x2o468v2y0b0a7601041j3eaf1h0u1101500a050a0504040l030c0g6cjy0i8q0a1l050j021a0l300m2u370340050u626u0q2a3b8i0cex0l090a3m2101'

function decodeSurnames(encoded: string): string[] {
  let code = 0x4e00
  return (encoded.match(/../g) ?? []).map((step) => String.fromCharCode((code += parseInt(step, 36))))
}

/**
 * Common Chinese surnames, enough to anchor "叫/姓名 …" contexts: the single-character ones in code-point order,
 * then the compound ones.
 */
export const CHINESE_SURNAMES: readonly string[] = [
  ...decodeSurnames(SINGLE_SURNAMES),
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '宇文',
  '司徒',
  '夏侯',
  '轩辕',
  '令狐',
  '端木',
]
const SURNAME_ALT = [...CHINESE_SURNAMES].sort((a, b) => b.length - a.length).join('|')
const CN_NAME = new RegExp(
  `(姓名|真名|真实姓名|本名|原名|名字|名叫|叫做|叫)(?:是|为|叫)?[\\s:：]{0,3}((?:${SURNAME_ALT})[\\u4e00-\\u9fa5]{1,2})(?=$|[\\s,，。.!！?？;；、:：)）的在住家他她是今年]|[0-9])`,
  'g',
)
const EN_NAME =
  /\b(?:(?:his|her|their|my|the|whose)\s+(?:real\s+|full\s+|legal\s+)?name\s+is|real\s+name(?:\s+is)?[:\s]|name\s*:|named|called)\s+([A-Z][a-z'’-]{1,20}(?:\s+[A-Z][a-z'’-]{1,20}){0,2})/g

/**
 * Finds person names when context says so: `姓名：王小明`, `真名叫李华`, `他叫张伟` (surname list),
 * "her name is Jane Doe", "real name: John Smith". Names without such context are not reported.
 *
 * @returns a recogniser of type `person_name`
 */
export function personNameRecognizer(): Recognizer {
  return gated(F_NAME, {
    name: 'person-name',
    types: ['person_name'],
    view: 'folded',
    find(text) {
      const out: PiiFinding[] = []
      eachMatch(CN_NAME, text, (m) => {
        const name = m[2] ?? ''
        const start = m.index + m[0].length - name.length
        const strong = m[1] !== '叫' && m[1] !== '名叫' && m[1] !== '叫做'
        out.push(finding('person_name', text, start, start + name.length, strong ? 0.85 : 0.6, 'context'))
      })
      eachMatch(EN_NAME, text, (m) => {
        const name = m[1] ?? ''
        const start = m.index + m[0].length - name.length
        out.push(finding('person_name', text, start, start + name.length, 0.7, 'context'))
      })
      return out
    },
  })
}

// ---------------------------------------------------------------------------------------------------------
// Chinese street addresses
// ---------------------------------------------------------------------------------------------------------

const CN_NUM = '[0-9零〇一二三四五六七八九十百]'
// Anchors: a road suffix followed by a house number, or a compound name followed by a building number.
// No `u` flag on the Chinese patterns: all BMP, and V8 runs them faster without Unicode mode.
const CN_ROAD = new RegExp(`(?:大道|大街|路|街|巷|弄|胡同|道)${CN_NUM}{1,6}[号號](?:院)?`, 'g')
const CN_ESTATE = new RegExp(
  `(?:小区|小區|花园|花園|公寓|大厦|大廈|家园|新村|社区|苑|园|府|庭|城|广场|村)${CN_NUM}{1,4}(?:号楼|號樓|栋|棟|幢|座|期|区)`,
  'g',
)
// After the anchor: buildings, units, floors, rooms; bounded repetitions of disjoint pieces.
const CN_TAIL = new RegExp(
  `(?:[\\s,，-]{0,2}(?:${CN_NUM}{1,5}|[A-Za-z])(?:号楼|號樓|栋|棟|幢|座|单元|單元|楼|樓|层|層|室|号|號|户|房)|[\\s,，-]{0,2}[0-9]{3,5}(?![0-9.:])){0,6}`,
  'y',
)
// Characters a place name may contain when walking back from the anchor, and where the walk stops.
const STOP_CHARS = '在住是于到去的址为有和与跟从就都也还说叫把被给让我你他她它们这那'
const ADMIN = /(?:省|市|区|區|县|縣|镇|鎮|乡|鄉|街道|自治州|自治区)/
const ADDRESS_CONTEXT = /(?:住在|住址|地址|家在|家住|住|位于|位於|搬到|门牌)/

/**
 * Finds Chinese street addresses at least to road-and-number level (`中关村大街27号`, with any
 * province/city/district in front and building/unit/room after), and residential-compound addresses
 * (`阳光小区3号楼2单元501`). A room number alone (`501室`) is not an address.
 *
 * @returns a recogniser of type `address`
 */
export function cnAddressRecognizer(): Recognizer {
  return gated(F_CN_ADDRESS, {
    name: 'cn-address',
    types: ['address'],
    view: 'folded',
    find(text) {
      const out: PiiFinding[] = []
      // A span that overlaps the previous one (the walk back crossed into it: "路1号路1号…") extends it:
      // one address, one finding, and no quadratic pile of overlapping findings on long inputs.
      let ps = -1
      let pe = -1
      let pConf = 0
      let pCtx = false
      const flush = (): void => {
        if (ps >= 0) out.push(finding('address', text, ps, pe, pConf, pCtx ? 'context' : 'format'))
        ps = -1
      }
      const visit = (m: RegExpExecArray, minName: number): void => {
        // Walk back over at most 24 CJK characters of road/compound/admin names (hand-written: a bounded
        // lookbehind would be re-scanned at every position).
        let s = m.index
        while (s > 0 && m.index - s < 24) {
          const c = text.charCodeAt(s - 1)
          if (c < 0x4e00 || c > 0x9fa5 || STOP_CHARS.includes(text[s - 1] ?? '')) break
          s--
        }
        if (m.index - s < minName) return
        CN_TAIL.lastIndex = m.index + m[0].length
        const tail = CN_TAIL.exec(text)
        const end = m.index + m[0].length + (tail ? tail[0].length : 0)
        const ctx = before(text, s, ADDRESS_CONTEXT, 6)
        const rich = (tail !== null && tail[0].length > 0) || ADMIN.test(text.slice(s, end))
        const conf = ctx ? 0.9 : rich ? 0.85 : 0.75
        if (ps >= 0 && s < pe) {
          pe = Math.max(pe, end)
          pConf = Math.max(pConf, conf)
          return
        }
        flush()
        ps = s
        pe = end
        pConf = conf
        pCtx = ctx
      }
      eachMatch(CN_ROAD, text, (m) => visit(m, 1))
      flush()
      eachMatch(CN_ESTATE, text, (m) => visit(m, 1))
      flush()
      return out
    },
  })
}
