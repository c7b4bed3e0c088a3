/**
 * The evasion-aware rule layer: the lexicon of `lexicon.ts` compiled into a flat trie, matched over the shared
 * normaliser's folding (plus leetspeak and Traditional → Simplified), with context rules for mention versus use.
 *
 * **Matching** (per start position, greedy longest match, no overlaps):
 * 1. Case is folded on the fly; up to 3 separators (space, `.`, `*`, `_`, `-`, `~`, `·`, `|`, `'` …) are
 *    skipped inside a match, so `傻 逼`, `f.u.c.k` and `n m s l` match (not for 1–3 letter words like `sb`).
 * 2. Word terms (Latin only) need a non-letter on both sides: `assassin`, `Scunthorpe` never match `ass`, `cunt`.
 * 3. Innocent phrases (`一次性交纳`, `操作系统`, `kill the process`) win over the terms inside them because
 *    they are longer and start no later.
 *
 * **Context**: a term within 12 units after a *mention* frame in the same sentence (`他骂我…`, `called me…`)
 * counts ×0.15; any *counter-speech* phrase (`请不要骂人`) scales everything by 0.3.
 *
 * **Speed** (the hot path of every `analyze()` call; see docs/abuse-scoring.md#speed):
 * - Folding is one `charCodeAt` pass into reused typed arrays. Each code unit's fold through the shared
 *   `foldStages` (invisibles, NFKC, enclosed digits, confusables) and Traditional → Simplified is computed
 *   once, by running the shared normaliser on that one character, and cached in a 64 Ki-entry table; so the
 *   fold is the shared normaliser's, not a second one. Folds that are not 1:1 (deletions, expansions)
 *   keep an exact offset map. The two context-dependent stages run here on the buffer (leetspeak, same rules
 *   as {@link leetspeakStage}) or, for the rare text where e-mail obfuscation applies, the whole shared
 *   pipeline runs instead.
 * - The trie is an open-addressing hash of `(node, unit) → child` in typed arrays, behind a 64 Ki-bit set of
 *   the units a term can start with: most positions cost one bit test.
 * - Nothing is allocated for a text without hits except the result itself; spans are built only for hits.
 *
 * Hand-written rather than obscenity's matcher: obscenity's patterns are Latin-word based and its
 * transformers cannot report offsets through our normaliser's map.
 *
 * @module
 */
import { createNormalizer, emailObfuscationStage, foldStages } from '../normalize/index.ts'
import type { NormalizedText, Normalizer, NormalizeStage } from '../normalize/index.ts'
import { ABUSE_CATEGORIES } from './types.ts'
import type { AbuseCategory, AbuseSpan, ThreatTarget } from './types.ts'
import { LEXICON_SOURCE } from './lexicon.ts'
import { leetspeakStage, traditionalToSimplifiedStage } from './stages.ts'
import { T2S_PAIRS } from './t2s-table.ts'
import {
  COUNTER_FACTOR,
  lexiconLines,
  spellingsOf,
  isLatin,
  MENTION_FACTOR,
  MENTION_REACH,
  SENTENCE_END,
  SEPARATORS,
} from './syntax.ts'

// ---------------------------------------------------------------------------------------------------------
// Lexicon compilation
// ---------------------------------------------------------------------------------------------------------

const KIND_TERM = 0
const KIND_GROUP = 1
const KIND_MENTION = 2
const KIND_COUNTER = 3
const KIND_INNOCENT = 4
const KINDS: Readonly<Record<string, number>> = {
  group: KIND_GROUP,
  mention: KIND_MENTION,
  counter: KIND_COUNTER,
  innocent: KIND_INNOCENT,
}

interface Entry {
  kind: number
  /** Category indices (into {@link ABUSE_CATEGORIES}) and weights, interleaved: `[cat, w, cat, w, …]`. */
  weights: number[]
  target: ThreatTarget | undefined
}

/** Node flags. */
const F_SHORT = 1 // short Latin word (≤ 3 letters): no separator skipping
const F_LATIN_END = 2 // ends with a Latin letter or digit: a word boundary is required after it

