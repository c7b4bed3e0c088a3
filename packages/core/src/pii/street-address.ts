/**
 * English and European street addresses: the street line in the shapes people write it, then the rest of
 * the address block (units, city, region, postal code, country) on the same line after commas or on the
 * following lines, as letters, signatures and forms lay it out.
 *
 * Street-line shapes:
 * - number + street name + suffix (`1600 Pennsylvania Avenue NW`, `10 Downing St`, `136 Filadelfeos Str.`),
 *   with an optional leading unit (`Flat 3, 10 Downing St`) or building number (`975 3968 Bay Street`);
 * - continental suffix streets (`Hauptstraße 5`, `Koskikatu 25`, `Skogstien 106`) and prefix streets
 *   (`Rua Cidade de Maracajá 468`, `33 avenue de Provence`, `Via delle Coste 41`);
 * - name + house number with a building number in front (`05405 Wesselényi u. 94.`, `30102 Kaevu 94`),
 *   accepted only with more evidence: a street word, letters outside ASCII, the rest of an address block
 *   after it, or a context word ("lives at", "address") — so "2 Windows 10 machines" stays out;
 * - PO boxes (`P.O. Box 242`, `Postbox 53`) and US military addresses (`PSC 2721, Box 8637, APO AA 06259`).
 *
 * Every pattern is bounded or runs over classes disjoint from what follows; the block continuation is a
 * loop of sticky patterns, at most six segments per address.
 *
 * @module
 */
import { eachMatch, finding } from './checks.ts'
import { F_DIGIT, F_LATIN, gated } from './gate.ts'
import type { PiiFinding, Recognizer } from './types.ts'

const SUFFIXES =
  'Street|St|Str|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl|Crescent|Cres|Close|Row|Alley|Loop|Path|Pike|Plaza|Point|Pt|Ridge|Run|Grove|Gardens|Green|Hill|Hills|Heights|Park|View|Views|Walk|Crossing|Xing|Harbor|Harbour|Island|Islands|Isle|Junction|Key|Knoll|Knolls|Lake|Lakes|Landing|Manor|Meadow|Meadows|Mill|Mills|Mission|Mount|Mountain|Orchard|Oval|Pass|Port|Ports|Prairie|Ranch|Rapids|Rest|Shoal|Shoals|Shore|Shores|Spring|Springs|Station|Stream|Summit|Track|Trace|Tunnel|Turnpike|Union|Valley|Viaduct|Village|Ville|Vista|Well|Wells|Bypass|Causeway|Center|Centre|Cliff|Cliffs|Common|Corner|Corners|Course|Cove|Creek|Dale|Dam|Divide|Estate|Estates|Expressway|Extension|Falls|Ferry|Field|Fields|Flat|Flats|Ford|Forest|Forge|Fork|Forks|Fort|Freeway|Gateway|Glen|Haven|Hollow|Inlet|Light|Lights|Lock|Locks|Lodge|Motorway|Neck|Plains|Radial|Ramp|Route|Skyway|Spur|Underpass|Burg|Bluff|Bluffs|Bottom|Branch|Bridge|Brook|Brooks|Camp|Canyon|Cape|Club|Curve|Drives|Ways|Streets|Roads|Avenues|Squares|Lanes|Mall|Mews|Wharf|Quay|Parade|Broadway|Esplanade'
const UNIT_WORDS = String.raw`(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Room|Rm\.?|Floor|Fl\.?|Flat|#)`
const UNIT_BEFORE =
  /(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Room|Rm\.?|Floor|Fl\.?|Flat)\s{0,2}[0-9A-Za-z-]{1,6},?\s{1,3}$/
