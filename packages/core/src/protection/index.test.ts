import { describe, expect, it } from 'vitest'
import { createMemoryStore, createProtection } from '@comment-shield/core'
import type {
  ProtectionChange,
  ProtectionCheck,
  ProtectionOptions,
  ProtectionState,
} from '@comment-shield/core'

const DAY = 86_400_000
const T0 = 1_795_046_400_000

function setup(options: Partial<ProtectionOptions> = {}) {
  let t = T0
  const store = createMemoryStore({ now: () => t })
  const changes: ProtectionChange[] = []
  const notices: ProtectionChange[] = []
  const protection = createProtection({
    store,
    now: () => t,
    onChange: (c) => changes.push(c),
    onExpiring: (c) => notices.push(c),
    ...options,
  })
  return {
    protection,
    changes,
    notices,
    advance: (ms: number) => {
      t += ms
    },
    get: (id = 'ann') => protection.get(id) as ProtectionState,
    check: (s: Parameters<typeof protection.check>[0]) => protection.check(s) as ProtectionCheck,
  }
}

describe('createProtection()', () => {
  it('is off by default', () => {
    const s = setup()
    expect(s.get()).toEqual({ active: false })
    expect(s.check({ targetId: 'ann', authorId: 'u', authorAccountAgeDays: 0 }).action).toBe('allow')
  })

  it('switches on for 7 days by default and expires by itself, with one notice a day before', () => {
    const s = setup()
    const on = s.protection.enable('ann', { by: 'target' }) as ProtectionState
    expect(on).toMatchObject({ active: true, since: T0, until: T0 + 7 * DAY, reason: 'manual', by: 'target' })
    expect(s.changes).toHaveLength(1)
    s.advance(5 * DAY)
    expect(s.get().expiresSoon).toBe(false)
    expect(s.notices).toHaveLength(0)
    s.advance(1 * DAY + 1)
    expect(s.get().expiresSoon).toBe(true)
    expect(s.get().active).toBe(true)
    expect(s.notices).toHaveLength(1)
    expect(s.notices[0]).toMatchObject({ targetId: 'ann', state: { until: T0 + 7 * DAY } })
    s.advance(DAY)
    expect(s.get()).toEqual({ active: false })
    expect(s.notices).toHaveLength(1)
  })

  it('switches on by itself at pile_on, not at elevated (configurable)', () => {
    const s = setup()
    expect((s.protection.observe('ann', 'elevated') as ProtectionState).active).toBe(false)
    const on = s.protection.observe('ann', 'pile_on') as ProtectionState
    expect(on).toMatchObject({ active: true, reason: 'pile_on', by: 'auto' })
    const eager = setup({ autoOn: 'elevated' })
    expect((eager.protection.observe('ann', 'elevated') as ProtectionState).active).toBe(true)
    const never = setup({ autoOn: false })
    expect((never.protection.observe('ann', 'pile_on') as ProtectionState).active).toBe(false)
  })

  it('observes the level given to check before deciding on the comment', () => {
    const s = setup()
    const calm = s.check({ targetId: 'ann', authorId: 'u1', authorAccountAgeDays: 1, level: 'elevated' })
    expect(calm).toMatchObject({ action: 'allow', state: { active: false } })
    const held = s.check({ targetId: 'ann', authorId: 'u1', authorAccountAgeDays: 1, level: 'pile_on' })
    expect(held).toMatchObject({ action: 'hold', state: { active: true, reason: 'pile_on', by: 'auto' } })
    expect(s.changes).toHaveLength(1)
    expect(s.get()).toMatchObject({ active: true })
  })

  it('does not switch itself back on right after a person switched it off', () => {
    const s = setup({ manualOffHoldMs: 3_600_000 })
    void s.protection.observe('ann', 'pile_on')
    void s.protection.disable('ann', 'target')
    expect((s.protection.observe('ann', 'pile_on') as ProtectionState).active).toBe(false)
    s.advance(3_600_000)
    expect((s.protection.observe('ann', 'pile_on') as ProtectionState).active).toBe(true)
    expect(s.changes.map((c) => c.state.active)).toEqual([true, false, true])
  })

  it('holds new accounts and non-followers, never the target, while on', () => {
    const s = setup()
    void s.protection.enable('ann')
    expect(s.check({ targetId: 'ann', authorId: 'new', authorAccountAgeDays: 2 })).toMatchObject({
      action: 'hold',
      reasons: ['protection:new_account'],
    })
    expect(s.check({ targetId: 'ann', authorId: 'stranger', authorFollowsTarget: false }).reasons).toEqual([
      'protection:non_follower',
    ])
    expect(
      s.check({ targetId: 'ann', authorId: 'friend', authorAccountAgeDays: 400, authorFollowsTarget: true })
        .action,
    ).toBe('allow')
    expect(s.check({ targetId: 'ann', authorId: 'ann', authorAccountAgeDays: 0 }).action).toBe('allow')
    const lenient = setup({ holdNonFollowers: false })
    void lenient.protection.enable('ann')
    expect(lenient.check({ targetId: 'ann', authorId: 'x', authorFollowsTarget: false }).action).toBe('allow')
  })

  it('rate-limits each author on the target and says when to retry', () => {
    const s = setup({ rateLimit: { max: 2, windowMs: 600_000 } })
    void s.protection.enable('ann')
    const subject = { targetId: 'ann', authorId: 'u1', authorAccountAgeDays: 400 }
    expect(s.check(subject).action).toBe('allow')
    s.advance(60_000)
    expect(s.check(subject).action).toBe('allow')
    s.advance(60_000)
    const limited = s.check(subject)
    expect(limited).toMatchObject({ action: 'rate_limited', retryAfter: 480 })
    expect(s.check({ ...subject, authorId: 'u2' }).action).toBe('allow')
    s.advance(480_000)
    expect(s.check(subject).action).toBe('allow')
  })

  it('collapses flagged comments while on', () => {
    const s = setup()
    void s.protection.enable('ann')
    expect(s.check({ targetId: 'ann', authorId: 'u', abuseScore: 0.7 }).collapse).toBe(true)
    expect(s.check({ targetId: 'ann', authorId: 'v', abuseScore: 0.1 }).collapse).toBe(false)
  })

  it('rejects bad options with ModerationError', () => {
    const store = createMemoryStore({ now: () => 0 })
    expect(() => createProtection({ store, now: () => 0, durationMs: 0 })).toThrow(/durationMs/)
    expect(() => createProtection({ store, now: () => 0, autoOn: 'calm' as 'pile_on' })).toThrow(/autoOn/)
    expect(() => createProtection({ store, now: () => 0, rateLimit: { max: 0, windowMs: 1 } })).toThrow(
      /rateLimit/,
    )
  })
})
