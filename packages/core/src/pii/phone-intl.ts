/**
 * International phone numbers through `libphonenumber-js` (the JavaScript port of Google's libphonenumber).
 * Only this module imports it, and only {@link defaultRecognizers} reaches this module: the light
 * `browserRecognizers` preset stays free of its metadata.
 *
 * @module
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js'
import type { CountryCode } from 'libphonenumber-js'
import { before, eachMatch, finding } from './checks.ts'
import { gated, F_DIGIT } from './gate.ts'
import type { PiiFinding, Recognizer } from './types.ts'

// The gate: a phone-shaped run (optional +/00 country prefix, digit groups, optionally bracketed, joined by
// one or two separators, optional extension). Each group is a maximal digit run (a separator must follow
// before the next group), so there is one way to split a run into groups and the pattern stays linear;
// libphonenumber only sees what passes it.
const CANDIDATE =
  /(?<![0-9A-Za-z+.\-/])(?:\+|00)?\(?[0-9]{1,15}\)?(?:[ .-]{1,2}\(?[0-9]{1,6}\)?){0,6}(?:\s{0,2}(?:x|ext\.?|#)\s{0,2}[0-9]{1,5})?(?![0-9A-Za-z]|[.-][0-9])/g
const CONTEXT =
  /(?:phone|tel|call|mobile|cell|fax|contact|reach|text|whatsapp|number|电话|手机|号码|联系|致电)/i
const DATE_LIKE =
  /^(?:[0-9]{4}[ ./-][0-9]{1,2}[ ./-][0-9]{1,2}|[0-9]{1,2}[ ./-][0-9]{1,2}[ ./-][0-9]{2,4})(?![0-9])/
const SSN_LIKE = /^[0-9]{3}-[0-9]{2}-[0-9]{4}$/
// Numbers after these words are not phones (ISBNs, orders, versions, prices); checked before the costly
// validation. detectPii applies the same rule to every number afterwards.
const NOT_PHONE_BEFORE =
  /(?:\b(?:isbn|issn|order|tracking|invoice|ref|sku|version|ver\.?|v|no\.?)|订单|单号|编号|版本|[¥$￥€£#])\s*[:：#]?\s*$/i
const CACHE_LIMIT = 1024

/** Options of {@link intlPhoneRecognizer}. */
export interface IntlPhoneRecognizerOptions {
  /**
   * Regions tried, in order, for numbers written without a country prefix. Default: a list of about 40
   * countries (US, GB, DE, FR, … CN). A number must be valid in one of them.
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
  const regions = options.regions ?? DEFAULT_REGIONS
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
      eachMatch(CANDIDATE, text, (m) => {
        if (budget <= 0) return
        const raw = m[0].trimEnd()
        const digits = raw.replace(/[^0-9]/g, '').length
        if (digits < 7 || digits > 17) return
        const ctx = before(text, m.index, CONTEXT, 16)
        const prefixed = raw.startsWith('+') || raw.startsWith('00')
        const grouped = /[0-9][ .()-]{1,2}[0-9(]/.test(raw)
        if (!prefixed && !grouped && !ctx) return
        if (DATE_LIKE.test(raw) || SSN_LIKE.test(raw)) return
        if (before(text, m.index, NOT_PHONE_BEFORE, 12)) return
        const key = `${ctx ? 1 : 0}${raw}`
        let ok = cache.get(key)
        if (ok === undefined) {
          budget--
          ok = valid(raw, prefixed, ctx, regions)
          if (cache.size >= CACHE_LIMIT) cache.clear()
          cache.set(key, ok)
        }
        if (!ok) return
        const conf = ctx ? 0.9 : prefixed ? 0.85 : 0.7
        out.push(finding('phone', text, m.index, m.index + raw.length, conf, ctx ? 'context' : 'format'))
      })
      return out
    },
  })
}

function valid(raw: string, prefixed: boolean, ctx: boolean, regions: readonly CountryCode[]): boolean {
  try {
    if (prefixed) {
      const international = raw.startsWith('00') ? `+${raw.slice(2)}` : raw
      return parsePhoneNumberFromString(international)?.isValid() === true
    }
    for (const region of regions) {
      const phone = parsePhoneNumberFromString(raw, region)
      if (phone?.isValid() !== true) continue
      // Without a prefix or a context word, the writer's grouping must agree with how that country writes
      // its numbers: "110 120 911 12345" is valid somewhere, but nobody groups a phone number that way.
      if (ctx || sameGrouping(raw, phone.formatNational()) || sameGrouping(raw, phone.formatInternational()))
        return true
    }
  } catch {
    // libphonenumber-js throws on some malformed input; content is never an error.
  }
  return false
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