const UNIT = String.raw`(?:,?\s{1,3}${UNIT_WORDS}\s{0,2}[0-9A-Za-z-]{1,6})`
const CITY_LINE = String.raw`(?:,?\s{0,3}\n?\s{0,3}[A-Z][\p{L}'’-]{1,20}(?:\s[A-Z][\p{L}'’-]{1,20}){0,2},?\s{1,3}(?:[A-Z]{1,2}[0-9][A-Z0-9]?\s?[0-9][A-Z]{2}|(?:[A-Z]{2}|[A-Z][a-z]{3,15})(?:\s{1,3}[0-9]{5}(?:-[0-9]{4})?)?)(?![\p{L}\p{N}:]))`
const WORD = String.raw`[A-Z0-9][\p{L}'’.-]{0,24}`
// Number + 1–4 capitalised words (a building number may come first: "975 3968 Bay Street") + a suffix
// word; then units and "City, ST 12345". Starts with a digit, so V8 scans for digits; a leading unit
// ("Flat 3, ") is picked up in code (UNIT_BEFORE).
const EN_STREET = new RegExp(
  String.raw`\b(?:[0-9]{1,6}\s{1,3})?[0-9]{1,6}[A-Za-z]?\s{1,3}(?:${WORD}\s{1,3}){0,3}(?:${SUFFIXES})\b\.?(?:\s(?:N|S|E|W|NE|NW|SE|SW)\b\.?)?${UNIT}{0,2}${CITY_LINE}?`,
  'gu',
)
// Continental suffix streets: "Laukaantie 80", "Koskikatu 25", "Hauptstraße 5", "Skogstien 106".
const EU_SUFFIX_STREET = new RegExp(
  String.raw`(?:\b[0-9]{1,5}\s{1,3})?\b\p{Lu}[\p{L}-]{1,30}(?:tie|katu|gatan|vägen|väg|straße|strasse|str\.|weg|gasse|laan|straat|vej|gade|veien|vegen|gata|utca|allee|platz|kuja|polku|plein|dreef|kade|gränd|stien|vænget|stræde|stræti|braut|vegur)\s{1,3}[0-9]{1,5}[A-Za-z]?\b${UNIT}{0,2}`,
  'gu',
)
// Continental prefix streets: "Rua Cidade de Maracajá 468", "33 avenue de Provence", "26 rue des lilas".
// After a house number the name may be lower case ("31 Rue tachkent"); without one it must be capitalised.
const PARTICLE = String.raw`(?:de|da|do|dos|das|del|della|delle|dei|di|la|le|les|des|du|d'|van|von|der)`
const EU_PREFIX_STREET = new RegExp(
  String.raw`(?:\b([0-9]{1,5}),?\s{1,3})?\b(?:Rua|rua|Rúa|rúa|Avenida|Avda\.|Av\.|Calle|calle|Carrer|Via|via|Viale|Vicolo|Rue|rue|avenue|Avenue|boulevard|Boulevard|Strada|Plaza|Praça|Travessa|Largo|Piazza|Piazzetta|Ulica|ul\.|Paseo|Camino|Chemin|chemin|Allée|allée|Place|place|Quai|quai|Impasse|impasse)\s{1,3}(?:${PARTICLE}\s{1,3})?(\p{L})[\p{L}'’-]{1,24}(?:\s{1,3}(?:${PARTICLE}\s{1,3})?\p{L}[\p{L}'’-]{1,24}){0,3}(?:,?\s{1,3}[0-9]{1,5}[A-Za-z]?\b)?${UNIT}{0,2}`,
  'gu',
)
const NAME_NUMBER_BUDGET = 256
// Pre-checks: the words PO boxes and military addresses need, and the prefix-street words.
const BOX_WORD = /box|post|[adf]po/i
const PREFIX_WORD =
  /(?:Rua|rua|Rúa|rúa|Avenida|Avda\.|Av\.|Calle|calle|Carrer|Via|via|Viale|Vicolo|Rue|rue|avenue|Avenue|boulevard|Boulevard|Strada|Plaza|Praça|Travessa|Largo|Piazza|Piazzetta|Ulica|ul\.|Paseo|Camino|Chemin|chemin|Allée|allée|Place|place|Quai|quai|Impasse|impasse)\s/
const DIGIT_THEN_CAPITAL = 1
const SPACE_THEN_DIGIT = 2

