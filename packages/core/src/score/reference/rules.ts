/**
 * The rule layer as it was before the compiled matcher (a `Map` trie over a full normalisation of every
 * text), kept unchanged as a test oracle: `rules.test.ts` checks that the fast engine finds exactly what this
 * finds. Test-only; nothing in the package imports it.
 *
 * @module
 */
import { createNormalizer, foldStages, toOriginalSpan } from '../../normalize/index.ts'
import type { NormalizedText, Normalizer } from '../../normalize/index.ts'
import { ABUSE_CATEGORIES } from '../types.ts'
import type { AbuseCategory, AbuseSpan, ThreatTarget } from '../types.ts'
import { LEXICON_SOURCE } from '../lexicon.ts'
import { leetspeakStage, traditionalToSimplifiedStage } from '../stages.ts'

/** What a lexicon entry does. */
type EntryKind = 'term' | 'group' | 'mention' | 'counter' | 'innocent'

interface Entry {
  kind: EntryKind
  weights: [AbuseCategory, number][]
  target?: ThreatTarget
  /** Latin letters at the start / end: a word boundary is required there. */
  latinStart: boolean
  latinEnd: boolean
  /** Short Latin word (≤ 3 letters): no separator skipping. */
  short: boolean
}

interface TrieNode {
  next: Map<number, TrieNode>
  entry?: Entry
}

function expand(term: string): string[] {
  const open = term.indexOf('{')
  if (open < 0) return [term]
  const close = term.indexOf('}', open)
  const head = term.slice(0, open)
  const tail = expand(term.slice(close + 1))
  const out: string[] = []
  for (const alt of term.slice(open + 1, close).split('|')) for (const t of tail) out.push(head + alt + t)
  return out
}

const isLatin = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)
const lower = (c: number): number => (c >= 0x41 && c <= 0x5a ? c + 32 : c)
// Separators skipped inside a match (space, tab, . * _ - ~ · | ' / \ 、 + ` ^ " and full stops of obfuscation).
const SEPARATORS = new Set([...' \t\n.*_-~·|\'/\\、+`^"•'].map((c) => c.charCodeAt(0)))
const SENTENCE_END = new Set([...'。！？!?.;；\n'].map((c) => c.charCodeAt(0)))

/** Parses lexicon source text into a trie. Misuse (an unknown tag) throws. */
function buildTrie(source: string): TrieNode {
  const root: TrieNode = { next: new Map() }
  for (const raw of source.split('\n')) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const [terms = '', tags = ''] = line.split('=>').map((s) => s.trim())
    let kind: EntryKind = 'term'
    const weights: [AbuseCategory, number][] = []
    let target: ThreatTarget | undefined
    for (const tag of tags.split(/\s+/)) {
      const [name = '', w] = tag.split('=')
      if (name === 'group' || name === 'mention' || name === 'counter' || name === 'innocent') kind = name
      else if (name === 'threat:family') target = 'family'
      else if (name === 'threat:children') target = 'children'
      else if ((ABUSE_CATEGORIES as readonly string[]).includes(name))
        weights.push([name as AbuseCategory, Number(w)])
      else throw new Error(`[comment-shield] unknown lexicon tag "${tag}" in line "${line}"`)
    }
    if (weights.some(([c]) => c === 'threat') && target === undefined) target = 'person'
    for (const base of terms.split(',')) {
      for (const t of expand(base.trim().toLowerCase())) {
        const variants = t.includes(' ') && /^[a-z0-9' ]+$/.test(t) ? [t, t.replaceAll(' ', '')] : [t]
        for (const term of variants) {
          let node = root
          for (let i = 0; i < term.length; i++) {
            const c = term.charCodeAt(i)
            let child = node.next.get(c)
            if (!child) node.next.set(c, (child = { next: new Map() }))
            node = child
          }
          const first = term.charCodeAt(0)
          const last = term.charCodeAt(term.length - 1)
          node.entry = {
            kind,
            weights,
            target,
            latinStart: isLatin(first),
            latinEnd: isLatin(last),
            short: /^[a-z0-9]{1,3}$/.test(term),
          }
        }
      }
    }
  }
  return root
}

/** One lexicon hit, in normalised-text offsets. */
interface Hit {
  start: number
  end: number
  entry: Entry
}

