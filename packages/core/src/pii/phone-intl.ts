/**
 * International phone numbers through `libphonenumber-js` (the JavaScript port of Google's libphonenumber).
 * Only this module imports it, and only {@link defaultRecognizers} reaches this module: the light
 * `browserRecognizers` preset stays free of its metadata.
 *
 * @module
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js'
import type { CountryCode } from 'libphonenumber-js'
import { before, finding } from './checks.ts'
import { gated, F_DIGIT } from './gate.ts'
import type { PiiFinding, Recognizer } from './types.ts'

// The gate: a phone-shaped run (optional +/00 country prefix, digit groups, optionally bracketed, joined by
// one or two separators, optional extension). Every group starts after at least one delimiter character
// and holds at most 6 digits, so a digit run splits into groups one way and the pattern stays linear; the
// lookahead (at least 7 digits within reach, bounded) skips the short numbers of long texts ("路1号" × 100k)
// before any group is tried. libphonenumber only sees what passes it.
const CANDIDATE =
  /(?<![0-9A-Za-z+.\-/])(?=[+(0-9](?:[\s.()\-xet#]{0,9}[0-9]){6})(?:\+|00)?\(?[0-9]{1,15}(?:(?:[ .-]{1,2}\(?|\(|\)[ .-]{0,2}\(?)[0-9]{1,6}){0,7}\)?(?:\s{0,2}(?:x|ext\.?|#)\s{0,2}[0-9]{1,5})?(?![0-9A-Za-z]|[.-][0-9])/g
// Words before a number that make it a phone number (English, Chinese), and labels after it ("… office",
// "…-Fax"), as business cards and signatures write them.
const CONTEXT =
  /(?:phone|tel|call|mobile|cell|fax|contact|reach|text|whatsapp|desk|office|landline|\bph|\bmob|dial|sms|电话|手机|号码|联系|致电|座机)/i
const CONTEXT_AFTER = /^[\s,;:()-]{0,3}(?:phone|tel|mobile|cell|fax|office|home|work|desk|direct)\b/i
const SSN_LIKE = /^[0-9]{3}-[0-9]{2}-[0-9]{4}$/
const DATE_HEAD = /^([0-9]{1,4})[ .-]([0-9]{1,2})[ .-]([0-9]{2,4})(?![0-9])/
const DATE_REST = /^(?:[ T-][0-9]{1,2})?$/
const DOTTED_QUAD = /^[0-9]{1,3}(?:\.[0-9]{1,3}){3}$/
// Numbers after these words are not phones (ISBNs, orders, versions, prices, other identifiers, postal
// codes, address parts); checked before the costly validation. detectPii applies a similar rule to every
// number afterwards.
const NOT_PHONE_BEFORE =
  /(?:\b(?:isbn|issn|order|tracking|invoice|ref|sku|version|ver\.?|v|no\.?|licen[cs]e|card|account|acct|passport|id|ssn|zip|postal|post\s?code|postcode|suite|ste\.?|apt\.?|unit|box|room|flat|floor)|订单|单号|编号|版本|[¥$￥€£#])\s*(?:code|number|num|no\.?|#)?\s*(?:is)?\s*[:：#]?\s*$/i
// A number followed by a street name and a street word is a house number ("94941 2505 Heatherleigh
// Suite 620", "48334 36 rue de pologne").
const STREET_AFTER =
  /^\s{1,3}(?:[\p{L}'’.-]{1,24}\s{1,3}){0,3}?(?:street|st|str|avenue|ave|road|rd|rue|lane|ln|drive|dr|way|place|boulevard|blvd|suite|apt|gate|vej|vegen|veien|utca|u|út|tér|straße|strasse|weg|via|calle)\b/iu

/**
 * Whether a candidate is a date: `2024-03-05`, `05.03.2024`, `3 5 24` (day/month in range), with at most a
 * time's hour after it. "0490 75 40 81" and "03.93.92.16.85" are not dates.
 */
