import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  createCharMapStage,
  createNormalizer,
  createRegexStage,
  extendNormalized,
  foldStages,
  isModerationError,
  lowercaseStage,
  normalize,
  toOriginalSpan,
} from '@comment-shield/core'
import type { NormalizedText } from '@comment-shield/core'

/** Checks the map invariants of a result. */
function checkMap(n: NormalizedText): void {
  expect(n.map.length).toBe(n.text.length + 1)
  expect(n.ends.length).toBe(n.text.length)
  expect(n.map[n.text.length]).toBe(n.original.length)
  for (let i = 0; i < n.text.length; i++) {
    const s = n.map[i]!
    const e = n.ends[i]!
    expect(s).toBeGreaterThanOrEqual(0)
    expect(e).toBeGreaterThanOrEqual(s)
    expect(e).toBeLessThanOrEqual(n.original.length)
    if (i > 0) {
      expect(s).toBeGreaterThanOrEqual(n.map[i - 1]!)
      expect(e).toBeGreaterThanOrEqual(n.ends[i - 1]!)
    }
  }
}

function spanOf(n: NormalizedText, needle: string): string {
  const i = n.text.indexOf(needle)
  expect(i).toBeGreaterThanOrEqual(0)
  const s = toOriginalSpan(n, i, i + needle.length)
  return n.original.slice(s.start, s.end)
}

describe('normalize()', () => {
  it('returns the text unchanged with an identity map when nothing folds', () => {
    const n = normalize('今天天气不错 nice weather')
    expect(n.changed).toBe(false)
    expect(n.text).toBe(n.original)
    checkMap(n)
  })

  it.each([
    ['full-width digits', '电话１３８００１３８０００', '13800138000', '１３８００１３８０００'],
    [
      'zero-width and bidi controls',
      '138\u200b0013\u200d8000\u202e',
      '13800138000',
      '138\u200b0013\u200d8000',
    ],
    ['circled digits', '①③⑧⓪⓪①③⑧⓪⓪⓪', '13800138000', '①③⑧⓪⓪①③⑧⓪⓪⓪'],
    ['dingbat digits', '❶❸❽⓿⓿❶❸❽⓿⓿⓿', '13800138000', '❶❸❽⓿⓿❶❸❽⓿⓿⓿'],
    ['keycap emoji', '1️⃣3️⃣8️⃣0️⃣0️⃣1️⃣3️⃣8️⃣0️⃣0️⃣0️⃣', '13800138000', '1️⃣3️⃣8️⃣0️⃣0️⃣1️⃣3️⃣8️⃣0️⃣0️⃣0'],
    ['Chinese numerals', '电话一三八零零一三八零零零', '13800138000', '一三八零零一三八零零零'],
    ['financial numerals and 幺', '幺叁捌〇〇壹叁捌〇〇〇', '13800138000', '幺叁捌〇〇壹叁捌〇〇〇'],
    ['separators in digit runs', 'call 138-0013 8000.', '13800138000', '138-0013 8000'],
    ['stars and underscores', '1_3_8*0013*8000', '13800138000', '1_3_8*0013*8000'],
    [
      'spelled-out digits',
      'call four one five five five five zero one two three',
      '4155550123',
      'four one five five five five zero one two three',
    ],
    ['mixed', 'vx: 一3八 ００１３ 8⃣0️⃣0️⃣0️⃣', '13800138000', '一3八 ００１３ 8⃣0️⃣0️⃣0'],
  ])('folds %s', (_name, input, folded, original) => {
    const n = normalize(input)
    expect(n.text).toContain(folded)
    expect(spanOf(n, folded)).toBe(original)
    checkMap(n)
  })

  it('folds confusable Cyrillic and Greek letters', () => {
    const n = normalize('mail аnn@ехаmрlе.cοm')
    expect(n.text).toBe('mail ann@example.com')
    expect(spanOf(n, 'ann@example.com')).toBe('аnn@ехаmрlе.cοm')
  })

  it.each([
    ['ann (at) example (dot) com', 'ann@example.com'],
    ['ann[at]example[dot]com', 'ann@example.com'],
    ['ann at example dot com', 'ann@example.com'],
    ['ann艾特qq点com', 'ann@qq.com'],
    ['ann @ example . com', 'ann@example.com'],
    ['ａｎｎ（ａｔ）ｅｘａｍｐｌｅ．ｃｏｍ', 'ann@example.com'],
  ])('folds e-mail obfuscation in %s', (input, folded) => {
    const n = normalize(input)
    expect(n.text).toBe(folded)
    expect(spanOf(n, folded)).toBe(input)
    checkMap(n)
  })

  it.each(['look at this', 'meet me at 5 dot', 'we met at school.', 'x at y dot zzzzzz'])(
    'leaves ordinary uses of "at" and "dot" alone: %s',
    (input) => {
      expect(normalize(input).text).toBe(input)
    },
  )

  it.each([
    ['一个人', '一个人'],
    ['三四个人来了', '三四个人来了'],
    ['one or two', 'one or two'],
    ['someone has one two', 'someone has one two'],
  ])('leaves short numeral runs and ordinary words alone: %s', (input, expected) => {
    expect(normalize(input).text).toBe(expected)
  })

  it('never throws and keeps the map inside the original (property)', () => {
    const alphabet = fc.constantFrom(
      ...'0123456789 .-*_一三八零幺壹①❶１２\u200b\u202e\ufe0f\u20e3аеоat点艾特@()[]'.split(''),
      'one',
      ' at ',
      ' dot ',
      '\ud800',
      '\udc00',
      '😀',
      'İ',
      '㎏',
    )
    const arb = fc.oneof(fc.string({ unit: 'grapheme' }), fc.string({ unit: alphabet, maxLength: 60 }))
    fc.assert(
      fc.property(arb, (text) => {
        const n = normalize(text)
        checkMap(n)
        const s = toOriginalSpan(n, 0, n.text.length)
        expect(s.start).toBeGreaterThanOrEqual(0)
        expect(s.end).toBeLessThanOrEqual(text.length)
      }),
      { numRuns: 500 },
    )
  })

  it('is idempotent on its own output for the fold stages (property)', () => {
    const fold = createNormalizer(foldStages)
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const once = fold(text).text
        expect(fold(once).text).toBe(once)
      }),
      { numRuns: 300 },
    )
  })

  it('maps every normalised unit to original characters that produced it (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('１', '①', '一', '\u200b', 'a', '3', ' ', '-')), (parts) => {
        const text = parts.join('')
        const n = normalize(text)
        for (let i = 0; i < n.text.length; i++) {
          const orig = text.slice(n.map[i], n.ends[i])
          expect(orig.length).toBeGreaterThan(0)
        }
      }),
    )
  })
})

