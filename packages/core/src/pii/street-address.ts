/**
 * English and European street addresses, the light form (in `browserRecognizers`): the street line in the
 * shapes people write it. {@link intlAddressRecognizer} (full preset, `street-address-intl.ts`) adds the rest
 * of the address block and the weaker "name + number" shape.
 *
 * Street-line shapes:
 * - number + street name + suffix (`1600 Pennsylvania Avenue NW`, `10 Downing St`, `136 Filadelfeos Str.`),
 *   with a leading unit (`Flat 3, 10 Downing St`) or building number (`975 3968 Bay Street`), then units
 *   and `City, ST 12345` / `London SW1A 2AA`;
 * - continental suffix streets (`Hauptstraße 5`, `Koskikatu 25`, `Skogstien 106`) and prefix streets
 *   (`Rua Cidade de Maracajá 468`, `33 avenue de Provence`, `Via delle Coste 41`);
 * - PO boxes (`P.O. Box 242`, `Postbox 53`).
 *
 * Every pattern is bounded or runs over classes disjoint from what follows.
 *
 * @module
 */
import { before, eachMatch, finding } from './checks.ts'
import { F_DIGIT, F_LATIN, gated } from './gate.ts'
import type { PiiFinding, Recognizer } from './types.ts'

const SUFFIXES =
  'Street|St|Str|Avenue|Ave|Av|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|Court|Ct|Way|Place|Pl|Terrace|Ter|Circle|Cir|Parkway|Pkwy|Highway|Hwy|Square|Sq|Trail|Trl|Crescent|Cres|Close|Row|Alley|Loop|Path|Pike|Plaza|Point|Pt|Ridge|Run|Grove|Gardens|Green|Hill|Hills|Heights|Park|View|Views|Walk|Crossing|Xing|Harbor|Harbour|Island|Islands|Isle|Junction|Key|Knoll|Knolls|Lake|Lakes|Landing|Manor|Meadow|Meadows|Mill|Mills|Mission|Mount|Mountain|Orchard|Oval|Pass|Port|Ports|Prairie|Ranch|Rapids|Rest|Shoal|Shoals|Shore|Shores|Spring|Springs|Station|Stream|Summit|Track|Trace|Tunnel|Turnpike|Union|Valley|Viaduct|Village|Ville|Vista|Well|Wells|Bypass|Causeway|Center|Centre|Cliff|Cliffs|Common|Corner|Corners|Course|Cove|Creek|Dale|Dam|Divide|Estate|Estates|Expressway|Extension|Falls|Ferry|Field|Fields|Flat|Flats|Ford|Forest|Forge|Fork|Forks|Fort|Freeway|Gateway|Glen|Haven|Hollow|Inlet|Light|Lights|Lock|Locks|Lodge|Motorway|Neck|Plains|Radial|Ramp|Route|Skyway|Spur|Underpass|Burg|Bluff|Bluffs|Bottom|Branch|Bridge|Brook|Brooks|Camp|Canyon|Cape|Club|Curve|Drives|Ways|Streets|Roads|Avenues|Squares|Lanes|Mall|Mews|Wharf|Quay|Parade|Broadway|Esplanade'
const UNIT_WORDS = String.raw`(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Room|Rm\.?|Floor|Fl\.?|Flat|#)`
const UNIT_BEFORE: RegExp =
  /(?:Apt\.?|Apartment|Suite|Ste\.?|Unit|Room|Rm\.?|Floor|Fl\.?|Flat)\s{0,2}[0-9A-Za-z-]{1,6},?\s{1,3}$/
