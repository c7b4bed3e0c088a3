import { describe, expect, it } from 'vitest'
import { analyze, createMemoryStore, createModerator, emptyAbuse } from '@comment-shield/core'
import type {
  AbuseResult,
  AbuseScorer,
  ModerationResult,
  ModeratorOptions,
  Store,
  Verdict,
} from '@comment-shield/core'

const T0 = 1_795_046_400_000

/** A deterministic local analysis: "!insult" in the text scores insult 0.9, "!meh" 0.6. */
function fakeAnalyze(text: string): Verdict {
  const verdict = analyze(text.replace(/!\w+/g, ''))
  const abuse = emptyAbuse(['rules'])
  const insult = text.includes('!insult') ? 0.9 : text.includes('!meh') ? 0.6 : 0.02
  abuse.categories.insult = insult
  abuse.score = insult
  return { ...verdict, length: text.length, abuse }
}

function setup(options: Partial<ModeratorOptions> = {}) {
  let t = T0
  const errors: string[] = []
  const moderator = createModerator({
    now: () => t,
    analyze: fakeAnalyze,
    onError: (_e, stage) => errors.push(stage),
    ...options,
  })
  return {
    moderator,
    errors,
    advance: (ms: number) => {
      t += ms
    },
  }
}

const failing: AbuseScorer = {
  name: 'claude',
  score: () => Promise.reject(new Error('503 from upstream')),
}

const lenient: AbuseScorer = {
  name: 'claude',
  score: (_text, { local }): AbuseResult => ({
    ...local,
    score: 0.1,
    categories: { ...local.categories, insult: 0.1 },
    source: ['claude'],
  }),
}