/** One pass: is some digit run followed by 1–3 spaces and a capital or digit; does a digit follow a space. */
function numberShapes(text: string): number {
  let shape = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c < 48 || c > 57) continue
    const p = text.charCodeAt(i - 1)
    if (p === 32 || p === 9) shape |= SPACE_THEN_DIGIT
    while (i + 1 < text.length && isDigit(text.charCodeAt(i + 1))) i++
    let j = i + 1
    if (isAsciiLetter(text.charCodeAt(j))) j++ // "12b Main St"
    const gap = j
    while (j < text.length && j - gap < 3 && (text[j] === ' ' || text[j] === '\t' || text[j] === '\n')) j++
    const n = text.charCodeAt(j)
    if (j > gap && ((n >= 65 && n <= 90) || isDigit(n))) shape |= DIGIT_THEN_CAPITAL
    if (shape === 3) return shape
  }
  return shape
}
const LETTER = /\p{L}/u
const WORD_CHAR = /[\p{L}\p{N}]/u
// Street words (whole words, or the end of one) in any of the shapes above, case-insensitive.
const STREET_WORD =
  /(?:^|[\s.-])(?:u\.|utca|út|tér|rkp\.|krt\.|gate|gata|gatan|vej|vegen|veien|vägen|väg|gränd|katu|tie|kuja|polku|ul\.|ulica|avda\.?|avenida|via|viale|vicolo|piazza|piazzetta|largo|rua|rúa|calle|carrer|quadra|travessa|praça|rue|chemin|allée|quai|paseo|camino|strada|terrasse|laan|straat|weg|gasse|platz|allee|plein|kade|str\.?|οδός|λεωφόρος|λ\.|πλατεία)(?=$|[\s.,])|(?:straße|strasse|weg|gasse|laan|straat|vej|gade|veien|vegen|gata|gatan|vägen|katu|tie|kuja|polku|stien|vænget|stræde|stræti|braut|vegur|platz|allee|plein|dreef|kade|gränd|bakken|haugen|vangen|svingen)(?=$|[\s.,])/i
const STREET_AFTER = /^\.?[ \t]{0,2}(?:street|st\.|str\.)(?![A-Za-z\u00c0-\u024f])/i
const NON_ASCII_LETTER = /[\u0080-\uffff]/
const PO_BOX = /\b(?:P\.?\s?O\.?\s{0,2}Box|Post(?:box|boks|fach))\s{1,3}[0-9]{1,6}\b/gi
// US military mail: "PSC 2721, Box 8637, APO AA 06259", "Unit 8505 Box 9220 DPO AE 90744", "USNS Bergman
// FPO AP 93757".
const MILITARY =
  /\b(?:(?:PSC|CMR|Unit)[ \t]{1,2}[0-9]{3,5},?[ \t]{1,2}Box[ \t]{1,2}[0-9]{3,5}(?:,?\s{1,3}(?:APO|FPO|DPO)[ \t]{1,2}(?:AA|AE|AP)[ \t]{1,2}[0-9]{5})?|(?:USS|USNS|USNV|USCGC)[ \t]{1,2}[A-Za-z\u00c0-\u024f'-]{2,24},?\s{1,3}(?:APO|FPO|DPO)[ \t]{1,2}(?:AA|AE|AP)[ \t]{1,2}[0-9]{5})\b/gi
const CONTEXT =
  /(?:lives?\s+(?:at|on|in)|living\s+at|address|located\s+at|home\s+is|moved?\s+to|send\s+(?:it\s+)?to|sent\s+to|deliver(?:ed)?\s+to|ship(?:ped)?\s+to|return(?:ed)?\s+to|meet\s+(?:me|us)\s+at|(?:is|are)\s+(?:at|on)|corner\s+of|drops?\s+you\s+off\s+at|住在|地址)/i

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

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

/** A letter or digit of any script at `i` (false past the end). */
function isWordCharAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i)
  if (isDigit(c) || isAsciiLetter(c)) return true
  return c >= 0x80 && WORD_CHAR.test(text[i] ?? '')
}

function isLetterAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i)
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122)) return true
  return c >= 0x80 && LETTER.test(text[i] ?? '')
}

