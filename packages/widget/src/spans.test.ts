import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { analyze } from '@comment-shield/core'
import { excerpt, highlightsOf } from '@comment-shield/widget'
import type { Highlight } from '@comment-shield/widget'

describe('excerpt()', () => {
  it('keeps context around each highlight and marks the gaps', () => {
    const text = `${'a'.repeat(50)} 13800138000 ${'b'.repeat(50)} x@y.io ${'c'.repeat(10)}`
    const segments = excerpt(text, highlightsOf(analyze(text), text.length), { context: 3 })
    expect(segments).toEqual([
      { text: '…aa ' },
      { text: '13800138000', category: 'phone' },
      { text: ' bb … bb ' },
      { text: 'x@y.io', category: 'email' },
      { text: ' cc…' },
    ])
  })

  it('never splits a surrogate pair at the edge of the context', () => {
    const text = '😀😀😀13800138000😀😀'
    const segments = excerpt(text, highlightsOf(analyze(text), text.length), { context: 1 })
    expect(segments.map((s) => s.text).join('')).toBe('…😀13800138000😀…')
  })

  it('returns the highlighted text exactly, for any text and spans', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.array(fc.tuple(fc.nat(220), fc.nat(30)), { maxLength: 6 }),
        (text, raw) => {
          const spans: Highlight[] = raw.map(([start, len]) => ({ start, end: start + len, category: 'x' }))
          const verdict = { ...analyze(''), pii: [] }
          verdict.abuse.spans = spans.map((s) => ({ ...s, category: 'insult' as const, text: '' }))
          const highlights = highlightsOf(verdict, text.length)
          for (let i = 1; i < highlights.length; i++) {
            expect(highlights[i]!.start).toBeGreaterThanOrEqual(highlights[i - 1]!.end)
          }
          const marked = excerpt(text, highlights, { maxHighlights: 100 }).filter((s) => s.category)
          expect(marked.map((s) => s.text)).toEqual(highlights.map((h) => text.slice(h.start, h.end)))
        },
      ),
    )
  })
})
