import { describe, expect, it } from 'vitest'
import { LEXICON_SOURCE } from './lexicon.ts'
import { expand } from './syntax.ts'

// The lexicon ships in the widget bundle, byte for byte: a term that another term of the same tags already
// spells out (`shabi` beside `sha bi`, `我知道你住哪` beside `我知道你{家|}{住在|住|在}{哪|…}`) costs bytes and does nothing.

interface Unit {
  term: string
  tags: string
}

const units: Unit[] = LEXICON_SOURCE.split('\n')
  .map((l) => l.trim())
  .filter((l) => l !== '' && !l.startsWith('#'))
  .flatMap((line) => {
    const [terms = '', tags = ''] = line.split('=>').map((s) => s.trim())
    return terms.split(',').map((term) => ({ term: term.trim(), tags }))
  })

/** What the engines build from the units: each spelling (space-less variants included) → its tags; the last line wins. */
function spellings(list: readonly Unit[]): Map<string, string> {
  const map = new Map<string, string>()
  for (const { term, tags } of list)
    for (const t of expand(term.toLowerCase()))
      for (const v of t.includes(' ') && /^[a-z0-9' ]+$/.test(t) ? [t, t.replaceAll(' ', '')] : [t])
        map.set(v, tags)
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