describe('createModerator()', () => {
  it('moderates text alone with the local analysis', async () => {
    const { moderator } = setup({ analyze: undefined })
    const result = await moderator.moderate({ text: '他的电话 13800138000' })
    expect(result.decision.action).toBe('redact')
    expect(result.verdict.pii[0]?.type).toBe('phone')
    expect(result.degraded).toBe(false)
    expect(result.pileOn).toBeUndefined()
  })

  it('lets a scorer refine the local result and records the sources', async () => {
    const { moderator } = setup({ scorers: [lenient] })
    const result = await moderator.moderate({ text: 'you !insult' })
    expect(result.decision.action).toBe('allow')
    expect(result.verdict.abuse.source).toEqual(['rules', 'claude'])
  })

  it('falls back to the local result with degraded: true when a scorer fails', async () => {
    const { moderator, errors } = setup({ scorers: [failing] })
    const result = await moderator.moderate({ text: 'you !insult' })
    expect(result.degraded).toBe(true)
    expect(result.verdict.abuse.degraded).toBe(true)
    expect(result.decision.action).toBe('hold') // insult 0.9: at or above hold (0.8), below reject (0.95)
    expect(errors).toEqual(['scorer'])
  })

  it('detects a pile-on, switches protection on, holds follow-ons and records strikes', async () => {
    const levels: string[] = []
    const { moderator, advance } = setup({ pileOn: { onLevelChange: (c) => levels.push(c.to) } })
    let last: ModerationResult | undefined
    for (let i = 0; i < 30; i++) {
      advance(20_000)
      last = await moderator.moderate({
        text: `!meh words ${i} ${'abcdefghij'[i % 10]}`,
        targetId: 'ann',
        authorId: `h${i}`,
      })
    }
    expect(levels).toEqual(['elevated', 'pile_on'])
    expect(last!.pileOn?.level).toBe('pile_on')
    expect(last!.protection?.state).toMatchObject({ active: true, reason: 'pile_on', by: 'auto' })
    expect(last!.decision.action).toBe('hold')
    expect(last!.decision.reasons).toContain('pile_on:follow_on')
    expect(last!.offender).toMatchObject({ kinds: ['first_time', 'follow_on'], points: 2 })
    // A friendly newcomer is held by protection mode; a friendly follower is not.
    const newcomer = await moderator.moderate({
      text: 'hang in there',
      targetId: 'ann',
      authorId: 'n1',
      authorAccountAgeDays: 1,
    })
    expect(newcomer.decision).toMatchObject({ action: 'hold', reasons: ['protection:new_account'] })
    const friend = await moderator.moderate({
      text: 'hang in there',
      targetId: 'ann',
      authorId: 'f1',
      authorAccountAgeDays: 900,
      authorFollowsTarget: true,
    })
    expect(friend.decision.action).toBe('allow')
  })

  it('escalates a repeat offender to a mute with retryAfter', async () => {
    const { moderator, advance } = setup()
    let result: ModerationResult | undefined
    for (let i = 0; i < 5; i++) {
      advance(3_600_000)
      result = await moderator.moderate({ text: `!insult ${i}`, authorId: 'troll' })
    }
    expect(result!.offender).toMatchObject({ points: 5, action: 'mute' })
    const next = await moderator.moderate({ text: 'hello again', authorId: 'troll' })
    expect(next.decision).toMatchObject({ action: 'reject', retryAfter: 86_400 })
    expect(next.decision.reasons[0]).toBe('offender:mute')
  })

  it('applies the minor rule', async () => {
    const { moderator } = setup()
    const result = await moderator.moderate({
      text: '!meh',
      targetId: 'kid',
      protectedTarget: { minor: true },
    })
    expect(result.decision.action).toBe('hold')
    expect(result.decision.reasons).toContain('minor')
  })

  it('keeps moderating when the store fails, and says so', async () => {
    let t = T0
    const broken = createMemoryStore({ now: () => t })
    const store: Store = {
      ...broken,
      synchronous: false,
      update: () => Promise.reject(new Error('ECONNREFUSED')),
      get: () => Promise.reject(new Error('ECONNREFUSED')),
    }
    const errors: string[] = []
    const moderator = createModerator({
      now: () => (t += 1),
      store,
      analyze: fakeAnalyze,
      onError: (_e, stage) => errors.push(stage),
    })
    const result = await moderator.moderate({ text: 'you !insult', targetId: 'ann', authorId: 'x' })
    expect(result.degraded).toBe(true)
    expect(result.decision.action).toBe('hold')
    expect(errors).toEqual(['store'])
  })

  it("reads the author's standing beside the pile-on ingest, and reports its failure", async () => {
    let t = T0
    const inner = createMemoryStore({ now: () => t })
    const started: string[] = []
    let failLedger = false
    // An asynchronous store that logs when each call starts.
    const store: Store = {
      ...inner,
      synchronous: false,
      get: (key) => {
        started.push(`get ${key}`)
        if (failLedger && key.startsWith('off:')) return Promise.reject(new Error('ECONNRESET'))
        return Promise.resolve(inner.get(key))
      },
      update: (key, fn, ttl) => {
        started.push(`update ${key}`)
        return Promise.resolve().then(() => inner.update(key, fn, ttl))
      },
    }
    const errors: string[] = []
    const moderator = createModerator({
      now: () => (t += 1),
      store,
      analyze: fakeAnalyze,
      onError: (_e, stage) => errors.push(stage),
    })
    const result = await moderator.moderate({ text: 'hello', targetId: 'ann', authorId: 'u1' })
    expect(result.offender).toMatchObject({ authorId: 'u1', action: 'none' })
    expect(started.slice(0, 2)).toEqual(['get off:u1', 'update po:ann'])
    failLedger = true
    const failed = await moderator.moderate({ text: 'hello', targetId: 'ann', authorId: 'u1' })
    expect(failed.degraded).toBe(true)
    expect(errors).toEqual(['store'])
  })

  it("reads the target's protection state once per comment (observe and check share the read)", async () => {
    let t = T0
    const inner = createMemoryStore({ now: () => t })
    const calls: string[] = []
    const store: Store = {
      ...inner,
      synchronous: false,
      get: (key) => {
        calls.push(`get ${key}`)
        return Promise.resolve(inner.get(key))
      },
      update: (key, fn, ttl) => {
        calls.push(`update ${key}`)
        return Promise.resolve().then(() => inner.update(key, fn, ttl))
      },
    }
    const moderator = createModerator({ now: () => (t += 1), store, analyze: fakeAnalyze })
    await moderator.moderate({ text: 'hello', targetId: 'ann', authorId: 'u1' })
    // Before, protection.observe and protection.check each read `prot:ann`: two round trips on Redis.
    expect(calls.filter((c) => c.includes('prot:'))).toEqual(['get prot:ann'])
  })

  it('rejects a missing text with ModerationError', async () => {
    const { moderator } = setup()
    await expect(moderator.moderate({} as { text: string })).rejects.toThrow(/input\.text/)
  })
})
