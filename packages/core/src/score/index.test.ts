import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { analyze } from '../analyze.ts'
import { normalize } from '../normalize/index.ts'
import {
  ABUSE_CATEGORIES,
  createLocalScorer,
  createRuleScorer,
  emptyAbuse,
  leetspeakStage,
  loadAbuseModel,
  traditionalToSimplifiedStage,
} from './index.ts'
import type { AbuseCategory, AbuseModel, LocalScorer } from './index.ts'

/** "Flagged" in the docs: a category probability of at least 0.5. */
const FLAG = 0.5

let model: AbuseModel
let full: LocalScorer
const rulesOnly = createLocalScorer({ model: false })

beforeAll(async () => {
  model = await loadAbuseModel()
  full = createLocalScorer({ model })
})

function expectCategory(text: string, category: AbuseCategory): void {
  for (const scorer of [rulesOnly, full]) {
    const r = scorer.score(text)
    expect(r.categories[category]).toBeGreaterThanOrEqual(FLAG)
    expect(r.spans.some((s) => s.category === category)).toBe(true)
  }
}

describe('createLocalScorer() categories, both languages', () => {
  it.each([
    ['insult', '你就是个废物'],
    ['insult', '滚吧你这个蠢货'],
    ['insult', 'you are an idiot'],
    ['insult', 'shut up you moron'],
    ['threat', '我知道你家住哪'],
    ['threat', '信不信我弄死你'],
    ['threat', 'I know where you live'],
    ['threat', "I'm going to kill you"],
    ['identity_attack', '黑鬼滚出去'],
    ['identity_attack', '黑人都是垃圾'],
    ['identity_attack', 'go back to your country you wetback'],
    ['sexual_harassment', '美女约炮吗，一晚多少钱'],
    ['sexual_harassment', '她的角色都是被潜规则换来的'],
    ['sexual_harassment', 'send nudes'],
    ['incitement', '兄弟们冲她微博'],
    ['incitement', '大家一起举报他，人肉他'],
    ['incitement', 'everyone report her account'],
    ['profanity', '这个视频太牛逼了'],
    ['profanity', 'holy shit that was good'],
  ] as const)('%s: %s', (category, text) => {
    expect.hasAssertions()
    expectCategory(text, category)
  })

  it('says who a threat targets: the person, the family, the children', () => {
    expect(full.score('我知道你家住哪').threatTargets).toEqual(['person'])
    expect(full.score('小心你全家').threatTargets).toEqual(['family'])
    expect(full.score('小心你的孩子').threatTargets).toEqual(['children'])
    expect(full.score("I'll hurt your kids").threatTargets).toEqual(['children'])
    expect(full.score('kill your family').threatTargets).toEqual(['family'])
  })

  it('keeps profanity separate and low-severity: it does not raise the overall score', () => {
    for (const scorer of [rulesOnly, full]) {
      const r = scorer.score('这个视频太牛逼了')
      expect(r.categories.profanity).toBeGreaterThanOrEqual(FLAG)
      expect(r.score).toBeLessThan(FLAG)
    }
  })
})

describe('createLocalScorer() evasions', () => {
  it.each([
    '废物',
    '去死吧',
    '煞笔',
    '沙比',
    '傻b',
    '傻 逼',
    '傻\u200b逼',
    'sb',
    'nmsl',
    'cnm',
    'nt',
    '你這個廢物',
    '殺了你',
    'you 1d10t',
    'f u c k you',
    'kill yourself',
    'ｙｏｕ ａｒｅ ａｎ ｉｄｉｏｔ',
    'уou аre аn idiot', // Cyrillic у, а
  ])('catches %s', (text) => {
    for (const scorer of [rulesOnly, full]) expect(scorer.score(text).score).toBeGreaterThanOrEqual(FLAG)
  })

  it('marks tmd as profanity', () => {
    expect(rulesOnly.score('tmd').categories.profanity).toBeGreaterThanOrEqual(FLAG)
  })
})