function findHits(text: string, root: TrieNode): Hit[] {
  const hits: Hit[] = []
  const n = text.length
  let i = 0
  while (i < n) {
    const c0 = lower(text.charCodeAt(i))
    let node = root.next.get(c0)
    if (!node || (isLatin(c0) && i > 0 && isLatin(lower(text.charCodeAt(i - 1))))) {
      i++
      continue
    }
    let best: Hit | undefined
    let j = i + 1
    let skipped = 0
    for (;;) {
      const e = node.entry
      if (e && !(e.short && skipped > 0) && !(e.latinEnd && j < n && isLatin(lower(text.charCodeAt(j)))))
        best = { start: i, end: j, entry: e }
      if (j >= n) break
      const c = lower(text.charCodeAt(j))
      const child: TrieNode | undefined = node.next.get(c)
      if (child) {
        node = child
        j++
      } else if (SEPARATORS.has(c) && skipped < 3) {
        j++
        skipped++
      } else break
    }
    if (best) {
      hits.push(best)
      i = best.end
    } else i++
  }
  return hits
}

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

const MENTION_REACH = 12
const MENTION_FACTOR = 0.15
const COUNTER_FACTOR = 0.3

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
  const root = buildTrie(options.extraLexicon ? `${LEXICON_SOURCE}\n${options.extraLexicon}` : LEXICON_SOURCE)
  const normalizer: Normalizer = createNormalizer([
    ...foldStages,
    leetspeakStage(),
    traditionalToSimplifiedStage(),
  ])
  return {
    find(text: string): RuleFindings {
      const normalized = normalizer(text)
      const hits = findHits(normalized.text, root)
      const keep = Object.fromEntries(ABUSE_CATEGORIES.map((c) => [c, 1])) as Record<AbuseCategory, number>
      const spans: AbuseSpan[] = []
      const targets = new Set<ThreatTarget>()
      const mask: [number, number][] = []
      let counter = false
      let group = false
      let mentionEnd = -1
      let used = false
      let mentioned = false
      let insultUse = 0
      const groupSpans: { start: number; end: number }[] = []
      const ntext = normalized.text
      for (const h of hits) {
        const e = h.entry
        if (e.kind === 'counter') counter = true
        if (e.kind === 'group') {
          group = true
          groupSpans.push(toOriginalSpan(normalized, h.start, h.end))
        }
        if (e.kind === 'innocent') mask.push([h.start, h.end])
        if (e.kind === 'mention') mentionEnd = h.end
        if (e.kind !== 'term') continue
        let mention = false
        if (mentionEnd >= 0 && h.start - mentionEnd <= MENTION_REACH) {
          mention = true
          for (let k = mentionEnd; k < h.start; k++)
            if (SENTENCE_END.has(ntext.charCodeAt(k))) mention = false
        }
        const factor = mention ? MENTION_FACTOR : 1
        if (mention) mentioned = true
        const { start, end } = toOriginalSpan(normalized, h.start, h.end)
        let abusive = false
        for (const [cat, w] of e.weights) {
          keep[cat] *= 1 - w * factor
          spans.push({ category: cat, start, end, text: text.slice(start, end) })
          if (cat !== 'profanity') abusive = true
          if (cat === 'insult') insultUse = Math.max(insultUse, w * factor)
        }
        if (!abusive) mask.push([h.start, h.end])
        else if (!mention) used = true
        if (e.target && !mention) targets.add(e.target)
      }
      const categories = Object.fromEntries(
        ABUSE_CATEGORIES.map((c) => [c, (1 - keep[c]) * (counter ? COUNTER_FACTOR : 1)]),
      ) as Record<AbuseCategory, number>
      // A group named together with an insult is an attack on the group ("黑人都是垃圾").
      if (group && insultUse > 0) {
        categories.identity_attack = 1 - (1 - categories.identity_attack) * (1 - insultUse * 0.9)
        const insults = spans.filter((s) => s.category === 'insult')
        for (const { start, end } of [...groupSpans, ...insults])
          spans.push({ category: 'identity_attack', start, end, text: text.slice(start, end) })
      }
      return {
        categories,
        spans,
        threatTargets: [...targets],
        mentionOnly: mentioned && !used,
        counterSpeech: counter,
        group,
        maskForModel: mask,
        normalized,
      }
    },
  }
}