/** The compiled trie; node 0 is the root. */
interface Trie {
  entries: Entry[]
  /** Per node: index into `entries`, or -1. */
  entry: Int32Array
  flags: Uint8Array
  /** Open-addressing hash of edges: key parent node and unit, value child node (0 = empty slot). */
  hParent: Int32Array
  hUnit: Uint16Array
  hChild: Int32Array
  hMask: number
  /** Bit set over code units: which (lower-cased) units start a term. */
  starts: Uint32Array
}

const hashEdge = (parent: number, unit: number, mask: number): number =>
  ((Math.imul(parent, 0x9e3779b1) ^ Math.imul(unit, 0x85ebca6b)) >>> 0) & mask

/** Parses lexicon source text into a trie. Misuse (an unknown tag) throws. */
function buildTrie(source: string): Trie {
  // First a Map trie (simple to build), then flattened into typed arrays (fast to walk).
  interface Node {
    next: Map<number, Node>
    id: number
    entry: number
    flags: number
  }
  const nodes: Node[] = []
  const node = (): Node => {
    const n: Node = { next: new Map(), id: nodes.length, entry: -1, flags: 0 }
    nodes.push(n)
    return n
  }
  const root = node()
  const entries: Entry[] = []
  for (const { line, terms, tags } of lexiconLines(source)) {
    const entry: Entry = { kind: KIND_TERM, weights: [], target: undefined }
    let threat = false
    for (const tag of tags.split(/\s+/)) {
      const [name = '', w] = tag.split('=')
      const cat = (ABUSE_CATEGORIES as readonly string[]).indexOf(name)
      if (KINDS[name] !== undefined) entry.kind = KINDS[name]
      else if (name === 'threat:family') entry.target = 'family'
      else if (name === 'threat:children') entry.target = 'children'
      else if (cat >= 0) {
        entry.weights.push(cat, Number(w))
        if (name === 'threat') threat = true
      } else throw new Error(`[comment-shield] unknown lexicon tag "${tag}" in line "${line}"`)
    }
    if (threat && entry.target === undefined) entry.target = 'person'
    const id = entries.push(entry) - 1
    for (const base of terms) {
      for (const term of spellingsOf(base)) {
        let at = root
        for (let i = 0; i < term.length; i++) {
          const c = term.charCodeAt(i)
          let child = at.next.get(c)
          if (!child) at.next.set(c, (child = node()))
          at = child
        }
        at.entry = id
        at.flags =
          (/^[a-z0-9]{1,3}$/.test(term) ? F_SHORT : 0) |
          (isLatin(term.charCodeAt(term.length - 1)) ? F_LATIN_END : 0)
      }
    }
  }
  let size = 16
  while (size < nodes.length * 2) size *= 2
  const trie: Trie = {
    entries,
    entry: new Int32Array(nodes.length),
    flags: new Uint8Array(nodes.length),
    hParent: new Int32Array(size),
    hUnit: new Uint16Array(size),
    hChild: new Int32Array(size),
    hMask: size - 1,
    starts: new Uint32Array(2048),
  }
  for (const n of nodes) {
    trie.entry[n.id] = n.entry
    trie.flags[n.id] = n.flags
    for (const [unit, child] of n.next) {
      let h = hashEdge(n.id, unit, trie.hMask)
      while (trie.hChild[h] !== 0) h = (h + 1) & trie.hMask
      trie.hParent[h] = n.id
      trie.hUnit[h] = unit
      trie.hChild[h] = child.id
      if (n === root) trie.starts[unit >>> 5]! |= 1 << (unit & 31)
    }
  }
  return trie
}

/** The child of `parent` along `unit`, or 0. */
function child(t: Trie, parent: number, unit: number): number {
  let h = hashEdge(parent, unit, t.hMask)
  for (;;) {
    const c = t.hChild[h]!
    if (c === 0 || (t.hParent[h] === parent && t.hUnit[h] === unit)) return c
    h = (h + 1) & t.hMask
  }
}

// ---------------------------------------------------------------------------------------------------------
// Folding
// ---------------------------------------------------------------------------------------------------------

