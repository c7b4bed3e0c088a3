/**
 * The abuse scorer's own normalisation stages, added after the shared `foldStages` of `normalize/`:
 * leetspeak and Traditional → Simplified Chinese. (Confusables, NFKC and invisibles come from `normalize/`.)
 *
 * @module
 */
import { createCharMapStage, createRegexStage } from '../normalize/index.ts'
import type { NormalizeStage } from '../normalize/index.ts'
import { T2S_PAIRS } from './t2s-table.ts'

const LEET: Readonly<Record<string, string>> = {
  '0': 'o',
  '1': 'i',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
  '|': 'l',
}

const isLetter = (c: string | undefined): boolean => c !== undefined && c >= 'a' && c <= 'z'

/**
 * Leetspeak: `sh1t`, `b!tch`, `@ss`, `1d10t` → `shit`, `bitch`, `ass`, `idiot`. Only inside a token that also
 * has a letter, so numbers (`13800138000`, `2024`) are never touched; `!` and `|` only between letters, so
 * `idiot!` keeps its exclamation mark.
 *
 * @returns a normalisation stage
 * @example
 * ```ts
 * normalize('you 1d10t', { stages: [leetspeakStage()] }).text // 'you idiot'
 * ```
 */
export function leetspeakStage(): NormalizeStage {
  // Linear: one character class, one quantifier. Gated by a cheap test for a letter next to a leet character,
  // so ordinary text (the common case) costs one scan.
  const gate = /[A-Za-z][0-9@$!|]|[0-9@$!|][A-Za-z]/
  const stage = createRegexStage('leetspeak', /[A-Za-z0-9@$!|]{2,}/g, (m) => {
    const token = m[0]
    const lower = token.toLowerCase()
    // `@user`, `@john`: a mention handle, not leet for "a".
    if (/^@[a-z]{3,}$/.test(lower)) return null
    let letters = 0
    let leet = 0
    for (const c of lower) {
      if (isLetter(c)) letters++
      else if (c in LEET) leet++
    }
    if (letters === 0 || leet === 0) return null
    let out = ''
    for (let i = 0; i < token.length; i++) {
      const c = token[i]!
      const r = LEET[c]
      if (r === undefined) out += c
      else if ((c === '!' || c === '|') && !(isLetter(lower[i - 1]) && isLetter(lower[i + 1]))) out += c
      else out += r
    }
    return out
  })
  return { name: stage.name, edits: (text) => (gate.test(text) ? stage.edits(text) : null) }
}

/**
 * Traditional → Simplified for the characters the lexicon uses (`廢物` → `废物`, `殺` → `杀`). The table is
 * derived from `opencc-js` by `npm run train` (see `t2s-table.ts`); opencc-js itself never ships.
 *
 * @returns a normalisation stage
 * @example
 * ```ts
 * normalize('你這個廢物', { stages: [traditionalToSimplifiedStage()] }).text // '你这个废物'
 * ```
 */
export function traditionalToSimplifiedStage(): NormalizeStage {
  const table: Record<string, string> = {}
  for (let i = 0; i + 1 < T2S_PAIRS.length; i += 2) table[T2S_PAIRS[i]!] = T2S_PAIRS[i + 1]!
  return createCharMapStage('traditional-to-simplified', table)
}
