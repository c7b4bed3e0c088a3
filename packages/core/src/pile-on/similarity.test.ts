import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  foldedText,
  packSignature,
  packedSimilarityAtLeast,
  reference,
  signatureSimilarity,
  similarityText,
  textSignature,
} from './similarity.ts'

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

/** Exact Jaccard similarity of the bigram sets of two similarity texts. */
function jaccard(a: string, b: string): number {
  const bigrams = (s: string): Set<string> => {
    const out = new Set<string>()
    for (let i = 1; i < s.length; i++) out.add(s.slice(i - 1, i + 1))
    return out
  }
  const x = bigrams(similarityText(a))
  const y = bigrams(similarityText(b))
  let both = 0
  for (const g of x) if (y.has(g)) both++
  return both / (x.size + y.size - both)
}

describe('textSignature() one-pass fast path', () => {
  const plain = fc.string({
    unit: fc.constantFrom(...'abcXYZ019 ,.!?\t\n的一是了我不人在，。！？【】（）々〇〡\u9fff\u3000＃'),
    maxLength: 80,
  })

  it('equals the reference definition on plain texts (property)', () => {
    fc.assert(
      fc.property(plain, fc.integer({ min: 1, max: 8 }), (s, min) => {
        expect(textSignature(s, min)).toEqual(reference(s, min))
      }),
    )
  })

  it('equals the reference definition on any text, plain or not (property)', () => {
    fc.assert(
      fc.property(fc.oneof(plain, fc.string({ unit: 'binary', maxLength: 80 })), (s) => {
        expect(textSignature(s)).toEqual(reference(s))
      }),
    )
  })

  it('equals the reference on texts longer than the sketch limit', () => {
    const long = 'abc的一是，'.repeat(900) + 'Ｘ'
    expect(textSignature(long)).toEqual(reference(long))
    expect(textSignature(long.slice(0, -1))).toEqual(reference(long.slice(0, -1)))
    expect(textSignature('ab', 100)).toBeUndefined()
  })

  it('estimates the exact Jaccard similarity of paraphrases within a bound (property, fixed seed)', () => {
    // A template and a paraphrase: up to 3 character edits plus cosmetic noise, as a water army writes them.
    const han = fc.constantFrom(...'的一是了我不人在他有这个上们来到时大地为子中你说生国年着就那和要她出也')
    const pair = fc
      .tuple(
        fc.array(han, { minLength: 12, maxLength: 40 }),
        fc.array(fc.tuple(fc.nat(), fc.constantFrom('replace', 'insert', 'delete'), han), { maxLength: 3 }),
        fc.constantFrom('', '！！', '😡', ' '),
      )
      .map(([chars, edits, noise]) => {
        const edited = [...chars]
        for (const [at, op, c] of edits) {
          const i = at % edited.length
          if (op === 'replace') edited[i] = c
          else if (op === 'insert') edited.splice(i, 0, c)
          else if (edited.length > 6) edited.splice(i, 1)
        }
        return [chars.join(''), edited.join('') + noise] as const
      })
    const errors: number[] = []
    fc.assert(
      fc.property(pair, ([a, b]) => {
        const sa = textSignature(a)
        const sb = textSignature(b)
        if (!sa || !sb) return
        const error = Math.abs(signatureSimilarity(sa, sb) - jaccard(a, b))
        errors.push(error)
        // 32 slots: the standard error is at most √(0.25/32) ≈ 0.09; 0.35 is about 4 of them.
        expect(error).toBeLessThanOrEqual(0.35)
      }),
      { seed: 20261122, numRuns: 300 },
    )
    const mean = errors.reduce((x, y) => x + y, 0) / errors.length
    expect(errors.length).toBeGreaterThan(200)
    expect(mean).toBeLessThan(0.08)
  })
})

describe('packSignature()', () => {
  const sketchable = fc.string({ minLength: 6, maxLength: 60 }).filter((s) => textSignature(s) !== undefined)

  it('packs into 64 URL-safe ASCII characters that survive JSON unchanged (property)', () => {
    fc.assert(
      fc.property(sketchable, (s) => {
        const packed = packSignature(textSignature(s)!)
        expect(packed).toMatch(/^[A-Za-z0-9_-]{64}$/)
        expect(JSON.stringify(packed)).toBe(`"${packed}"`)
      }),
    )
  })

  it('estimates what the full signature estimates, up to rare 12-bit collisions (property)', () => {
    fc.assert(
      fc.property(sketchable, sketchable, (a, b) => {
        const sa = textSignature(a)!
        const sb = textSignature(b)!
        const exact = signatureSimilarity(sa, sb)
        const packed = packedSimilarityAtLeast(packSignature(sa), packSignature(sb), 0)
        expect(packed).toBeGreaterThanOrEqual(exact)
        expect(packed).toBeLessThanOrEqual(exact + 3 / 32)
      }),
    )
  })

  it('gives up early on pairs that cannot reach a threshold of 0.5 or more', () => {
    const sig = textSignature('这种人就该滚出这个平台，大家一起去举报他的账号')!
    const other = textSignature('今天的比赛太精彩了，主持人的解说也很专业')!
    expect(packedSimilarityAtLeast(packSignature(sig), packSignature(other), 0.8)).toBe(0)
    expect(packedSimilarityAtLeast(packSignature(sig), packSignature(sig), 0.8)).toBe(1)
    expect(packedSimilarityAtLeast('', packSignature(sig), 0)).toBe(0)
  })
})

describe('similarityText()', () => {
  it('takes the fast path only where normalize() would agree (property)', () => {
    const plain = fc.string({
      unit: fc.constantFrom(...'abcXYZ019 ,.!?\t\n的一是了我不人在，。！？【】（）'),
      maxLength: 60,
    })
    fc.assert(
      fc.property(plain, (s) => {
        expect(similarityText(s)).toBe(foldedText(s).replace(/[^\p{L}\p{N}]+/gu, ''))
      }),
    )
  })
})