/** `FOLD[u]`: 0 = not computed yet, 1 = not a 1:1 fold (see `complexFold`), else the folded unit. */
let FOLD: Uint16Array | undefined
let foldOne: Normalizer | undefined
let t2s: Map<number, number> | undefined
const COMPLEX = new Map<number, string>()
const COMPLEX_LIMIT = 4096

/** The fold of one code point: the shared fold stages, then Traditional → Simplified. */
function foldCodePoint(cp: number): string {
  foldOne ??= createNormalizer(foldStages)
  if (!t2s) {
    t2s = new Map()
    for (let i = 0; i + 1 < T2S_PAIRS.length; i += 2)
      t2s.set(T2S_PAIRS.charCodeAt(i), T2S_PAIRS.charCodeAt(i + 1))
  }
  const folded = foldOne(String.fromCodePoint(cp)).text
  let out = ''
  for (let i = 0; i < folded.length; i++) {
    const c = folded.charCodeAt(i)
    out += String.fromCharCode(t2s.get(c) ?? c)
  }
  return out
}

/** Cached fold of a code point whose fold is not one unit (bounded: cleared when full). */
function complexFold(cp: number): string {
  let s = COMPLEX.get(cp)
  if (s === undefined) {
    s = foldCodePoint(cp)
    if (COMPLEX.size >= COMPLEX_LIMIT) COMPLEX.clear()
    COMPLEX.set(cp, s)
  }
  return s
}

function foldTable(): Uint16Array {
  if (!FOLD) {
    FOLD = new Uint16Array(0x10000)
    // ASCII is left alone by every fold stage; surrogates are handled per code point.
    for (let c = 0; c < 0x80; c++) FOLD[c] = c
    FOLD.fill(1, 0xd800, 0xe000)
  }
  return FOLD
}

const LEET = new Uint8Array(128)
for (const [k, v] of ['0o', '1i', '3e', '4a', '5s', '7t', '@a', '$s', '!i', '|l'])
  LEET[k!.charCodeAt(0)] = v!.charCodeAt(0)
