import { describe, expect, it } from 'vitest'
import { createMemoryStore, createOffenderLedger } from '@comment-shield/core'
import type { OffenderLedgerOptions, OffenderStanding } from '@comment-shield/core'

const DAY = 86_400_000
const T0 = 1_795_046_400_000

function setup(options: Partial<OffenderLedgerOptions> = {}) {
  let t = T0
  const store = createMemoryStore({ now: () => t })
  const ledger = createOffenderLedger({ store, now: () => t, ...options })
  return {
    ledger,
    advance: (ms: number) => {
      t += ms
    },
    record: (...args: Parameters<typeof ledger.record>) => ledger.record(...args) as OffenderStanding,
    standing: (id: string) => ledger.standing(id) as OffenderStanding,
  }
}

describe('createOffenderLedger()', () => {
  it('has nothing on a new author', () => {
    expect(setup().standing('ann')).toEqual({
      authorId: 'ann',
      points: 0,
      strikes: 0,
      kinds: [],
      action: 'none',
    })
  })

  it('climbs the default ladder: warn → hold → 24 h mute → 7-day mute', () => {
    const s = setup()
    const first = s.record('troll', { categories: ['insult'] })
    expect(first).toMatchObject({ points: 1, kinds: ['first_time'], action: 'warn' })
    s.advance(DAY)
    expect(s.record('troll').action).toBe('warn')
    s.advance(DAY)
    const third = s.record('troll')
    expect(third).toMatchObject({ points: 3, strikes: 3, kinds: ['repeat'], action: 'hold' })
    s.advance(DAY)
    s.record('troll')
    s.advance(DAY)
    const muted = s.record('troll')
    expect(muted).toMatchObject({
      points: 5,
      action: 'mute',
      mutedUntil: T0 + 4 * DAY + DAY,
      retryAfter: 86_400,
    })
    s.advance(DAY)
    // The mute is over; the author stays on hold while the points last.
    expect(s.standing('troll').action).toBe('hold')
    for (let i = 0; i < 3; i++) s.record('troll')
    expect(s.standing('troll')).toMatchObject({ points: 8, action: 'mute', retryAfter: 7 * 86_400 })
  })

  it('weighs inciters and follow-on offenders more', () => {
    const s = setup()
    expect(s.record('a', { categories: ['incitement'] })).toMatchObject({
      points: 2,
      kinds: ['first_time', 'inciter'],
    })
    expect(s.record('b', { categories: ['insult'], followOn: true })).toMatchObject({
      points: 2,
      kinds: ['first_time', 'follow_on'],
    })
    // An inciter joining a pile-on: held after a single comment.
    expect(s.record('c', { categories: ['incitement'], followOn: true })).toMatchObject({
      points: 3,
      action: 'hold',
    })
  })

  it('forgets strikes after decayMs', () => {
    const s = setup({ decayMs: 10 * DAY })
    s.record('x')
    s.record('x')
    s.record('x')
    expect(s.standing('x').action).toBe('hold')
    s.advance(10 * DAY)
    expect(s.standing('x')).toMatchObject({ points: 0, action: 'none' })
    expect(s.record('x').kinds).toEqual(['first_time'])
  })

  it('takes a custom ladder', () => {
    const s = setup({
      ladder: [
        { points: 2, action: 'mute', muteMs: 60_000 },
        { points: 1, action: 'hold' },
      ],
    })
    expect(s.record('x').action).toBe('hold')
    expect(s.record('x')).toMatchObject({ action: 'mute', retryAfter: 60 })
  })

  it('clears an author (a pardon)', () => {
    const s = setup()
    s.record('x')
    void s.ledger.clear('x')
    expect(s.standing('x').points).toBe(0)
  })

  it('rejects a bad ladder with ModerationError', () => {
    const store = createMemoryStore({ now: () => 0 })
    expect(() =>
      createOffenderLedger({ store, now: () => 0, ladder: [{ points: 1, action: 'mute' }] }),
    ).toThrow(/muteMs/)
    expect(() =>
      createOffenderLedger({ store, now: () => 0, ladder: [{ points: 0, action: 'warn' }] }),
    ).toThrow(/ladder\[0\]/)
  })
})