const UNIT = String.raw`(?:,?\s{1,3}${UNIT_WORDS}\s{0,2}[0-9A-Za-z-]{1,6})`
const CITY_LINE = String.raw`(?:,?\s{0,3}\n?\s{0,3}[A-Z][\p{L}'’-]{1,20}(?:\s[A-Z][\p{L}'’-]{1,20}){0,2},?\s{1,3}(?:[A-Z]{1,2}[0-9][A-Z0-9]?\s?[0-9][A-Z]{2}|(?:[A-Z]{2}|[A-Z][a-z]{3,15})(?:\s{1,3}[0-9]{5}(?:-[0-9]{4})?)?)(?![\p{L}\p{N}:]))`
const WORD = String.raw`[A-Z0-9][\p{L}'’.-]{0,24}`
// Number + 1–4 capitalised words (a building number may come first: "975 3968 Bay Street") + a suffix
// word; then units and "City, ST 12345". Starts with a digit, so V8 scans for digits; a leading unit
// ("Flat 3, ") is picked up in code (UNIT_BEFORE).
const EN_STREET: RegExp = new RegExp(
  String.raw`\b(?:[0-9]{1,6}\s{1,3})?[0-9]{1,6}[A-Za-z]?\s{1,3}(?:${WORD}\s{1,3}){0,3}(?:${SUFFIXES})\b\.?(?:\s(?:N|S|E|W|NE|NW|SE|SW)\b\.?)?${UNIT}{0,2}${CITY_LINE}?`,
  'gu',
)
/**
 * The suffixes of continental suffix streets (Finnish, Swedish, German, Dutch, Danish, Norwegian, Hungarian …).
 *
 * @internal
 */
export const EU_SUFFIXES: string = String.raw`tie|katu|gatan|vägen|väg|straße|strasse|str\.|weg|gasse|laan|straat|vej|gade|veien|vegen|gata|utca|allee|platz|kuja|polku|plein|dreef|kade|gränd|stien|vænget|stræde|stræti|braut|vegur`
// Continental suffix streets: "Laukaantie 80", "Koskikatu 25", "Hauptstraße 5", "Skogstien 106".
const EU_SUFFIX_STREET: RegExp = new RegExp(
  String.raw`(?:\b[0-9]{1,5}\s{1,3})?\b\p{Lu}[\p{L}-]{1,30}(?:${EU_SUFFIXES})\s{1,3}[0-9]{1,5}[A-Za-z]?\b${UNIT}{0,2}`,
  'gu',
)
// Part of every EU_SUFFIX_STREET match: a suffix's last letter, spaces, the house number. A cheap native
// scan that skips the costly pattern (a \p{Lu} start tried at every capital) in most texts.
const SUFFIX_END_DIGIT = /[eungj.tazfdir]\s{1,3}[0-9]/
// Continental prefix streets: "Rua Cidade de Maracajá 468", "33 avenue de Provence", "26 rue des lilas".
// After a house number the name may be lower case ("31 Rue tachkent"); without one it must be capitalised.
const PARTICLE = String.raw`(?:de|da|do|dos|das|del|della|delle|dei|di|la|le|les|des|du|d'|van|von|der)`
const PREFIXES = String.raw`Rua|rua|Rúa|rúa|Avenida|Avda\.|Av\.|Calle|calle|Carrer|Via|via|Viale|Vicolo|Rue|rue|avenue|Avenue|boulevard|Boulevard|Strada|Plaza|Praça|Travessa|Largo|Piazza|Piazzetta|Ulica|ul\.|Paseo|Camino|Chemin|chemin|Allée|allée|Place|place|Quai|quai|Impasse|impasse`
const EU_PREFIX_STREET: RegExp = new RegExp(
  String.raw`(?:\b([0-9]{1,5}),?\s{1,3})?\b(?:${PREFIXES})\s{1,3}(?:${PARTICLE}\s{1,3})?(\p{L})[\p{L}'’-]{1,24}(?:\s{1,3}(?:${PARTICLE}\s{1,3})?\p{L}[\p{L}'’-]{1,24}){0,3}(?:,?\s{1,3}[0-9]{1,5}[A-Za-z]?\b)?${UNIT}{0,2}`,
  'gu',
)
// Pre-checks: the words PO boxes and military addresses need, and the prefix-street words.
export const BOX_WORD: RegExp = /box|post|[adf]po/i
const PREFIX_WORD: RegExp = new RegExp(`(?:${PREFIXES})\\s`)
/** @internal */
export const DIGIT_THEN_CAPITAL = 1
/** @internal */
export const SPACE_THEN_DIGIT = 2

