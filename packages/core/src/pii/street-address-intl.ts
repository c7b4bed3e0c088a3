/**
 * Street addresses, the full form ({@link intlAddressRecognizer}, full preset only): the street lines of
 * `street-address.ts`, then the rest of the address block — units, city, region, postal code, country — on
 * the same line after commas or on the following lines, as letters, signatures and forms lay it out; the
 * weaker "name + house number" shape with a building number in front (`05405 Wesselényi u. 94.`,
 * `30102 Kaevu 94`), accepted only with more evidence (a street word, letters outside ASCII, an address
 * block after it, or a context word), so "2 Windows 10 machines" stays out; and US military addresses
 * (`PSC 2721, Box 8637, APO AA 06259`, `USNS Bergman FPO AP 93757`).
 *
 * Kept out of the light preset to keep the widget small. Every pattern is bounded; the block continuation
 * is a loop of sticky patterns, at most six segments per address.
 *
 * @module
 */
import { eachMatch, finding } from './checks.ts'
import { F_DIGIT, F_LATIN, gated } from './gate.ts'
import {
  BOX_WORD,
  CONTEXT,
  contextTest,
  EU_SUFFIXES,
  findStreets,
  isAsciiLetter,
  isDigit,
  numberShapes,
  SPACE_THEN_DIGIT,
} from './street-address.ts'
import type { PiiFinding, Recognizer } from './types.ts'

const NAME_NUMBER_BUDGET = 256
// Part of every continental suffix-street match (`Hauptstraße 5`, `Koskikatu 25`): a suffix right before spaces
// and a house number. That pattern is the costly one of the street shapes (a capital, then up to 30 letters,
// then a suffix, tried at every capital); most texts with "word 12" in them have no suffix there ("on 2026",
// "Version 1.2").
const SUFFIX_THEN_NUMBER = new RegExp(`(?:${EU_SUFFIXES})\\s{1,3}[0-9]`)
// A house number candidate: 1–5 digits after a space or tab (found natively; checked further in code).
const SPACED_NUMBER = /[ \t][0-9]{1,5}(?![0-9])/g
const LETTER = /\p{L}/u
const WORD_CHAR = /[\p{L}\p{N}]/u
// Street words (whole words, or the end of one) in any of the shapes above, case-insensitive.
const STREET_WORD =
  /(?:^|[\s.-])(?:u\.|utca|út|tér|rkp\.|krt\.|gate|gata|gatan|vej|vegen|veien|vägen|väg|gränd|katu|tie|kuja|polku|ul\.|ulica|avda\.?|avenida|via|viale|vicolo|piazza|piazzetta|largo|rua|rúa|calle|carrer|quadra|travessa|praça|rue|chemin|allée|quai|paseo|camino|strada|terrasse|laan|straat|weg|gasse|platz|allee|plein|kade|str\.?|οδός|λεωφόρος|λ\.|πλατεία)(?=$|[\s.,])|(?:straße|strasse|weg|gasse|laan|straat|vej|gade|veien|vegen|gata|gatan|vägen|katu|tie|kuja|polku|stien|vænget|stræde|stræti|braut|vegur|platz|allee|plein|dreef|kade|gränd|bakken|haugen|vangen|svingen)(?=$|[\s.,])/i
