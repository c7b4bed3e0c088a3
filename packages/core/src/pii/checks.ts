/**
 * Checksums, date checks and context-window helpers shared by the recognisers. Small, pure functions.
 *
 * @module
 */
import type { PiiEvidence, PiiFinding, PiiType } from './types.ts'

/**
 * Luhn (ISO/IEC 7812-1 annex B) check over a string of ASCII digits.
 *
 * @internal
 */
export function luhn(digits: string): boolean {
  let sum = 0
  let double = false
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48
    if (d < 0 || d > 9) return false
    if (double) {
      d *= 2
      if (d > 9) d -= 9
    }
    sum += d
    double = !double
  }
  return digits.length > 0 && sum % 10 === 0
}

// GB 11643-1999 / ISO 7064 MOD 11-2 weights and check characters.
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/**
 * The GB 11643 check character of the first 17 digits of a resident ID number.
 *
 * @internal
 */
export function cnIdCheckChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * (ID_WEIGHTS[i] ?? 0)
  return ID_CHECK[sum % 11] ?? ''
}

// First two digits of the administrative division code (GB/T 2260): the 31 mainland provinces, plus
// 71 Taiwan, 81 Hong Kong, 82 Macao and 83 (residence permits for Hong Kong/Macao/Taiwan residents).
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61,
  62, 63, 64, 65, 71, 81, 82, 83,
])

/**
 * Whether a six-digit division code is plausible: a real province prefix and a non-zero city/district.
 *
 * @internal
 */
export function plausibleRegion(code: string): boolean {
  return PROVINCES.has(Number(code.slice(0, 2))) && code.slice(2, 6) !== '0000'
}

/**
 * Whether year/month/day is a real calendar date (Gregorian, leap years included).
 *
 * @internal
 */
export function realDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0
  return day <= days
}

/**
 * Whether `re` matches the `window` characters before `start` (the window ends at `start`).
 *
 * @internal
 */
export function before(text: string, start: number, re: RegExp, window = 16): boolean {
  return re.test(text.slice(Math.max(0, start - window), start))
}

/**
 * Whether `re` matches the `window` characters after `end`.
 *
 * @internal
 */
export function after(text: string, end: number, re: RegExp, window = 12): boolean {
  return re.test(text.slice(end, end + window))
}

/**
 * Builds a finding (the `text` is the matched slice of the text the recogniser ran on).
 *
 * @internal
 */
export function finding(
  type: PiiType,
  text: string,
  start: number,
  end: number,
  confidence: number,
  evidence: PiiEvidence,
): PiiFinding {
  return { type, start, end, text: text.slice(start, end), confidence, evidence }
}

/**
 * Runs a global regular expression and calls `visit` for each match; resets `lastIndex` first, steps over
 * empty matches.
 *
 * @internal
 */
export function eachMatch(re: RegExp, text: string, visit: (m: RegExpExecArray) => void): void {
  re.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) re.lastIndex++
    else visit(m)
  }
}

/**
 * Keeps only ASCII digits (and X for ID check characters).
 *
 * @internal
 */
export function digitsOf(s: string): string {
  // A loop rather than replace + toUpperCase: called once per card-shaped run, 1 MB of digits has 50k.
  let out = ''
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c >= 48 && c <= 57) out += s[i]
    else if (c === 88 || c === 120) out += 'X'
  }
  return out
}