/** Is some digit run followed by 1–3 white-space characters and a capital or digit ("12 Main"); does a digit follow white space. */
export function numberShapes(text: string): number {
  // Two regular expressions rather than a loop: V8 scans for them in native code.
  return (DIGIT_CAPITAL.test(text) ? DIGIT_THEN_CAPITAL : 0) | (SPACE_DIGIT.test(text) ? SPACE_THEN_DIGIT : 0)
}
// `\s` as in the patterns they pre-check (EN_STREET, EU_SUFFIX_STREET): a house number after a line break or a
// no-break space counts too, so the full recogniser finds every street the light one does.
const DIGIT_CAPITAL = /[0-9][A-Za-z]?\s{1,3}[A-Z0-9]/
const SPACE_DIGIT = /\s[0-9]/
const PO_BOX = /\b(?:P\.?\s?O\.?\s{0,2}Box|Post(?:box|boks|fach))\s{1,3}[0-9]{1,6}\b/gi
/** @internal */
export const CONTEXT: RegExp =
  /(?:lives?\s+(?:at|on|in)|living\s+at|address|located\s+at|home\s+is|moved?\s+to|send\s+(?:it\s+)?to|sent\s+to|deliver(?:ed)?\s+to|ship(?:ped)?\s+to|return(?:ed)?\s+to|meet\s+(?:me|us)\s+at|(?:is|are)\s+(?:at|on)|corner\s+of|drops?\s+you\s+off\s+at|住在|地址)/i

/** @internal */
export function isDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

/** @internal */
export function isAsciiLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122)
}

/** A place in the text where a street shape matched: `[start, end)`, base confidence, context. */
type Visit = (start: number, end: number, conf: number, ctx: boolean) => void

/**
 * Whether an address context word ("lives at", "address", "住在") precedes `i` in the same sentence
 * ("My birthday is on the weekend. I'll turn 23." has none). Built once per text.
 *
 * @internal
 */
export function contextTest(text: string): (i: number) => boolean {
  let any: boolean | undefined
  return (i) => {
    // Most texts have no context word at all: one test per text, then no slices.
    if (!(any ??= CONTEXT.test(text))) return false
    const w = text.slice(Math.max(0, i - 30), i)
    const cut = Math.max(w.lastIndexOf('. '), w.lastIndexOf('! '), w.lastIndexOf('? '))
    return CONTEXT.test(cut >= 0 ? w.slice(cut + 2) : w)
  }
}

/**
 * Runs the street-line shapes over a text and reports each match (start widened over a unit written first,
 * end trimmed of spaces and commas).
 *
 * @internal
 */
export function findStreets(
  text: string,
  ctxAt: (i: number) => boolean,
  visit: Visit,
  shape: number = DIGIT_THEN_CAPITAL | SPACE_THEN_DIGIT,
): void {
  const at = (start: number, end: number, conf: number): void => {
    // A unit written first belongs to the address: "Flat 3, 10 Downing St", "Apt. 675 62314 Mellemvej 32".
    const unit = UNIT_BEFORE.exec(text.slice(Math.max(0, start - 20), start))
    if (unit) start -= unit[0].length
    while (end > start && /[\s,]/.test(text[end - 1] ?? '')) end--
    visit(start, end, conf, ctxAt(start))
  }
  // `shape` (from numberShapes, full form only) says which patterns can match at all.
  if ((shape & DIGIT_THEN_CAPITAL) !== 0)
    eachMatch(EN_STREET, text, (m) => at(m.index, m.index + m[0].length, 0.8))
  if ((shape & SPACE_THEN_DIGIT) !== 0 && SUFFIX_END_DIGIT.test(text))
    eachMatch(EU_SUFFIX_STREET, text, (m) => at(m.index, m.index + m[0].length, 0.7))
  if (BOX_WORD.test(text)) eachMatch(PO_BOX, text, (m) => at(m.index, m.index + m[0].length, 0.8))
  if (PREFIX_WORD.test(text))
    eachMatch(EU_PREFIX_STREET, text, (m) => {
      // A prefix street needs a number ("Place your order"), and a lower-case name needs a house number in
      // front ("31 Rue tachkent", not "via email 2").
      if (!/[0-9]/.test(m[0])) return
      const lowerName = (m[2] ?? '').toLowerCase() === m[2]
      if (lowerName && m[1] === undefined) return
      at(m.index, m.index + m[0].length, 0.7)
    })
}

/**
 * Finds English and European street addresses (street line with units and `City, ST 12345`) and PO boxes.
 * The light form; the full preset uses {@link intlAddressRecognizer}, which also takes the rest of an
 * address block and more continental shapes.
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
        const ctxAt = (i: number): boolean => before(text, i, CONTEXT, 30)
        findStreets(text, ctxAt, (start, end, conf, ctx) => {
          out.push(finding('address', text, start, end, ctx ? 0.9 : conf, ctx ? 'context' : 'format'))
        })
        return out
      },
    },
    F_LATIN,
  )
}