const STREET_AFTER = /^\.?[ \t]{0,2}(?:street|st\.|str\.)(?![A-Za-z\u00c0-\u024f])/i
const NON_ASCII_LETTER = /[\u0080-\uffff]/
// US military mail: "PSC 2721, Box 8637, APO AA 06259", "Unit 8505 Box 9220 DPO AE 90744", "USNS Bergman
// FPO AP 93757".
const MILITARY =
  /\b(?:(?:PSC|CMR|Unit)[ \t]{1,2}[0-9]{3,5},?[ \t]{1,2}Box[ \t]{1,2}[0-9]{3,5}(?:,?\s{1,3}(?:APO|FPO|DPO)[ \t]{1,2}(?:AA|AE|AP)[ \t]{1,2}[0-9]{5})?|(?:USS|USNS|USNV|USCGC)[ \t]{1,2}[A-Za-z\u00c0-\u024f'-]{2,24},?\s{1,3}(?:APO|FPO|DPO)[ \t]{1,2}(?:AA|AE|AP)[ \t]{1,2}[0-9]{5})\b/gi
// The rest of an address block: separators, then a unit, a place (with region and postal code), or a bare
// postal code; each sticky, each bounded.
const SEG_SEP = /,?[ \t]{0,3}(?:\r?\n[ \t]*(?:>[ \t]?|\?{1,3}[ \t]?)?[ \t]*){0,2},?[ \t]{0,3}/y
const UNIT_SEG =
  /(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Room|Rm\.?|Floor|Fl\.?|Flat|#)[ \t]?[0-9A-Za-z-]{1,6}\b/iy
// A bare postal code ends its line: a phone number on the next line ("416 60 039 office") is not one.
const POSTAL_SEG =
  /(?:[0-9]{3,6}(?:-[0-9]{3,4})?|[A-Z]{1,2}[0-9][A-Z0-9]?[ \t]?[0-9][A-Z]{2})(?=[ \t]*(?:$|\r?\n|[,.;!?]))/uy
// Place words: capitalised (or all caps), or short lower-case particles ("Ostrov nad Ohrí", "Soto del Barco").
const PLACE_SEG =
  /\p{Lu}[\p{L}'’.-]{0,24}(?:[ \t]{1,2}(?:\p{Lu}[\p{L}'’.-]{0,24}|\(\p{Lu}[\p{L}'’.-]{0,24}\)|\p{Ll}{1,3}))*?(?:,?[ \t]{1,2}(?:[A-Z]{2}|nan)(?![\p{L}\p{N}]))?(?:[ \t]{1,2}(?:[0-9]{3,6}(?:-[0-9]{3,4})?|[A-Z]{1,2}[0-9][A-Z0-9]?[ \t]?[0-9][A-Z]{2}))?(?![\p{L}\p{N}])/uy
const PLACE_END = /^[ \t]*(?:$|\r?\n|[,.;!?])/
const MAX_SEGMENTS = 6

/**
 * Where the address block that ends at `end` really ends: following units, places and postal codes.
 *
 * @returns `{ end, segments }`: the new end and how many segments were taken
 */
function continueBlock(text: string, end: number): { end: number; segments: number } {
  let segments = 0
  while (segments < MAX_SEGMENTS) {
    SEG_SEP.lastIndex = end
    const sep = SEG_SEP.exec(text)
    const at = end + (sep ? sep[0].length : 0)
    if (at === end || at >= text.length) break
    let next = -1
    for (const re of [UNIT_SEG, POSTAL_SEG]) {
      re.lastIndex = at
      const m = re.exec(text)
      if (m) {
        next = at + m[0].length
        break
      }
    }
    if (next < 0) {
      PLACE_SEG.lastIndex = at
      const m = PLACE_SEG.exec(text)
      if (m && !m[0].includes('\n')) {
        const after = text.slice(at + m[0].length, at + m[0].length + 3)
        // A label ("Phone:") or prose ("But then …") is not a place; a place ends its line, or has a code.
        const coded = /[0-9]$/.test(m[0])
        if (!after.startsWith(':') && (coded || PLACE_END.test(after))) next = at + m[0].length
      }
    }
    if (next < 0) break
    end = next
    segments++
  }
  return { end, segments }
}

/** A letter or digit of any script at `i` (false past the end). */
function isWordCharAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i)
  if (isDigit(c) || isAsciiLetter(c)) return true
  return c >= 0x80 && WORD_CHAR.test(text[i] ?? '')
}

/** A letter of any script at `i`. */
function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i)
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true
  return c >= 0x80 && LETTER.test(text[i] ?? '')
}

/**
 * A letter street names are written in: any script but Chinese characters (CJK ideographs, `々`, `〆`).
 * Chinese addresses have their own recogniser and shape (`…路1号`); "12 微信 3" is not a street. It also
 * keeps this recogniser within its gate: a name letter is one the gate's scan flags as {@link F_LATIN}.
 */
function isNameLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i)
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true
  if (
    c < 0x80 ||
    (c >= 0x4e00 && c <= 0x9fff) ||
    (c >= 0x3400 && c <= 0x4dbf) ||
    c === 0x3005 ||
    c === 0x3006
  )
    return false
  return LETTER.test(text[i] ?? '')
}