describe('toOriginalSpan()', () => {
  it('clamps out-of-range spans and maps empty spans to empty spans', () => {
    const n = normalize('１２３')
    expect(toOriginalSpan(n, -5, 99)).toEqual({ start: 0, end: 3 })
    expect(toOriginalSpan(n, 2, 2)).toEqual({ start: 2, end: 2 })
  })

  it('covers the whole source of an expansion', () => {
    const n = normalize('5㎏')
    expect(n.text).toBe('5kg')
    expect(toOriginalSpan(n, 1, 2)).toEqual({ start: 1, end: 2 })
  })
})

describe('createNormalizer()', () => {
  it('composes custom stages after the defaults', () => {
    const leet = createCharMapStage('leet', { '0': 'o', '3': 'e', '@': 'a' })
    const n = createNormalizer([...foldStages, lowercaseStage(), leet])('Ｈ３ｌｌ0')
    expect(n.text).toBe('hello')
    checkMap(n)
  })

  it('continues from an earlier result with extendNormalized', () => {
    const folded = createNormalizer(foldStages)('１\u200b２')
    const more = extendNormalized(folded, [createRegexStage('twelve', /12/g, () => 'twelve')])
    expect(more.text).toBe('twelve')
    expect(toOriginalSpan(more, 0, 6)).toEqual({ start: 0, end: 3 })
  })

  it('ignores overlapping or out-of-range edits from a faulty stage', () => {
    const faulty = {
      name: 'faulty',
      edits: () => [
        { start: 1, end: 3, text: 'X' },
        { start: 2, end: 4, text: 'Y' },
        { start: 8, end: 99, text: 'Z' },
      ],
    }
    const n = createNormalizer([faulty])('abcdef')
    expect(n.text).toBe('aXdef')
    checkMap(n)
  })

  it('throws a ModerationError for a stage that is not one', () => {
    expect(() => createNormalizer([{} as never])).toThrow(/stages\[0\]/)
    let caught: unknown
    try {
      createRegexStage('x', /a/, () => 'b')
    } catch (e) {
      caught = e
    }
    expect(isModerationError(caught)).toBe(true)
    expect(() => createRegexStage('x', /a/, () => 'b')).toThrow(/g flag/)
  })
})

describe('normalize() on pathological input', () => {
  it('handles 1 MB of digits and spaces with output bounded by the input', () => {
    const text = '1 '.repeat(512 * 1024)
    const n = normalize(text)
    expect(n.text.length).toBe(text.length)
    expect(n.map.length).toBe(n.text.length + 1)
    const short = normalize('1 '.repeat(20))
    expect(short.text).toBe(`${'1'.repeat(20)} `)
  })

  it.each([
    ['repeated "a at "', 'a at '.repeat(200_000)],
    ['repeated "一"', '一'.repeat(1_000_000)],
    ['repeated "one "', 'one '.repeat(250_000)],
    ['lone surrogates', '\ud800'.repeat(500_000)],
    ['control characters', '\u0000\u0001\u001f'.repeat(300_000)],
  ])('returns a bounded result for %s', (_name, text) => {
    const n = normalize(text)
    expect(n.text.length).toBeLessThanOrEqual(text.length)
    expect(n.map[n.text.length]).toBe(text.length)
  })
})
