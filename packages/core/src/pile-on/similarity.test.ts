import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { foldedText, signatureSimilarity, similarityText, textSignature } from './similarity.ts'

const sim = (a: string, b: string): number => signatureSimilarity(textSignature(a)!, textSignature(b)!)

describe('textSignature()', () => {
  const base = '这种人就该滚出这个平台，大家一起去举报他的账号'

  it('keeps paraphrases with small edits at or above 0.8', () => {
    expect(sim(base, '这种人就该滚出这个平台!!大家一起去举报他的账号😡')).toBe(1)
    expect(sim(base, '这 种 人 就 该 滚 出 这 个 平 台 ， 大 家 一 起 去 举 报 他 的 账 号')).toBe(1)
    expect(sim(base, '这种人就应该滚出这个平台，大家一起去举报他的账号')).toBeGreaterThanOrEqual(0.8)
    expect(sim(base, '这种人就该滚出这个平台，大家一起去举报他的账号吧')).toBeGreaterThanOrEqual(0.8)
  })

  it('folds case, full-width letters and confusables through normalize()', () => {
    const en = 'This fraud should be banned, everyone report his account now'
    expect(sim(en, 'THIS FRAUD should be BANNED!!! everyone report his account now 🤬')).toBe(1)
    expect(sim(en, 'Ｔｈｉｓ fraud should be banned, everyone report his account now')).toBe(1)
    expect(sim(en, 'This frаud should be banned, everyone report his account now')).toBe(1) // Cyrillic а
  })

  it('keeps unrelated texts far apart', () => {
    expect(sim(base, '今天的比赛太精彩了，主持人的解说也很专业')).toBeLessThan(0.3)
    expect(
      sim(
        'This fraud should be banned, everyone report his account now',
        'What a lovely photo of the lake at dawn',
      ),
    ).toBeLessThan(0.3)
  })

  it('returns undefined for texts too short to call coordinated', () => {
    expect(textSignature('滚')).toBeUndefined()
    expect(textSignature('lol!!!')).toBeUndefined()
    expect(textSignature('😡😡😡😡😡😡')).toBeUndefined()
  })

  it('drops everything but letters and digits after folding', () => {
    expect(similarityText('Ａ-b c!😀 1')).toBe('abc1')
  })

  it('is deterministic, symmetric and 1 on itself (property)', () => {
    const sketchable = fc
      .string({ minLength: 6, maxLength: 80 })
      .filter((s) => textSignature(s) !== undefined)
    fc.assert(
      fc.property(sketchable, sketchable, (a, b) => {
        const sa = textSignature(a)!
        const sb = textSignature(b)!
        expect(signatureSimilarity(sa, textSignature(a)!)).toBe(1)
        const s = signatureSimilarity(sa, sb)
        expect(s).toBe(signatureSimilarity(sb, sa))
        expect(s).toBeGreaterThanOrEqual(0)
        expect(s).toBeLessThanOrEqual(1)
      }),
    )
  })

  it('never throws on any string (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        const sig = textSignature(s)
        expect(sig === undefined || sig.length === 32).toBe(true)
      }),
    )
  })
})

describe('similarityText()', () => {
  it('takes the fast path only where normalize() would agree (property)', () => {
    const plain = fc.string({
      unit: fc.constantFrom(...'abcXYZ019 ,.!?的一是了我不人在，。！？【】（）'),
      maxLength: 60,
    })
    fc.assert(
      fc.property(plain, (s) => {
        expect(similarityText(s)).toBe(foldedText(s).replace(/[^\p{L}\p{N}]+/gu, ''))
      }),
    )
  })
})
