import { describe, expect, it } from 'vitest'
import { createMemoryStore, createPileOnDetector, updateWithCompareAndSet } from '@comment-shield/core'
import type {
  PileOnDetectorOptions,
  PileOnEvent,
  PileOnLevelChange,
  PileOnStatus,
  Store,
} from '@comment-shield/core'

const MIN = 60_000
const T0 = 1_795_046_400_000 // 2026-11-18T00:00Z, a bucket boundary

function setup(options: Partial<PileOnDetectorOptions> = {}) {
  let t = T0
  const store = createMemoryStore({ now: () => t })
  const changes: PileOnLevelChange[] = []
  const detector = createPileOnDetector({
    store,
    now: () => t,
    onLevelChange: (c) => changes.push(c),
    ...options,
  })
  const ingest = (e: Omit<PileOnEvent, 'targetId'> & { targetId?: string }): PileOnStatus =>
    detector.ingest({ targetId: 'ann', ...e }) as PileOnStatus
  return {
    store,
    detector,
    changes,
    ingest,
    advance: (ms: number) => {
      t += ms
    },
    at: () => t,
  }
}

/** Spreads `count` comments evenly over `ms`, advancing the clock. */
function stream(
  s: ReturnType<typeof setup>,
  count: number,
  ms: number,
  make: (i: number) => Omit<PileOnEvent, 'targetId'> & { targetId?: string },
): PileOnStatus | undefined {
  let last: PileOnStatus | undefined
  for (let i = 0; i < count; i++) {
    s.advance(ms / count)
    last = s.ingest(make(i))
  }
  return last
}

const WORDS =
  'the of video nice think really why game food cat city 今天 我们 觉得 这个 不错 电影 天气 喜欢 老师 同学 news rain book music train 工作 周末 朋友 咖啡 跑步'.split(
    ' ',
  )

/** Organic, varied text: six words picked by a fixed rule. */
function chatter(n: number): string {
  let out = ''
  for (let k = 0; k < 6; k++) out += WORDS[(n * 7 + k * k * 13 + k * n) % WORDS.length]! + ' '
  return out + n
}

/** A day of organic traffic: `perBucket` comments per 5 minutes, every `hostileEvery`-th one hostile. */
function organic(
  s: ReturnType<typeof setup>,
  buckets: number,
  perBucket: number,
  hostileEvery: number,
  target = 'ann',
) {
  let n = 0
  for (let b = 0; b < buckets; b++) {
    stream(s, perBucket, 5 * MIN, () => {
      n++
      return {
        targetId: target,
        authorId: `o${n % 500}`,
        abuseScore: n % hostileEvery === 0 ? 0.8 : 0.05,
        text: chatter(n),
      }
    })
  }
}