/** Name letters and the punctuation inside street names (`O'Neil`, `St.`, `Saint-Denis`). */
function isNameCharAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i)
  return c === 39 || c === 0x2019 || c === 46 || c === 45 || isNameLetterAt(text, i)
}

/**
 * Starts of the (up to four) words before a house number at `numStart`, nearest first: the candidate
 * street names ("Wesselényi u." before "94"). Empty when the number does not follow a word and 1–3 spaces.
 */
function wordStartsBefore(text: string, numStart: number): number[] {
  const starts: number[] = []
  let p = numStart
  for (let k = 0; k < 4; k++) {
    let gap = 0
    while (gap < 3 && (text[p - 1] === ' ' || text[p - 1] === '\t')) {
      p--
      gap++
    }
    if (gap === 0 || text[p - 1] === ' ' || text[p - 1] === '\t') break
    let q = p
    while (q > 0 && p - q < 25 && isNameCharAt(text, q - 1)) q--
    // The word must start with a name letter, and must not be glued to a digit or a letter of any script.
    while (q < p && !isNameLetterAt(text, q)) q++
    if (q === p || (q > 0 && (isLetterAt(text, q - 1) || isDigit(text.charCodeAt(q - 1))))) break
    starts.push(q)
    p = q
  }
  return starts
}

/** Start of a building number right before the name at `nameStart` ("30102 Kaevu 94"), or -1. */
function leadBefore(text: string, nameStart: number): number {
  let p = nameStart
  let gap = 0
  while (gap < 3 && (text[p - 1] === ' ' || text[p - 1] === '\t')) {
    p--
    gap++
  }
  if (gap === 0) return -1
  let q = p
  while (q > 0 && p - q < 6 && isDigit(text.charCodeAt(q - 1))) q--
  if (q === p || (q > 0 && (isDigit(text.charCodeAt(q - 1)) || isLetterAt(text, q - 1)))) return -1
  return q
}

/**
 * Whether "name number" is an address: a street word, foreign letters, an address block, or context.
 * Cheap tests first: most "word number" pairs in comments ("Room 702", "call 911") fail in a few steps.
 */
function acceptNameNumber(
  text: string,
  name: string,
  number: string,
  lead: boolean,
  end: number,
  ctx: () => boolean,
): boolean {
  // Years and counts after a word are not house numbers ("During 1971", "Windows 2000").
  if (!lead && /^(?:1[89]|20)[0-9]{2}\.?$/.test(number)) return false
  const capital = /^\p{Lu}/u.test(name)
  // "Árpád fejedelem útja 3. street", "Příční 1429 St.": a street word right after the number.
  const after = text.charCodeAt(end)
  const streetAfter = (after === 32 || after === 46) && STREET_AFTER.test(text.slice(end, end + 10))
  const streetWord = STREET_WORD.test(name)
  if ((streetWord || streetAfter) && (lead || capital || streetAfter || ctx())) return true
  const foreign = NON_ASCII_LETTER.test(name)
  if (!foreign && !lead) return capital && ctx()
  if (capital && ctx()) return true
  const block = continueBlock(text, end)
  return (foreign && (lead || block.segments > 0 || ctx())) || (lead && block.segments > 0 && capital)
}

