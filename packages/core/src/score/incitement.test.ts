import { beforeAll, describe, expect, it } from 'vitest'
import { createCompactLocalScorer } from './compact.ts'
import { createLocalScorer } from './local.ts'
import type { LocalScorer } from './combine.ts'
import { loadAbuseModel } from './model.ts'

/** "Flagged" in the docs: a category probability of at least 0.5. */
const FLAG = 0.5

const scorers: LocalScorer[] = [
  createLocalScorer({ model: false }),
  createCompactLocalScorer({ model: false }),
]
beforeAll(async () => {
  const model = await loadAbuseModel()
  scorers.push(createLocalScorer({ model }), createCompactLocalScorer({ model }))
})

describe('incitement: calls to harass, flood, mass-report, dox or "冲" someone', () => {
  it.each([
    // English: crowd × (go) × mass action, go × action × person, action × their channel
    'everyone go flood her DMs',
    "let's all go flood his inbox",
    'go spam her comments',
    'guys, go raid his stream',
    'spam their mentions',
    "everyone report his account until it's banned",
    'report her account till they delete it',
    'dox him',
    'someone dox this guy',
    'find out where she lives',
    'leak his home address',
    // Chinese: crowd × go × action, go × person × place × hostile verb
    '冲！去她微博底下骂她',
    '兄弟们冲',
    '兄弟们冲她微博',
    '大家去她评论区骂',
    '一起去网暴他',
    '姐妹们快去举报她',
    '人肉他',
    '兄弟们开盒她',
    '开盒这货',
    '把她给人肉出来',
    '衝！去她微博底下罵她', // Traditional
    '大家一起去圍攻他',
  ])('flags %s', (text) => {
    expect.hasAssertions()
    for (const scorer of scorers) {
      const r = scorer.score(text)
      expect(r.categories.incitement).toBeGreaterThanOrEqual(FLAG)
      const span = r.spans.find((s) => s.category === 'incitement')!
      expect(text.slice(span.start, span.end)).toBe(span.text)
    }
  })

  it.each([
    ['去问候一下他家人', 'family'],
    ['大家去问候一下她的父母', 'family'],
    ['去问候一下他儿子', 'children'],
  ] as const)('flags %s as incitement and a threat to the %s', (text, target) => {
    expect.hasAssertions()
    for (const scorer of scorers) {
      const r = scorer.score(text)
      expect(r.categories.incitement).toBeGreaterThanOrEqual(FLAG)
      expect(r.categories.threat).toBeGreaterThanOrEqual(FLAG)
      expect(r.threatTargets).toEqual([target])
    }
  })

  it.each([
    // mention (reporting incitement) and counter-speech
    '有人号召大家去网暴她，太可怕了',
    '博主在煽动粉丝们去骂她，这不对',
    'he told everyone to flood her DMs, that is awful',
    '请不要去骚扰她',
    '大家不要去网暴她',
    "please don't flood her inbox",
    // innocent: 冲 and 开盒 without a crowd or a target, flood and DMs without a call
    '冲浪',
    '冲咖啡',
    '冲刺',
    '大家一起冲浪吧',
    '兄弟们一起冲刺！',
    '今天开盒新手机',
    '盲盒开盒视频',
    '周末大家去她家玩',
    'flood warning',
    'DMs are open for questions',
    'the river may flood his farm',
  ])('does not flag %s', (text) => {
    expect.hasAssertions()
    for (const scorer of scorers) expect(scorer.score(text).categories.incitement).toBeLessThan(FLAG)
  })
})