describe('createPileOnDetector()', () => {
  it('stays calm on organic traffic with occasional rude comments', () => {
    const s = setup()
    organic(s, 48, 10, 10)
    const status = s.detector.status('ann') as PileOnStatus
    expect(status.level).toBe('calm')
    expect(s.changes).toEqual([])
  })

  it('learns the target baseline (EWMA of hostile comments per bucket)', () => {
    const s = setup()
    organic(s, 60, 100, 10) // 10 hostile per 5-minute bucket
    const { stats } = s.detector.status('ann') as PileOnStatus
    expect(stats.baselineBuckets).toBeGreaterThanOrEqual(59)
    // E[hostile per bucket] ≈ 10; expected in a window of 1–2 buckets.
    expect(stats.expected).toBeGreaterThan(9)
    expect(stats.expected).toBeLessThan(21)
    expect(stats.baselineShare).toBeGreaterThan(0.08)
    expect(stats.baselineShare).toBeLessThan(0.12)
  })

  it('detects a surge of hostile authors on a small blog and emits each level change once', () => {
    const s = setup()
    organic(s, 24, 4, 20)
    const status = stream(s, 30, 10 * MIN, (i) => ({
      authorId: `h${i}`,
      abuseScore: 0.9,
      text: chatter(5_000 + i),
    }))!
    expect(status.level).toBe('pile_on')
    expect(status.reasons).toContain('surge')
    expect(status.reasons).toContain('strong_surge')
    // Distinct authors and hostile comments cover the same window (this bucket and the previous one).
    expect(status.stats.authors).toBe(status.stats.hostile)
    expect(status.stats.authors).toBeGreaterThanOrEqual(10)
    expect(status.stats.pValue).toBeLessThan(1e-6)
    expect(s.changes.map((c) => `${c.from}>${c.to}`)).toEqual(['calm>elevated', 'elevated>pile_on'])
  })

  it('judges a celebrity by its own normal: the same absolute surge stays below pile_on', () => {
    const small = setup()
    const big = setup()
    organic(small, 60, 4, 20)
    organic(big, 60, 100, 10)
    const attack = (i: number) => ({ authorId: `h${i}`, abuseScore: 0.9, text: chatter(5_000 + i) })
    expect(stream(small, 12, 5 * MIN, attack)!.level).toBe('pile_on')
    // The celebrity's normal 100 comments per bucket keep flowing alongside the same 12 hostile ones.
    let n = 0
    const mixed = stream(big, 112, 5 * MIN, (i) =>
      i % 9 === 0 && n < 12 ? attack(n++) : { authorId: `f${i}`, abuseScore: 0.05, text: `nice ${i}` },
    )!
    expect(mixed.level).toBe('calm')
  })

  it('keeps a viral thread with friendly comments calm', () => {
    const s = setup()
    organic(s, 24, 4, 20)
    // 3 000 comments in 15 minutes from 3 000 accounts, most new and not following; 4% are rude.
    const status = stream(s, 3_000, 15 * MIN, (i) => ({
      authorId: `v${i}`,
      authorAccountAgeDays: 1,
      authorFollowsTarget: false,
      abuseScore: i % 25 === 0 ? 0.8 : 0.02,
      text:
        i % 25 === 0
          ? chatter(i)
          : i % 3 === 0
            ? '恭喜恭喜！太棒了，支持你'
            : `Congratulations, well deserved ${i % 7}`,
    }))!
    expect(status.level).toBe('calm')
    expect(status.stats.total).toBeGreaterThan(1_000)
    expect(s.changes).toEqual([])
  })

  it('flags near-duplicate paraphrases across accounts as a water army', () => {
    const s = setup()
    organic(s, 12, 4, 50)
    const variants = [
      '这种人就该滚出这个平台，大家一起去举报他的账号',
      '这种人就该滚出这个平台!!大家一起去举报他的账号😡',
      '这种人就应该滚出这个平台，大家一起去举报他的账号',
      '这种人就该滚出这个平台，大家一起举报他的账号吧',
      '这 种 人 就 该 滚 出 这 个 平 台 ， 大 家 一 起 去 举 报 他 的 账 号',
      '這种人就该滚出这个平台，大家一起去举报他的账号！！',
    ]
    // Mildly scored (0.4: below the hostile threshold), posted by six accounts in six minutes.
    const status = stream(s, 6, 6 * MIN, (i) => ({ authorId: `w${i}`, abuseScore: 0.4, text: variants[i] }))!
    expect(status.reasons).toContain('water_army')
    expect(status.stats.cluster).toBeGreaterThanOrEqual(5)
    expect(status.level).toBe('elevated')
  })

  it('stores sketches packed, and skips sketches stored unpacked by an earlier version', () => {
    const s = setup()
    const text = '这种人就该滚出这个平台，大家一起去举报他的账号'
    s.ingest({ authorId: 'w0', abuseScore: 0.4, text })
    const state = s.store.get<{ ring: [number, string, unknown, number][] }>('po:ann')!
    expect(state.ring[0]![2]).toMatch(/^[A-Za-z0-9_-]{64}$/)
    // An old-format entry (a number array) is ignored, not compared or crashed on.
    state.ring.unshift([T0, 'old', Array.from({ length: 32 }, () => 7), 99])
    const status = s.ingest({ authorId: 'w1', abuseScore: 0.4, text: text + '！' })
    expect(status.stats.cluster).toBe(2)
  })

  it('does not call one account repeating itself, or many accounts saying different things, a water army', () => {
    const s = setup()
    const text = '这种人就该滚出这个平台，大家一起去举报他的账号'
    expect(stream(s, 8, 8 * MIN, () => ({ authorId: 'same', abuseScore: 0.4, text }))!.stats.cluster).toBe(1)
    const different = [
      '我觉得他说的有点道理，但是态度不好',
      'honestly the article misses the point entirely',
      '楼上说得对，这个问题值得讨论一下',
      'I disagree with this take but respect the effort',
      '作者的数据来源是哪里？求链接',
      'this is getting out of hand, calm down everyone',
    ]
    const status = stream(s, 6, 6 * MIN, (i) => ({ authorId: `d${i}`, abuseScore: 0.4, text: different[i] }))!
    expect(status.stats.cluster).toBeLessThan(3)
    expect(status.reasons).not.toContain('water_army')
  })

  it('does not sketch coordinated praise (below dupMinScore)', () => {
    const s = setup()
    const status = stream(s, 20, 5 * MIN, (i) => ({
      authorId: `fan${i}`,
      abuseScore: 0.01,
      text: '恭喜恭喜！太棒了，支持你，加油加油',
    }))!
    expect(status.stats.cluster).toBe(0)
    expect(status.level).toBe('calm')
  })

  it('escalates to pile_on when a surge is carried by new accounts', () => {
    const make = (fresh: boolean) => (i: number) => ({
      authorId: `h${i}`,
      abuseScore: 0.9,
      authorAccountAgeDays: fresh ? 1 : 900,
      authorFollowsTarget: true,
      text: chatter(1_000 + i),
    })
    const old = setup()
    organic(old, 24, 6, 30)
    const byOld = stream(old, 7, 6 * MIN, make(false))!
    const young = setup()
    organic(young, 24, 6, 30)
    const byNew = stream(young, 7, 6 * MIN, make(true))!
    expect(byOld.level).toBe('elevated')
    expect(byNew.level).toBe('pile_on')
    expect(byNew.reasons).toContain('new_accounts')
    expect(byNew.stats.newAccountShare).toBe(1)
  })

  it('does not let a slowly ramping attack teach the baseline that attacks are normal', () => {
    const s = setup()
    organic(s, 24, 4, 25)
    // Hostile comments from new attackers ramp up from 1 to 8 per 5 minutes over 80 minutes.
    let attacker = 0
    let last: PileOnStatus | undefined
    for (let step = 1; step <= 16; step++) {
      const perBucket = Math.ceil(step / 2)
      last = stream(s, perBucket + 1, 5 * MIN, (i) =>
        i < perBucket
          ? { authorId: `ramp${attacker++}`, abuseScore: 0.9, text: chatter(9_000 + attacker) }
          : { authorId: `o${i}`, abuseScore: 0.05, text: chatter(8_000 + step) },
      )
    }
    expect(last!.level).toBe('pile_on')
    expect(last!.stats.baselineShare).toBeLessThan(0.2)
  })

  it('record() returns only the level and still reports changes', () => {
    const s = setup()
    const levels: string[] = []
    for (let i = 0; i < 30; i++) {
      s.advance(20_000)
      levels.push(
        s.detector.record({
          targetId: 'ann',
          authorId: `h${i}`,
          abuseScore: 0.9,
          text: chatter(i),
        }) as string,
      )
    }
    expect(levels.at(-1)).toBe('pile_on')
    expect(s.changes.map((c) => c.to)).toEqual(['elevated', 'pile_on'])
    expect(s.changes[1]!.status.stats.authors).toBeGreaterThanOrEqual(10)
  })

  it('steps down after the cooldown and says so', () => {
    const s = setup()
    organic(s, 12, 4, 20)
    stream(s, 30, 10 * MIN, (i) => ({ authorId: `h${i}`, abuseScore: 0.9, text: chatter(5_000 + i) }))
    s.advance(20 * MIN)
    const held = s.detector.status('ann') as PileOnStatus
    expect(held.level).toBe('pile_on')
    expect(held.reasons).toContain('cooldown')
    s.advance(15 * MIN)
    expect((s.detector.status('ann') as PileOnStatus).level).toBe('calm')
    expect(s.changes.at(-1)).toMatchObject({ from: 'pile_on', to: 'calm' })
  })

  it('keeps targets apart', () => {
    const s = setup()
    stream(s, 30, 10 * MIN, (i) => ({ authorId: `h${i}`, abuseScore: 0.9, text: chatter(5_000 + i) }))
    expect((s.detector.status('ann') as PileOnStatus).level).toBe('pile_on')
    expect((s.detector.status('bob') as PileOnStatus).level).toBe('calm')
    expect(s.changes.every((c) => c.targetId === 'ann')).toBe(true)
  })

  it('keeps memory bounded under a flood of unique targets and authors', () => {
    let t = T0
    const store = createMemoryStore({ now: () => t, maxKeys: 1_000 })
    const detector = createPileOnDetector({ store, now: () => t, maxTrackedAuthors: 50 })
    for (let i = 0; i < 50_000; i++) {
      t += 10
      void detector.ingest({ targetId: `t${i}`, authorId: `a${i}`, abuseScore: 0.9 })
    }
    expect(store.size).toBe(1_000)
    let last: PileOnStatus | undefined
    for (let i = 0; i < 5_000; i++) {
      t += 10
      last = detector.ingest({ targetId: 'hot', authorId: `a${i}`, abuseScore: 0.9 }) as PileOnStatus
    }
    expect(last!.stats.authors).toBe(50)
    const state = store.get<{ ring: unknown[]; au: object }>('po:hot')!
    expect(Object.keys(state.au)).toHaveLength(50)
  })

  it('works the same on an asynchronous store', async () => {
    let t = T0
    const inner = createMemoryStore({ now: () => t })
    const later = <T>(v: T): Promise<T> => Promise.resolve(v)
    const store: Store = {
      get: (k) => later(inner.get(k)),
      set: (k, v, ttl) => later(inner.set(k, v, ttl)),
      delete: (k) => later(inner.delete(k)),
      compareAndSet: (k, e, n, ttl) => later(inner.compareAndSet(k, e, n, ttl)),
      update: (k, fn, ttl) => updateWithCompareAndSet(store, k, fn, ttl),
      increment: (k, by, w) => later(inner.increment(k, by, w)),
      addToSet: (k, m, ttl) => later(inner.addToSet(k, m, ttl)),
      setSize: (k) => later(inner.setSize(k)),
    }
    const changes: string[] = []
    const detector = createPileOnDetector({ store, now: () => t, onLevelChange: (c) => changes.push(c.to) })
    let last: PileOnStatus | undefined
    for (let i = 0; i < 30; i++) {
      t += 20_000
      const result = detector.ingest({ targetId: 'ann', authorId: `h${i}`, abuseScore: 0.9, text: `x ${i}` })
      expect(result).toBeInstanceOf(Promise)
      last = await result
    }
    expect(last!.level).toBe('pile_on')
    expect(changes).toEqual(['elevated', 'pile_on'])
  })

  it('returns plain serialisable data', () => {
    const s = setup()
    const status = stream(s, 12, 5 * MIN, (i) => ({ authorId: `h${i}`, abuseScore: 0.9 }))!
    expect(JSON.parse(JSON.stringify(status))).toEqual(status)
  })

  it('rejects bad options and events with ModerationError', () => {
    const store = createMemoryStore({ now: () => 0 })
    expect(() => createPileOnDetector({ store, now: () => 0, bucketMs: -1 })).toThrow(/bucketMs/)
    expect(() => createPileOnDetector({ store, now: () => 0, dupSimilarity: 2 })).toThrow(/dupSimilarity/)
    const detector = createPileOnDetector({ store, now: () => 0 })
    expect(() => detector.ingest({ targetId: '', authorId: 'a', abuseScore: 1 })).toThrow(/targetId/)
  })
})
