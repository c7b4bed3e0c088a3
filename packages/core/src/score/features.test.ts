import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { createFeatureBuffer, extractFeatures } from './features.ts'

const BITS = 18

function features(text: string): number[] {
  const buf = createFeatureBuffer()
  const n = extractFeatures(text, BITS, buf)
  return [...buf.indices.slice(0, n)].sort((a, b) => a - b)
}

describe('extractFeatures()', () => {
  it('hashes every @handle to one mention feature, counted once per text', () => {
    expect(features('@user you are an idiot')).toEqual(features('@Some_Body you are an idiot'))
    expect(features('@user @user @user you are an idiot')).toEqual(features('@user you are an idiot'))
    expect(features('@user you are an idiot')).not.toEqual(features('you are an idiot'))
  })

  it('keeps the local part of an e-mail address a word, not a handle', () => {
    expect(features('mail bob@example.com')).not.toEqual(features('mail bob@another.com'))
  })

  it('cuts letters repeated three or more times to two, but keeps digits', () => {
    expect(features('sooooo stuuuupid')).toEqual(features('soo stuupid'))
    expect(features('soo')).not.toEqual(features('so'))
    expect(features('10000 people')).not.toEqual(features('100 people'))
  })

  it('is case-insensitive and ignores apostrophes', () => {
    expect(features("DON'T")).toEqual(features('dont'))
  })

  it('ends with the language bias: 0 with Han characters, 1 without', () => {
    const buf = createFeatureBuffer()
    expect(buf.indices[extractFeatures('你是废物', BITS, buf) - 1]).toBe(0)
    expect(buf.indices[extractFeatures('you are trash', BITS, buf) - 1]).toBe(1)
  })

  it('stays in range and is deterministic for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const a = features(text)
        expect(a.every((x) => x >= 0 && x < 1 << BITS)).toBe(true)
        expect(features(text)).toEqual(a)
      }),
    )
  })

  it('is invariant to extra repetitions of a letter already doubled', () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z ]{0,20}$/),
        fc.constantFrom('a', 'o', 'u', 'e'),
        fc.integer({ min: 1, max: 5 }),
        (prefix, letter, extra) => {
          const base = `${prefix}${letter}${letter}`
          expect(features(base + letter.repeat(extra))).toEqual(features(base))
        },
      ),
    )
  })
})
