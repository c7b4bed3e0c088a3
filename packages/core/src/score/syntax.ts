/**
 * What the two rule engines (the fast trie in `rules.ts` for servers, the compact one in `compact.ts` for the
 * widget) must agree on: how a lexicon term expands, which characters are word characters, separators and
 * sentence ends, and how far and how strongly reported speech and counter-speech damp a match. One definition,
 * so the engines cannot drift apart (their equivalence is also property-tested).
 *
 * @module
 */

/**
 * Expands brace alternatives of a lexicon term: `{弄|打}死你` → `['弄死你', '打死你']`; `{的|}` allows nothing.
 *
 * @param term - a lexicon term
 * @returns every spelling it stands for
 */
export function expand(term: string): string[] {
  const open = term.indexOf('{')
  if (open < 0) return [term]
  const close = term.indexOf('}', open)
  const head = term.slice(0, open)
  const tail = expand(term.slice(close + 1))
  const out: string[] = []
  for (const alt of term.slice(open + 1, close).split('|')) for (const t of tail) out.push(head + alt + t)
  return out
}

/** One line of lexicon source: `term[,term…] => tag[=weight] …`. */
export interface LexiconLine {
  /** The line as written (trimmed), for error messages. */
  line: string
  /** Its comma-separated terms, trimmed. */
  terms: string[]
  /** Its tag list, as written after `=>`. */
  tags: string
}

/**
 * Splits lexicon source text into its lines, skipping blank lines and `#` comments.
 *
 * @param source - lexicon source text (see `lexicon.ts` for the format)
 * @returns its lines, in order
 */
export function lexiconLines(source: string): LexiconLine[] {
  const out: LexiconLine[] = []
  for (const raw of source.split('\n')) {
    const line = raw.trim()
    if (line === '' || line.startsWith('#')) continue
    const [terms = '', tags = ''] = line.split('=>').map((s) => s.trim())
    out.push({ line, terms: terms.split(',').map((t) => t.trim()), tags })
  }
  return out
}

/**
 * Every spelling a lexicon term matches: its brace expansions ({@link expand}), lower-cased; a word term with
 * spaces also without them (`sha bi` → `sha bi`, `shabi`).
 *
 * @param term - a lexicon term
 * @returns its spellings
 */
export function spellingsOf(term: string): string[] {
  const out: string[] = []
  for (const t of expand(term.toLowerCase())) {
    out.push(t)
    if (t.includes(' ') && /^[a-z0-9' ]+$/.test(t)) out.push(t.replaceAll(' ', ''))
  }
  return out
}

/** A lower-case Latin letter or an ASCII digit: a word character for word-boundary checks. */
export const isLatin = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39)

/** Separators skipped inside a match (space, tab, . * _ - ~ · | ' / \ 、 + ` ^ " and full stops of obfuscation). */
export const SEPARATORS: ReadonlySet<number> = new Set(
  [...' \t\n.*_-~·|\'/\\、+`^"•'].map((c) => c.charCodeAt(0)),
)

/** Characters that end a sentence: a mention cue does not reach across them. */
export const SENTENCE_END: ReadonlySet<number> = new Set([...'。！？!?.;；\n'].map((c) => c.charCodeAt(0)))

/** How many characters after a mention cue ("他骂我", "she called me") a term counts as quoted. */
export const MENTION_REACH = 12
/** Factor on a quoted (mentioned, not used) term's weight. */
export const MENTION_FACTOR = 0.15
/** Factor on every category when the text argues against abuse ("请不要骂人"). */
export const COUNTER_FACTOR = 0.3