/**
 * Finds street addresses like `enAddressRecognizer`, with the rest of the address block (units, city,
 * region, postal code, country lines), the "building number + name + house number" shape with supporting
 * evidence, and US military addresses.
 *
 * @returns a recogniser of type `address`
 * @example
 * ```ts
 * intlAddressRecognizer().find('30102 Kaevu 94\nNicosia\n, NI\n 61089')[0]?.text
 * // '30102 Kaevu 94\nNicosia\n, NI\n 61089'
 * ```
 */
export function intlAddressRecognizer(): Recognizer {
  return gated(
    F_DIGIT,
    {
      name: 'intl-address',
      types: ['address'],
      view: 'folded',
      find(text) {
        const out: PiiFinding[] = []
        const push = (start: number, end: number, conf: number, ctx: boolean): void => {
          const block = continueBlock(text, end)
          const c = ctx ? 0.9 : Math.min(0.9, conf + 0.05 * block.segments)
          out.push(finding('address', text, start, block.end, c, ctx ? 'context' : 'format'))
        }
        const ctxAt = contextTest(text)
        // Cheap pre-checks (one pass) decide which patterns can match at all: most comments with a number
        // have it before a lower-case word or punctuation ("Room 702 on …", "$4109.19, worth it").
        const shape = numberShapes(text)
        const suffixStreet = (shape & SPACE_THEN_DIGIT) !== 0 && SUFFIX_THEN_NUMBER.test(text)
        findStreets(text, ctxAt, push, suffixStreet ? shape : shape & ~SPACE_THEN_DIGIT)
        if (BOX_WORD.test(text))
          eachMatch(MILITARY, text, (m) => push(m.index, m.index + m[0].length, 0.85, ctxAt(m.index)))
        if ((shape & SPACE_THEN_DIGIT) === 0) return out
        // Name + house number: anchored on each number, walking back over at most four words by hand
        // (a pattern that starts at every word would be tried at every word of every comment). At most
        // NAME_NUMBER_BUDGET candidates per text: this weak shape needs more evidence anyway, and a text
        // with hundreds of "word 1" pairs is not a letter.
        let budget = NAME_NUMBER_BUDGET
        let textHasContext: boolean | undefined
        SPACED_NUMBER.lastIndex = 0
        let h: RegExpExecArray | null
        while (budget > 0 && (h = SPACED_NUMBER.exec(text)) !== null) {
          // A run of 1–5 digits (and an optional letter: "12b") after a space, not followed by a word char.
          const numStart = h.index + 1
          let i = numStart + h[0].length - 1
          if (isAsciiLetter(text.charCodeAt(i)) && !isWordCharAt(text, i + 1)) i++
          if (isWordCharAt(text, i)) continue
          let end = i
          if (text[end] === '.') end++
          const starts = wordStartsBefore(text, numStart)
          if (starts.length === 0) continue
          // Quick reject for the whole number: a street word or foreign letters in a shorter name are in the
          // longest one too, so without them, a building number or a street word after the number, only a
          // context word could still help ("Room 702 on …", "call 911" end here).
          const longest = text.slice(starts[starts.length - 1], numStart)
          if (
            !STREET_WORD.test(longest) &&
            !NON_ASCII_LETTER.test(longest) &&
            leadBefore(text, starts[starts.length - 1]!) < 0 &&
            !STREET_AFTER.test(text.slice(end, end + 10)) &&
            !(textHasContext ??= CONTEXT.test(text))
          )
            continue
          for (let k = starts.length - 1; k >= 0 && budget > 0; k--) {
            budget--
            const nameStart = starts[k]!
            const lead = k === starts.length - 1 ? leadBefore(text, nameStart) : -1
            const start = lead >= 0 ? lead : nameStart
            const name = text.slice(nameStart, numStart).trimEnd()
            const ctx = (): boolean => ctxAt(start)
            if (acceptNameNumber(text, name, text.slice(numStart, end), lead >= 0, end, ctx)) {
              push(start, end, 0.7, ctxAt(start))
              break
            }
          }
        }
        return out
      },
    },
    F_LATIN,
  )
}
