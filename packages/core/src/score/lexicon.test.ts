import { describe, expect, it } from 'vitest'
import { LEXICON_SOURCE } from './lexicon.ts'
import { lexiconLines, spellingsOf } from './syntax.ts'

// The lexicon ships in the widget bundle, byte for byte: a term that another term of the same tags already
// spells out (`shabi` beside `sha bi`, `我知道你住哪` beside `我知道你{家|}{住在|住|在}{哪|…}`) costs bytes and does nothing.

interface Unit {
  term: string
  tags: string
}

const units: Unit[] = lexiconLines(LEXICON_SOURCE).flatMap(({ terms, tags }) =>
  terms.map((term) => ({ term, tags })),
)

/** What the engines build from the units: each spelling → its tags; the last line wins. */
function spellings(list: readonly Unit[]): Map<string, string> {
  const map = new Map<string, string>()
  for (const { term, tags } of list) for (const t of spellingsOf(term)) map.set(t, tags)
  return map
}

describe('LEXICON_SOURCE', () => {
  it('has no term that changes nothing (every term adds a spelling or is the one that sets its tags)', () => {
    const all = spellings(units)
    const dead = units.filter((_, i) => {
      const without = spellings(units.filter((__, j) => j !== i))
      return without.size === all.size && [...all].every(([k, v]) => without.get(k) === v)
    })
    expect(dead.map((u) => u.term)).toEqual([])
  })
})