describe('createLocalScorer() innocent text and mention versus use', () => {
  it.each([
    '一次性交纳',
    '请一次性交纳全部费用',
    '给偶像打call',
    '操作系统',
    '日本',
    '重庆',
    '我在重庆上学，去过日本',
    'Scunthorpe',
    'Scunthorpe United won',
    'assassin',
    "Assassin's Creed is great",
    'kill the process',
    'just kill the process and restart',
    '他骂我傻逼，我该怎么办',
    'she called me stupid and I reported it',
    '请不要骂人',
    '今天天气不错',
    '垃圾分类从我做起',
    '2b铅笔',
    'I love this video',
  ])('does not flag %s', (text) => {
    for (const scorer of [rulesOnly, full]) expect(scorer.score(text).score).toBeLessThan(FLAG)
  })

  it('still flags abuse used after a mention', () => {
    expect(full.score('他骂我傻逼。你才是傻逼').score).toBeGreaterThanOrEqual(FLAG)
  })
})

describe('spans', () => {
  it('point into the original text, through folding', () => {
    const text = '你這個 廢 物！'
    const r = full.score(text)
    const span = r.spans.find((s) => s.category === 'insult')!
    expect(text.slice(span.start, span.end)).toBe(span.text)
    expect(span.text).toContain('廢 物')
  })

  it('are always valid half-open slices (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 60 }),
        fc.constantFrom('傻逼', 'sb', 'idiot', '小心你全家'),
        (a, t) => {
          const text = `${a} ${t} ${a}`
          for (const s of rulesOnly.score(text).spans) {
            expect(s.start).toBeGreaterThanOrEqual(0)
            expect(s.end).toBeLessThanOrEqual(text.length)
            expect(text.slice(s.start, s.end)).toBe(s.text)
          }
        },
      ),
    )
  })
})

describe('results', () => {
  it('are probabilities for every category, with the sources named', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const r = full.score(text)
        for (const c of ABUSE_CATEGORIES) {
          expect(r.categories[c]).toBeGreaterThanOrEqual(0)
          expect(r.categories[c]).toBeLessThanOrEqual(1)
        }
        expect(r.source).toEqual(['model', 'rules'])
      }),
      { numRuns: 200 },
    )
    expect(rulesOnly.score('x').source).toEqual(['rules'])
  })

  it('emptyAbuse() has every category at 0', () => {
    expect(Object.values(emptyAbuse().categories).every((v) => v === 0)).toBe(true)
  })

  it('analyze() fills doxing from the dox risk and uses the loaded model', () => {
    const v = analyze('你个傻逼 13800138000')
    expect(v.abuse.categories.doxing).toBe(v.dox.score)
    expect(v.abuse.source).toContain('model')
    expect(v.abuse.categories.insult).toBeGreaterThanOrEqual(FLAG)
    expect(JSON.parse(JSON.stringify(v))).toEqual(v)
  })

  it('accepts site-specific lexicon lines and rejects unknown tags', () => {
    const custom = createRuleScorer({ extraLexicon: 'foobar => insult=0.9' })
    expect(custom.find('you foobar').categories.insult).toBeCloseTo(0.9)
    expect(() => createRuleScorer({ extraLexicon: 'x => nonsense=1' })).toThrow(/nonsense/)
  })
})

describe('model', () => {
  it('scores offensive text above clean text in both languages', () => {
    expect(model.score('这种人就是垃圾，滚出中国').offensive).toBeGreaterThan(
      model.score('今天的晚饭很好吃').offensive,
    )
    expect(model.score('you are a disgusting piece of shit').offensive).toBeGreaterThan(
      model.score('what a lovely day at the beach').offensive,
    )
  })
})

describe('abuse normalisation stages', () => {
  it('leetspeakStage() folds leet inside words and leaves numbers alone', () => {
    const stages = [leetspeakStage()]
    expect(normalize('sh1t b!tch @ss 1d10t', { stages }).text).toBe('shit bitch ass idiot')
    expect(normalize('call 13800138000 in 2024!', { stages }).text).toBe('call 13800138000 in 2024!')
  })

  it('traditionalToSimplifiedStage() folds Traditional characters of the lexicon', () => {
    expect(normalize('你這個廢物', { stages: [traditionalToSimplifiedStage()] }).text).toBe('你这个废物')
  })

  it('leetspeakStage() keeps the offset map exact (property)', () => {
    const stages = [leetspeakStage()]
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const n = normalize(text, { stages })
        expect(n.map.length).toBe(n.text.length + 1)
        expect(n.map[n.text.length]).toBe(text.length)
      }),
    )
  })
})