function dateLike(raw: string): boolean {
  const m = DATE_HEAD.exec(raw)
  if (!m || !DATE_REST.test(raw.slice(m[0].length))) return false
  const [a, b, c] = [m[1] ?? '', m[2] ?? '', m[3] ?? '']
  const [x, y, z] = [Number(a), Number(b), Number(c)]
  if (a.length === 4) return x >= 1900 && x <= 2099 && y >= 1 && y <= 12 && z >= 1 && z <= 31 && c.length <= 2
  if (a.length === 3) return false
  const year = c.length === 2 || (c.length === 4 && z >= 1900 && z <= 2099)
  return year && x >= 1 && y >= 1 && x <= 31 && y <= 31 && (x <= 12 || y <= 12)
}
const CACHE_LIMIT = 1024

/** Options of {@link intlPhoneRecognizer}. */
export interface IntlPhoneRecognizerOptions {
  /**
   * Regions for numbers written without a country prefix. Default: a list of about 40 countries (US, GB,
   * DE, FR, … CN). A number must be valid in one of them (the region that last matched is tried first).
   */
  regions?: readonly CountryCode[]
  /**
   * Most candidates validated per text (default 64). Validation is the expensive step; a text with more
   * phone-shaped runs than this (1 MB of "1 1 1 …") is not a comment, and the rest is skipped.
   */
  maxCandidates?: number
}

const DEFAULT_REGIONS: readonly CountryCode[] = [
  'US',
  'GB',
  'CA',
  'AU',
  'DE',
  'FR',
  'IT',
  'ES',
  'NL',
  'BE',
  'CH',
  'AT',
  'SE',
  'FI',
  'DK',
  'NO',
  'IS',
  'IE',
  'PT',
  'PL',
  'CZ',
  'SK',
  'HU',
  'SI',
  'HR',
  'GR',
  'RU',
  'UA',
  'TR',
  'IL',
  'IN',
  'JP',
  'KR',
  'SG',
  'HK',
  'TW',
  'CN',
  'NZ',
  'BR',
  'MX',
  'AR',
  'ZA',
  'GL',
]

/**
 * Finds international phone numbers: phone-shaped candidates (the gate) that `libphonenumber-js` validates
 * — with a `+`/`00` prefix by their country code, otherwise in one of `regions`. Numbers without a prefix
 * must be written in groups (`030 1234 5678`, `(415) 555-0123`) or follow a context word, so bare digit
 * runs (order numbers) are not phone numbers.
 *
 * @param options - regions for national numbers
 * @returns a recogniser of type `phone`
 * @example
 * ```ts
 * intlPhoneRecognizer().find('call +44 20 7946 0958')[0]?.type // 'phone'
 * ```
 */