const isAsciiLetter = (c: number): boolean => (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a
const isLeetTokenUnit = (c: number): boolean =>
  isAsciiLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x40 || c === 0x24 || c === 0x21 || c === 0x7c

const SEP_ASCII = new Uint8Array(128)
for (const c of SEPARATORS) if (c < 128) SEP_ASCII[c] = 1
const isSeparator = (c: number): boolean => (c < 128 ? SEP_ASCII[c] === 1 : SEPARATORS.has(c))
const isLocalChar = (c: number): boolean =>
  isAsciiLetter(c) ||
  (c >= 0x30 && c <= 0x39) ||
  c === 0x2e ||
  c === 0x5f ||
  c === 0x25 ||
  c === 0x2b ||
  c === 0x2d
const isLabelChar = (c: number): boolean => isAsciiLetter(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d
// Spaces, tabs and the brackets of `(at)`, `[at]`, `【at】`…
const isMailPad = (c: number): boolean =>
  c === 0x20 ||
  c === 0x09 ||
  c === 0x28 ||
  c === 0x29 ||
  c === 0x5b ||
  c === 0x5d ||
  c === 0x7b ||
  c === 0x7d ||
  c === 0x3c ||
  c === 0x3e ||
  c === 0x3010 ||
  c === 0x3011
// Where a domain's separator can start: `.`, `点`, `dot`, or a bracket of `(dot)`.
const isDotStart = (c: number): boolean =>
  c === 0x2e ||
  c === 0x70b9 ||
  (c | 0x20) === 0x64 ||
  c === 0x28 ||
  c === 0x5b ||
  c === 0x7b ||
  c === 0x3c ||
  c === 0x3010

// ---------------------------------------------------------------------------------------------------------
// The engine: one scratch state per scorer (scoring is synchronous, so reuse is safe)
// ---------------------------------------------------------------------------------------------------------

/**
 * What one scan leaves behind, in reused buffers. Valid until the next scan of the same engine.
 *
 * @internal
 */
export interface RuleScan {
  /** The text scanned. */
  text: string
  /**
   * Folded units `units[0, length)`; unit `i` came from `text.slice(starts[i], ends[i])` when `mapped`,
   * else from `text.slice(i, i + 1)` (the fold was 1:1 and `starts`/`ends` are stale).
   */
  units: Uint16Array
  mapped: boolean
  starts: Int32Array
  ends: Int32Array
  length: number
  /** The folded text differs from `text` in a way the model's own folding would see. */
  modelVisible: boolean
  /** Per category (order of {@link ABUSE_CATEGORIES}): the rule probability. */
  categories: Float64Array
  /** Hits: `[start, end, entry]` triples in folded offsets. */
  hits: Int32Array
  hitCount: number
  /** Folded spans the model should not see, `[start, end]` pairs. */
  masks: Int32Array
  maskCount: number
  counterSpeech: boolean
  group: boolean
  mentionOnly: boolean
  /** Threat targets in order of appearance, or null. */
  targets: ThreatTarget[] | null
  /** Spans in original offsets, or null when nothing matched. */
  spans: AbuseSpan[] | null
}

/**
 * The compiled rule engine behind a {@link RuleScorer}.
 *
 * @internal
 */
export interface RuleEngine {
  /** Scans a text; the result lives in reused buffers until the next call. */
  scan(text: string): RuleScan
  /** The model's input for the last scan: folded text with masked spans blanked. */
  modelInput(scan: RuleScan): string
}

const INSULT = ABUSE_CATEGORIES.indexOf('insult')
const IDENTITY = ABUSE_CATEGORIES.indexOf('identity_attack')
const PROFANITY = ABUSE_CATEGORIES.indexOf('profanity')
const CATEGORY_COUNT = ABUSE_CATEGORIES.length

let slowStages: NormalizeStage[] | undefined
let emailStage: NormalizeStage | undefined

function createEngine(trie: Trie): RuleEngine {
  const fold = foldTable()
  let cap = 256
  const scan: RuleScan = {
    text: '',
    units: new Uint16Array(cap),
    mapped: false,
    starts: new Int32Array(cap),
    ends: new Int32Array(cap),
    length: 0,
    modelVisible: false,
    categories: new Float64Array(CATEGORY_COUNT),
    hits: new Int32Array(48),
    hitCount: 0,
    masks: new Int32Array(32),
    maskCount: 0,
    counterSpeech: false,
    group: false,
    mentionOnly: false,
    targets: null,
    spans: null,
  }
  let slow: Normalizer | undefined

  function grow(need: number): void {
    while (cap < need) cap *= 2
    const u = new Uint16Array(cap)
    u.set(scan.units)
    const s = new Int32Array(cap)
    s.set(scan.starts)
    const e = new Int32Array(cap)
    e.set(scan.ends)
    scan.units = u
    scan.starts = s
    scan.ends = e
  }

  /** The whole shared pipeline, for texts where a context-dependent fold stage applies. */
  function foldSlow(text: string): void {
    slowStages ??= [...foldStages, leetspeakStage(), traditionalToSimplifiedStage()]
    slow ??= createNormalizer(slowStages)
    const n = slow(text)
    if (n.text.length + 1 > cap) grow(n.text.length + 1)
    for (let i = 0; i < n.text.length; i++) {
      scan.units[i] = n.text.charCodeAt(i)
      scan.starts[i] = n.map[i]!
      scan.ends[i] = n.ends[i]!
    }
    scan.length = n.text.length
    scan.mapped = true
    scan.modelVisible = n.text !== text
  }

  /**
   * True when e-mail obfuscation might rewrite the folded buffer: an "at" (`@`, `at`, `艾特`, `圈a`) with a
   * local-part character before it (past at most six spaces, tabs or brackets) and, after it, a domain label
   * followed by a dot form. A superset of what the stage's patterns need, so a false answer is exact.
   */
  function mayBeMail(n: number): boolean {
    const u = scan.units
    for (let i = 0; i < n; i++) {
      const c = u[i]!
      let len = 0
      if (c === 0x40) len = 1
      else if ((c | 0x20) === 0x61 && (u[i + 1]! | 0x20) === 0x74 && i + 1 < n) len = 2
      else if (
        ((c === 0x827e && u[i + 1] === 0x7279) || (c === 0x5708 && (u[i + 1]! | 0x20) === 0x61)) &&
        i + 1 < n
      )
        len = 2
      if (len === 0) continue
      let l = i - 1
      for (let k = 0; l >= 0 && k < 6 && isMailPad(u[l]!); k++) l--
      if (l < 0 || !isLocalChar(u[l]!)) continue
      let r = i + len
      for (let k = 0; r < n && k < 6 && isMailPad(u[r]!); k++) r++
      const label = r
      while (r < n && isLabelChar(u[r]!)) r++
      if (r === label) continue
      for (let k = 0; r < n && k < 3 && (u[r] === 0x20 || u[r] === 0x09); k++) r++
      if (r < n && isDotStart(u[r]!)) return true
    }
    return false
  }

  /** Switches the scan from the implicit identity map to explicit `starts`/`ends` for the first `n` units. */
  function materialize(n: number): void {
    for (let k = 0; k < n; k++) {
      scan.starts[k] = k
      scan.ends[k] = k + 1
    }
    scan.mapped = true
  }

  /** Folds `text` into the scan buffers; returns false when the slow pipeline must run instead. */
  function foldFast(text: string): boolean {
    const len = text.length
    if (len + 1 > cap) grow(len + 1)
    let u = scan.units
    let st = scan.starts
    let en = scan.ends
    let n = 0
    let visible = false
    let i = 0
    scan.mapped = false
    while (i < len) {
      const c = text.charCodeAt(i)
      let v = fold[c]!
      if (v === 0) {
        const s = foldCodePoint(c)
        v = fold[c] = s.length === 1 && s.charCodeAt(0) > 1 ? s.charCodeAt(0) : 1
      }
      if (v !== 1) {
        if (v !== c && !(c >= 0xff01 && c <= 0xff5e && c !== 0xff07 && c !== 0xff3f)) visible = true
        if (scan.mapped) {
          st[n] = i
          en[n] = i + 1
        }
        u[n++] = v
        i++
        continue
      }
      // Not 1:1: a surrogate, a deleted invisible, or an expansion (⑩ → 10).
      let cpLen = 1
      let cp = c
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < len) {
        const d = text.charCodeAt(i + 1)
        if (d >= 0xdc00 && d <= 0xdfff) {
          cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000
          cpLen = 2
        }
      }
      if (cp >= 0xd800 && cp <= 0xdfff) {
        // A lone surrogate is left as it is, unless a deletion made it a pair (the pipeline would then
        // fold the pair): leave that rare case to the pipeline.
        if (cp >= 0xdc00 && n > 0 && u[n - 1]! >= 0xd800 && u[n - 1]! <= 0xdbff) return false
        if (scan.mapped) {
          st[n] = i
          en[n] = i + 1
        }
        u[n++] = c
        i++
        continue
      }
      const s = complexFold(cp)
      const same =
        cpLen === s.length &&
        s.charCodeAt(0) === c &&
        (cpLen === 1 || s.charCodeAt(1) === text.charCodeAt(i + 1))
      if (n + s.length + 1 > cap) {
        scan.length = n
        grow(n + s.length + len - i + 1)
        u = scan.units
        st = scan.starts
        en = scan.ends
      }
      if (same) {
        for (let k = 0; k < cpLen; k++) {
          if (scan.mapped) {
            st[n] = i + k
            en[n] = i + k + 1
          }
          u[n++] = text.charCodeAt(i + k)
        }
      } else {
        visible = true
        if (!scan.mapped) materialize(n)
        for (let k = 0; k < s.length; k++) {
          u[n] = s.charCodeAt(k)
          st[n] = i
          en[n++] = i + cpLen
        }
      }
      i += cpLen
    }
    scan.length = n
    if (mayBeMail(n)) {
      emailStage ??= emailObfuscationStage()
      const edits = emailStage.edits(unitsToString(u, 0, n))
      if (edits && edits.length > 0) return false
    }
    if (leet(u, n)) visible = true
    scan.modelVisible = visible
    return true
  }

  /** Leetspeak on the buffer, exactly as {@link leetspeakStage}; returns whether anything changed. */
  function leet(u: Uint16Array, n: number): boolean {
    let changed = false
    let i = 0
    while (i < n) {
      if (!isLeetTokenUnit(u[i]!)) {
        i++
        continue
      }
      let j = i
      let letters = 0
      let leets = 0
      while (j < n && isLeetTokenUnit(u[j]!)) {
        const c = u[j]!
        if (isAsciiLetter(c)) letters++
        else if (LEET[c] !== 0) leets++
        j++
      }
      // A token of 2+ units with a letter and a leet character, and not an `@handle` (`@` + 3+ letters).
      if (j - i >= 2 && letters > 0 && leets > 0 && !(u[i] === 0x40 && letters === j - i - 1 && j - i >= 4)) {
        let prev = 0
        let edited = false
        for (let k = i; k < j; k++) {
          const c = u[k]!
          const r = LEET[c]!
          if (r !== 0) {
            const bang = c === 0x21 || c === 0x7c
            if (!bang || (isAsciiLetter(prev) && k + 1 < j && isAsciiLetter(u[k + 1]!))) {
              u[k] = r
              edited = true
            }
          }
          prev = c
        }
        // The stage replaces the whole token in one edit: every unit of it maps to the whole token.
        if (edited) {
          changed = true
          if (!scan.mapped) materialize(n)
          const from = scan.starts[i]!
          const to = scan.ends[j - 1]!
          scan.starts.fill(from, i, j)
          scan.ends.fill(to, i, j)
        }
      }
      i = j
    }
    return changed
  }

  function pushHit(start: number, end: number, entry: number): void {
    if (scan.hitCount * 3 + 3 > scan.hits.length) {
      const bigger = new Int32Array(scan.hits.length * 2)
      bigger.set(scan.hits)
      scan.hits = bigger
    }
    const k = scan.hitCount++ * 3
    scan.hits[k] = start
    scan.hits[k + 1] = end
    scan.hits[k + 2] = entry
  }

  function pushMask(start: number, end: number): void {
    if (scan.maskCount * 2 + 2 > scan.masks.length) {
      const bigger = new Int32Array(scan.masks.length * 2)
      bigger.set(scan.masks)
      scan.masks = bigger
    }
    const k = scan.maskCount++ * 2
    scan.masks[k] = start
    scan.masks[k + 1] = end
  }

  /** Greedy longest match from each start position (see the module comment). */
  function match(): void {
    const u = scan.units
    const n = scan.length
    const starts = trie.starts
    const entryOf = trie.entry
    const flags = trie.flags
    scan.hitCount = 0
    let i = 0
    while (i < n) {
      let c0 = u[i]!
      if (c0 >= 0x41 && c0 <= 0x5a) c0 += 32
      if ((starts[c0 >>> 5]! & (1 << (c0 & 31))) === 0) {
        i++
        continue
      }
      if (isLatin(c0) && i > 0) {
        const p = u[i - 1]!
        if (isLatin(p >= 0x41 && p <= 0x5a ? p + 32 : p)) {
          i++
          continue
        }
      }
      let node = child(trie, 0, c0)
      let bestEnd = -1
      let bestEntry = -1
      let j = i + 1
      let skipped = 0
      for (;;) {
        const e = entryOf[node]!
        if (e >= 0) {
          const f = flags[node]!
          let ok = !((f & F_SHORT) !== 0 && skipped > 0)
          if (ok && (f & F_LATIN_END) !== 0 && j < n) {
            const d = u[j]!
            ok = !isLatin(d >= 0x41 && d <= 0x5a ? d + 32 : d)
          }
          if (ok) {
            bestEnd = j
            bestEntry = e
          }
        }
        if (j >= n) break
        let c = u[j]!
        if (c >= 0x41 && c <= 0x5a) c += 32
        const next = child(trie, node, c)
        if (next !== 0) {
          node = next
          j++
        } else if (skipped < 3 && isSeparator(c)) {
          j++
          skipped++
        } else break
      }
      if (bestEnd >= 0) {
        pushHit(i, bestEnd, bestEntry)
        i = bestEnd
      } else i++
    }
  }

  /** Context rules and noisy-OR over the hits. */
  function evaluate(): void {
    const cats = scan.categories
    cats.fill(0)
    scan.maskCount = 0
    scan.counterSpeech = false
    scan.group = false
    scan.mentionOnly = false
    scan.targets = null
    scan.spans = null
    if (scan.hitCount === 0) return
    const text = scan.text
    const u = scan.units
    const keep = cats // holds 1 − p while accumulating
    keep.fill(1)
    const spans: AbuseSpan[] = []
    const groupSpans: number[] = []
    let mentionEnd = -1
    let used = false
    let mentioned = false
    let insultUse = 0
    for (let h = 0; h < scan.hitCount; h++) {
      const hs = scan.hits[h * 3]!
      const he = scan.hits[h * 3 + 1]!
      const e = trie.entries[scan.hits[h * 3 + 2]!]!
      if (e.kind === KIND_COUNTER) scan.counterSpeech = true
      if (e.kind === KIND_GROUP) {
        scan.group = true
        groupSpans.push(originalStart(hs), originalEnd(hs, he))
      }
      if (e.kind === KIND_INNOCENT) pushMask(hs, he)
      if (e.kind === KIND_MENTION) mentionEnd = he
      if (e.kind !== KIND_TERM) continue
      let mention = false
      if (mentionEnd >= 0 && hs - mentionEnd <= MENTION_REACH) {
        mention = true
        for (let k = mentionEnd; k < hs; k++) if (SENTENCE_END.has(u[k]!)) mention = false
      }
      const factor = mention ? MENTION_FACTOR : 1
      if (mention) mentioned = true
      const start = originalStart(hs)
      const end = originalEnd(hs, he)
      let abusive = false
      const w = e.weights
      for (let k = 0; k < w.length; k += 2) {
        const cat = w[k]!
        keep[cat]! *= 1 - w[k + 1]! * factor
        spans.push({ category: ABUSE_CATEGORIES[cat]!, start, end, text: text.slice(start, end) })
        if (cat !== PROFANITY) abusive = true
        if (cat === INSULT) insultUse = Math.max(insultUse, w[k + 1]! * factor)
      }
      if (!abusive) pushMask(hs, he)
      else if (!mention) used = true
      if (e.target && !mention) {
        scan.targets ??= []
        if (!scan.targets.includes(e.target)) scan.targets.push(e.target)
      }
    }
    const scale = scan.counterSpeech ? COUNTER_FACTOR : 1
    for (let c = 0; c < CATEGORY_COUNT; c++) cats[c] = (1 - keep[c]!) * scale
    // A group named together with an insult is an attack on the group ("黑人都是垃圾").
    if (scan.group && insultUse > 0) {
      cats[IDENTITY] = 1 - (1 - cats[IDENTITY]!) * (1 - insultUse * 0.9)
      const insults = spans.filter((s) => s.category === 'insult')
      for (let k = 0; k < groupSpans.length; k += 2) {
        const start = groupSpans[k]!
        const end = groupSpans[k + 1]!
        spans.push({ category: 'identity_attack', start, end, text: text.slice(start, end) })
      }
      for (const { start, end } of insults)
        spans.push({ category: 'identity_attack', start, end, text: text.slice(start, end) })
    }
    scan.spans = spans
    scan.mentionOnly = mentioned && !used
  }

  // Folded span → original span, as `toOriginalSpan` (spans here are never empty).
  const originalStart = (s: number): number => (scan.mapped ? scan.starts[s]! : s)
  const originalEnd = (s: number, e: number): number =>
    scan.mapped ? Math.max(scan.starts[s]!, scan.ends[e - 1]!) : e

  return {
    scan(text: string): RuleScan {
      scan.text = text
      if (!foldFast(text)) foldSlow(text)
      match()
      evaluate()
      return scan
    },
    modelInput(s: RuleScan): string {
      if (s.maskCount === 0) return s.modelVisible ? unitsToString(s.units, 0, s.length) : s.text
      let out = ''
      let at = 0
      for (let k = 0; k < s.maskCount; k++) {
        out += `${unitsToString(s.units, at, s.masks[k * 2]!)} `
        at = s.masks[k * 2 + 1]!
      }
      return out + unitsToString(s.units, at, s.length)
    },
  }
}

function unitsToString(u: Uint16Array, from: number, to: number): string {
  let out = ''
  // Chunked: String.fromCharCode.apply has an argument-count limit.
  for (let i = from; i < to; i += 4096)
    out += String.fromCharCode.apply(null, u.subarray(i, Math.min(to, i + 4096)) as unknown as number[])
  return out
}

// ---------------------------------------------------------------------------------------------------------
// Public API
// ---------------------------------------------------------------------------------------------------------

/** What the rule layer found; categories exclude `doxing` (that comes from the PII findings). */
export interface RuleFindings {
  /** Noisy-OR of the matched terms' weights, per category (doxing is always 0 here). */
  categories: Record<AbuseCategory, number>
  /** Spans in original-text offsets. */
  spans: AbuseSpan[]
  /** Who the threats target. */
  threatTargets: ThreatTarget[]
  /** Abusive terms occurred only inside mention frames (`他骂我傻逼…`): none was *used*. */
  mentionOnly: boolean
  /** Counter-speech occurred (`请不要骂人`). */
  counterSpeech: boolean
  /** An identity group was named. */
  group: boolean
  /** Normalised-text spans the model should not see: innocent phrases and profanity-only terms. */
  maskForModel: [number, number][]
  /** The normalised text the rules matched on. */
  normalized: NormalizedText
}

/** Options of {@link createRuleScorer}. */
export interface RuleScorerOptions {
  /** Extra lexicon lines in the format of `lexicon.ts` (site-specific terms). */
  extraLexicon?: string
}

/** The rule layer made by {@link createRuleScorer}. */
export interface RuleScorer {
  /** Finds lexicon terms and context in a text. */
  find(text: string): RuleFindings
}

// The engine behind each scorer made here; `createLocalScorer` uses it directly (no intermediate objects).
const engines = new WeakMap<RuleScorer, RuleEngine>()

/**
 * The compiled engine of a scorer made by {@link createRuleScorer}, or undefined for a custom `RuleScorer`.
 *
 * @internal
 */
export function engineOf(scorer: RuleScorer): RuleEngine | undefined {
  return engines.get(scorer)
}

/**
 * Creates the rule layer. Build it once: the trie is compiled here.
 *
 * @param options - extra lexicon lines
 * @returns the rule scorer
 * @example
 * ```ts
 * createRuleScorer().find('你个傻 逼').categories.insult // 0.92
 * ```
 * @see https://github.com/comment-shield/comment-shield/blob/main/docs/abuse-scoring.md#rule-layer
 */
export function createRuleScorer(options: RuleScorerOptions = {}): RuleScorer {
  const trie = buildTrie(options.extraLexicon ? `${LEXICON_SOURCE}\n${options.extraLexicon}` : LEXICON_SOURCE)
  const engine = createEngine(trie)
  const scorer: RuleScorer = {
    find(text: string): RuleFindings {
      const input = typeof text === 'string' ? text : String(text)
      const s = engine.scan(input)
      const categories = {} as Record<AbuseCategory, number>
      ABUSE_CATEGORIES.forEach((c, i) => (categories[c] = s.categories[i]!))
      const maskForModel: [number, number][] = []
      for (let k = 0; k < s.maskCount; k++) maskForModel.push([s.masks[k * 2]!, s.masks[k * 2 + 1]!])
      const map = new Int32Array(s.length + 1)
      const ends = new Int32Array(s.length)
      for (let k = 0; k < s.length; k++) {
        map[k] = s.mapped ? s.starts[k]! : k
        ends[k] = s.mapped ? s.ends[k]! : k + 1
      }
      map[s.length] = input.length
      const text2 = unitsToString(s.units, 0, s.length)
      return {
        categories,
        spans: s.spans ?? [],
        threatTargets: s.targets ?? [],
        mentionOnly: s.mentionOnly,
        counterSpeech: s.counterSpeech,
        group: s.group,
        maskForModel,
        normalized: {
          text: text2,
          original: input,
          map,
          ends,
          changed: text2 !== input,
        },
      }
    },
  }
  engines.set(scorer, engine)
  return scorer
}
