/**
 * The compact rule engine: the same lexicon, folding, matching and context rules as the fast engine of
 * `rules.ts`, written for size instead of speed (a `Map` trie walked over the shared normaliser's full
 * output; ~3 KB minified against ~9.5 KB). Browsers that score debounced typing use it (it is
 * `createAnalyzer()`'s default); servers keep the fast engine. The two are proven equivalent by property
 * tests (`rules.test.ts`): same categories, spans, targets, masks and offset maps for any string.
 *
 * Because it is also the oracle of the fast engine, keep it simple: any change to matching goes here first,
 * then into `rules.ts`, and the equivalence tests must stay green.
 *
 * @module
 */
import { createNormalizer, foldStages, toOriginalSpan } from '../normalize/index.ts'
import type { Normalizer } from '../normalize/index.ts'
import { combineScorer } from './combine.ts'
import type { LocalScorer, LocalScorerOptions } from './combine.ts'
import type { RuleFindings, RuleScorer, RuleScorerOptions } from './rules.ts'
import { ABUSE_CATEGORIES } from './types.ts'
import type { AbuseCategory, AbuseSpan, ThreatTarget } from './types.ts'
import { LEXICON_SOURCE } from './lexicon.ts'
import { leetspeakStage, traditionalToSimplifiedStage } from './stages.ts'
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

/** What a lexicon entry does. */
type EntryKind = 'term' | 'group' | 'mention' | 'counter' | 'innocent'

interface Entry {
  kind: EntryKind
  weights: [AbuseCategory, number][]
  target?: ThreatTarget
  /** Latin letter or digit at the end: a word boundary is required there. */
  latinEnd: boolean
  /** Short Latin word (≤ 3 letters): no separator skipping. */
  short: boolean
}

/**
 * The trie, flat: node 0 is the root; `edges` maps `node * 0x10000 + unit` to the child node, `entries` a
 * terminal node to its entry. One `Map` for all edges (not one per node) keeps building cheap: the lexicon's
 * cross-products expand to thousands of terms.
 */
interface Trie {
  edges: Map<number, number>
  entries: Map<number, Entry>
}

const lower = (c: number): number => (c >= 0x41 && c <= 0x5a ? c + 32 : c)

/** Parses lexicon source text into a trie. Misuse (an unknown tag) throws. */
function buildTrie(source: string): Trie {
  const edges = new Map<number, number>()
  const entries = new Map<number, Entry>()
  let nodes = 1
  for (const { line, terms, tags } of lexiconLines(source)) {
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
    // The line's entries by (latinEnd, short): shared by all its terms.
    const shapes: Entry[] = []
    for (const base of terms) {
      for (const term of spellingsOf(base)) {
        let node = 0
        for (let i = 0; i < term.length; i++) {
          const key = node * 0x10000 + term.charCodeAt(i)
          let child = edges.get(key)
          if (child === undefined) edges.set(key, (child = nodes++))
          node = child
        }
        const latinEnd = isLatin(term.charCodeAt(term.length - 1))
        const short = term.length <= 3 && /^[a-z0-9]+$/.test(term)
        const shape = (latinEnd ? 1 : 0) | (short ? 2 : 0)
        entries.set(node, (shapes[shape] ??= { kind, weights, target, latinEnd, short }))
      }
    }
  }
  return { edges, entries }
}

/** One lexicon hit, in normalised-text offsets. */
interface Hit {
  start: number
  end: number
  entry: Entry
}

function findHits(text: string, trie: Trie): Hit[] {
  const { edges, entries } = trie
  const hits: Hit[] = []
  const n = text.length
  let i = 0
  while (i < n) {
    const c0 = lower(text.charCodeAt(i))
    let node = edges.get(c0)
    if (node === undefined || (isLatin(c0) && i > 0 && isLatin(lower(text.charCodeAt(i - 1))))) {
      i++
      continue
    }
    let best: Hit | undefined
    let j = i + 1
    let skipped = 0
    for (;;) {
      const e = entries.get(node)
      if (e && !(e.short && skipped > 0) && !(e.latinEnd && j < n && isLatin(lower(text.charCodeAt(j)))))
        best = { start: i, end: j, entry: e }
      if (j >= n) break
      const c = lower(text.charCodeAt(j))
      const child: number | undefined = edges.get(node * 0x10000 + c)
      if (child !== undefined) {
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

/**
 * Creates the compact rule layer: finds exactly what `createRuleScorer()` finds, in fewer bytes and more
 * time. Build it once: the trie is compiled here.
 *
 * @param options - extra lexicon lines
 * @returns the rule scorer
 * @example
 * ```ts
 * createCompactRuleScorer().find('你个傻 逼').categories.insult // 0.92
 * ```
 * @see https://github.com/comment-shield/comment-shield/blob/main/docs/abuse-scoring.md#two-engines
 */
export function createCompactRuleScorer(options: RuleScorerOptions = {}): RuleScorer {
  const trie = buildTrie(options.extraLexicon ? `${LEXICON_SOURCE}\n${options.extraLexicon}` : LEXICON_SOURCE)
  const normalizer: Normalizer = createNormalizer([
    ...foldStages,
    leetspeakStage(),
    traditionalToSimplifiedStage(),
  ])
  return {
    find(input: string): RuleFindings {
      // Content is never an error: whatever a JavaScript caller passes is scored as a string.
      const text = typeof input === 'string' ? input : String(input)
      const normalized = normalizer(text)
      const hits = findHits(normalized.text, trie)
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

/**
 * Creates the embedded scorer (rules + model) over the compact rule engine: the results of
 * `createLocalScorer()`, for bundles where bytes matter more than speed (the widget). Default of
 * `createAnalyzer()`.
 *
 * @param options - which model and rules to use (default rules: `createCompactRuleScorer()`)
 * @returns a synchronous scorer
 * @example
 * ```ts
 * createCompactLocalScorer({ model: false }).score('兄弟们冲她微博').categories.incitement // 0.9
 * ```
 * @see https://github.com/comment-shield/comment-shield/blob/main/docs/abuse-scoring.md#two-engines
 */
export function createCompactLocalScorer(options: LocalScorerOptions = {}): LocalScorer {
  return combineScorer(options.rules ?? createCompactRuleScorer(), options.model, undefined)
}