export function intlPhoneRecognizer(options: IntlPhoneRecognizerOptions = {}): Recognizer {
  // A copy: valid() reorders it (most recently matched region first).
  const regions = [...(options.regions ?? DEFAULT_REGIONS)]
  const maxCandidates = options.maxCandidates ?? 64
  // Bounded memo of validation results (libphonenumber parsing dominates the cost); cleared when full.
  const cache = new Map<string, boolean>()
  return gated(F_DIGIT, {
    name: 'intl-phone',
    types: ['phone'],
    view: 'folded',
    find(text) {
      const out: PiiFinding[] = []
      let budget = maxCandidates
      // Phone-shaped runs examined (with 7+ digits), validated or not: past this many the text is not a
      // comment (1 MB of "1 1 1 …"), and the rest is skipped, so the cost stays small and linear.
      let examined = maxCandidates * 16
      CANDIDATE.lastIndex = 0
      let m: RegExpExecArray | null
      while (budget > 0 && examined > 0 && (m = CANDIDATE.exec(text)) !== null) {
        const run = m[0]
        if (run.length === 0) {
          CANDIDATE.lastIndex++
          continue
        }
        // Count digits before allocating anything: most runs (prices, years) are too short.
        let digits = 0
        for (let i = 0; i < run.length; i++) {
          const c = run.charCodeAt(i)
          if (c >= 48 && c <= 57) digits++
        }
        if (digits < 7 || digits > 17) continue
        examined--
        const raw = run.trimEnd()
        const end = m.index + raw.length
        const ctx = before(text, m.index, CONTEXT, 16) || CONTEXT_AFTER.test(text.slice(end, end + 12))
        const prefixed = raw.startsWith('+') || raw.startsWith('00')
        const grouped = /[0-9][ .()-]{1,2}[0-9(]/.test(raw)
        if (!prefixed && !grouped && !ctx) continue
        if (dateLike(raw) || SSN_LIKE.test(raw) || DOTTED_QUAD.test(raw)) continue
        if (before(text, m.index, NOT_PHONE_BEFORE, 28)) continue
        if (!ctx && !prefixed && STREET_AFTER.test(text.slice(end, end + 48))) continue
        const key = `${ctx ? 1 : 0}${raw}`
        let ok = cache.get(key)
        if (ok === undefined) {
          budget--
          ok = valid(raw, prefixed, ctx, regions)
          if (cache.size >= CACHE_LIMIT) cache.clear()
          cache.set(key, ok)
        }
        if (!ok) continue
        const conf = ctx ? 0.9 : prefixed ? 0.85 : 0.7
        out.push(finding('phone', text, m.index, m.index + raw.length, conf, ctx ? 'context' : 'format'))
      }
      return out
    },
  })
}

/**
 * Whether `raw` is a valid number: by its country code when prefixed, else in one of `regions`. The answer
 * is the same in any order of `regions`; the region a number last validated in moves to the front (the
 * numbers of one site mostly come from one country, and each region tried costs a parse).
 */
function valid(raw: string, prefixed: boolean, ctx: boolean, regions: CountryCode[]): boolean {
  if (prefixed) {
    try {
      const international = raw.startsWith('00') ? `+${raw.slice(2)}` : raw
      const phone = parsePhoneNumberFromString(international)
      // With a country code and a context word ("Desk: +1-903-140-4508x769"), a number of a possible
      // length for that country counts: numbering plans change faster than libphonenumber's metadata.
      return phone?.isValid() === true || (ctx && phone?.isPossible() === true)
    } catch {
      // libphonenumber-js throws on some malformed input; content is never an error.
      return false
    }
  }
  for (let k = 0; k < regions.length; k++) {
    const region = regions[k]!
    if (!validIn(raw, region, ctx)) continue
    if (k > 0) {
      regions.splice(k, 1)
      regions.unshift(region)
    }
    return true
  }
  return false
}

function validIn(raw: string, region: CountryCode, ctx: boolean): boolean {
  try {
    const phone = parsePhoneNumberFromString(raw, region)
    if (phone?.isValid() !== true) return false
    // Without a prefix or a context word, the writer's grouping must agree with how that country writes
    // its numbers: "110 120 911 12345" is valid somewhere, but nobody groups a phone number that way.
    return ctx || sameGrouping(raw, phone.formatNational()) || sameGrouping(raw, phone.formatInternational())
  } catch {
    // libphonenumber-js throws on some malformed input; content is never an error.
    return false
  }
}

/** Whether every place `raw` breaks its digits also breaks them in `formatted` (trunk prefix aligned). */
function sameGrouping(raw: string, formatted: string): boolean {
  const breaks = (s: string): { digits: string; at: Set<number> } => {
    const at = new Set<number>()
    let digits = ''
    let pending = false
    for (const c of s) {
      if (c >= '0' && c <= '9') {
        if (pending && digits.length > 0) at.add(digits.length)
        pending = false
        digits += c
      } else pending = true
    }
    return { digits, at }
  }
  const a = breaks(raw)
  const b = breaks(formatted)
  // formatInternational starts with the country code; align on the common digit suffix.
  const shift = b.digits.length - a.digits.length
  if (shift < 0 || !b.digits.endsWith(a.digits)) return false
  for (const i of a.at) if (!b.at.has(i + shift)) return false
  return true
}