/** Letters and the punctuation inside street names (`O'Neil`, `St.`, `Saint-Denis`). */
function isNameCharAt(text: string, i: number): boolean {
  const c = text.charCodeAt(i)
  return c === 39 || c === 0x2019 || c === 46 || c === 45 || isLetterAt(text, i)
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
    // The word must start with a letter, and must not be glued to a digit or longer letter run.
    while (q < p && !isLetterAt(text, q)) q++
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
 * Finds English and European street addresses, PO boxes and US military addresses, with the rest of the
 * address block (units, city, region, postal code, country) when it follows.
 *
 * @returns a recogniser of type `address`
 * @example
 * ```ts
 * enAddressRecognizer().find('Flat 3, 10 Downing St, London SW1A 2AA')[0]?.text
 * // 'Flat 3, 10 Downing St, London SW1A 2AA'
 * ```
 */
export function enAddressRecognizer(): Recognizer {
  return gated(
    F_DIGIT,
    {
      name: 'en-address',
      types: ['address'],
      view: 'folded',
      find(text) {
        const out: PiiFinding[] = []
        const push = (start: number, end: number, conf: number, ctx: boolean): void => {
          // A unit written first belongs to the address: "Flat 3, 10 Downing St", "Apt. 675 62314 Mellemvej 32".
          const unit = UNIT_BEFORE.exec(text.slice(Math.max(0, start - 20), start))
          if (unit) start -= unit[0].length
          while (end > start && /[\s,]/.test(text[end - 1] ?? '')) end--
          const block = continueBlock(text, end)
          const c = ctx ? 0.9 : Math.min(0.9, conf + 0.05 * block.segments)
          out.push(finding('address', text, start, block.end, c, ctx ? 'context' : 'format'))
        }
        // Context words count within the same sentence ("My birthday is on the weekend. I'll turn 23.").
        let anyCtx: boolean | undefined
        const ctxAt = (i: number): boolean => {
          // Most texts have no context word at all: one test per text, then no slices.
          if (!(anyCtx ??= CONTEXT.test(text))) return false
          const w = text.slice(Math.max(0, i - 30), i)
          const cut = Math.max(w.lastIndexOf('. '), w.lastIndexOf('! '), w.lastIndexOf('? '))
          return CONTEXT.test(cut >= 0 ? w.slice(cut + 2) : w)
        }
        // Cheap pre-checks (one pass) decide which patterns can match at all: most comments with a number
        // have it before a lower-case word or punctuation ("Room 702 on …", "$4109.19, worth it").
        const shape = numberShapes(text)
        if ((shape & DIGIT_THEN_CAPITAL) !== 0)
          eachMatch(EN_STREET, text, (m) => push(m.index, m.index + m[0].length, 0.8, ctxAt(m.index)))
        if ((shape & SPACE_THEN_DIGIT) !== 0)
          eachMatch(EU_SUFFIX_STREET, text, (m) => push(m.index, m.index + m[0].length, 0.7, ctxAt(m.index)))
        if (BOX_WORD.test(text)) {
          eachMatch(PO_BOX, text, (m) => push(m.index, m.index + m[0].length, 0.8, ctxAt(m.index)))
          eachMatch(MILITARY, text, (m) => push(m.index, m.index + m[0].length, 0.85, ctxAt(m.index)))
        }
        if (PREFIX_WORD.test(text))
          eachMatch(EU_PREFIX_STREET, text, (m) => {
            // A prefix street needs a number ("Place your order"), and a lower-case name needs a house number
            // in front ("31 Rue tachkent", not "via email 2").
            if (!/[0-9]/.test(m[0])) return
            const lowerName = (m[2] ?? '').toLowerCase() === m[2]
            if (lowerName && m[1] === undefined) return
            push(m.index, m.index + m[0].length, 0.7, ctxAt(m.index))
          })
        if ((shape & SPACE_THEN_DIGIT) === 0) return out
        // Name + house number: anchored on each number, walking back over at most four words by hand
        // (a pattern that starts at every word would be tried at every word of every comment). At most
        // NAME_NUMBER_BUDGET candidates per text: this weak shape needs more evidence anyway, and a text
        // with hundreds of "word 1" pairs is not a letter.
        let budget = NAME_NUMBER_BUDGET
        for (let i = 1; i < text.length && budget > 0; i++) {
          // A run of 1–5 digits (and an optional letter: "12b") after a space, not followed by a word char.
          if (!isDigit(text.charCodeAt(i)) || (text[i - 1] !== ' ' && text[i - 1] !== '\t')) continue
          const numStart = i
          while (i < text.length && isDigit(text.charCodeAt(i))) i++
          if (i - numStart > 5) continue
          if (isAsciiLetter(text.charCodeAt(i)) && !isWordCharAt(text, i + 1)) i++
          if (isWordCharAt(text, i)) continue
          let end = i
          if (text[end] === '.') end++
          const starts = wordStartsBefore(text, numStart)
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
