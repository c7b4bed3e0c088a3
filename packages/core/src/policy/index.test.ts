import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import {
  analyze,
  decide,
  decideContent,
  DEFAULT_THRESHOLDS,
  emptyAbuse,
  resolveThresholds,
} from '@comment-shield/core'
import type { AbuseCategory, ProtectionCheck, Verdict } from '@comment-shield/core'

/** A verdict with the given abuse scores and no PII. */
function scored(categories: Partial<Record<AbuseCategory, number>>, base: Verdict = analyze('')): Verdict {
  const abuse = emptyAbuse()
  Object.assign(abuse.categories, categories)
  abuse.score = Math.max(
    0,
    ...Object.entries(categories)
      .filter(([c]) => c !== 'profanity')
      .map(([, v]) => v),
  )
  return { ...base, abuse }
}

const active = { active: true, since: 0, until: 1, reason: 'manual', by: 'target' } as const

describe('decide()', () => {
  it('allows clean text', () => {
    expect(decide(analyze('今天天气不错'))).toMatchObject({ action: 'allow', reasons: [], categories: [] })
  })

  it('keeps the PII behaviour: redact by default, onPii overrides', () => {
    const verdict = analyze('call 13800138000')
    expect(decide(verdict)).toMatchObject({ action: 'redact', reasons: ['pii:phone'], redact: true })
    const warned = decide(verdict, { onPii: 'warn' })
    expect(warned.action).toBe('warn')
    expect(warned.redact).toBeUndefined()
    expect(warned.userMessage.en).toMatch(/personal information/)
  })

  it('applies per-category thresholds', () => {
    expect(decide(scored({ insult: 0.6 })).action).toBe('warn')
    expect(decide(scored({ insult: 0.85 })).action).toBe('hold')
    expect(decide(scored({ threat: 0.9 }))).toMatchObject({ action: 'reject', reasons: ['abuse:threat'] })
    expect(decide(scored({ insult: 0.6 }), { thresholds: { insult: { hold: 0.55 } } }).action).toBe('hold')
  })

  it('grades doxing risk: redact, then hold from 0.7, reject from 0.95', () => {
    const withPii = (doxing: number): Verdict => {
      const v = scored({ doxing })
      return {
        ...v,
        pii: [{ type: 'phone', start: 0, end: 11, text: '13800138000', confidence: 0.9, evidence: 'format' }],
      }
    }
    expect(decide(withPii(0.3)).action).toBe('redact')
    expect(decide(withPii(0.78)).action).toBe('hold')
    expect(decide(withPii(0.98)).action).toBe('reject')
  })

  it('allows profanity alone by default and warns only when a site opts in', () => {
    expect(decide(scored({ profanity: 1 })).action).toBe('allow')
    expect(decide(scored({ profanity: 1 }), { thresholds: { profanity: { warn: 0.8 } } }).action).toBe('warn')
    expect(decide(scored({ profanity: 0.5 }), { thresholds: { profanity: { warn: 0.8 } } }).action).toBe(
      'allow',
    )
  })

  it('lowers thresholds when the target is a minor', () => {
    const verdict = scored({ sexual_harassment: 0.5 })
    expect(decide(verdict).action).toBe('warn')
    const minor = decide(verdict, { protectedTarget: { minor: true } })
    expect(minor.action).toBe('hold')
    expect(minor.reasons).toContain('minor')
    expect(minor.userMessage['zh-CN']).toMatch(/未成年人/)
    expect(resolveThresholds({}, true).threat.hold).toBeCloseTo(DEFAULT_THRESHOLDS.threat.hold * 0.7)
  })

  it('holds personal information about a minor instead of only redacting it', () => {
    const decision = decide(analyze('她的电话 13800138000'), { protectedTarget: { minor: true } })
    expect(decision).toMatchObject({ action: 'hold', redact: true })
    expect(decision.reasons).toEqual(['pii:phone', 'minor'])
  })

  it('holds an abusive comment posted into an active pile-on', () => {
    const verdict = scored({ insult: 0.6 })
    expect(decide(verdict, { pileOn: { level: 'elevated' } }).action).toBe('warn')
    const joined = decide(verdict, { pileOn: { level: 'pile_on' } })
    expect(joined.action).toBe('hold')
    expect(joined.reasons).toEqual(['pile_on:follow_on', 'abuse:insult'])
    expect(decide(scored({}), { pileOn: { level: 'pile_on' } }).action).toBe('allow')
  })

  it('applies protection mode: hold, rate limit with retryAfter, collapse', () => {
    const hold: ProtectionCheck = {
      state: active,
      action: 'hold',
      reasons: ['protection:new_account'],
      collapse: false,
    }
    expect(decide(scored({}), { protection: hold })).toMatchObject({
      action: 'hold',
      reasons: ['protection:new_account'],
    })
    const limited: ProtectionCheck = {
      state: active,
      action: 'rate_limited',
      reasons: ['protection:rate_limited'],
      collapse: true,
      retryAfter: 120,
    }
    const decision = decide(scored({ insult: 0.6 }), { protection: limited })
    expect(decision).toMatchObject({ action: 'reject', retryAfter: 120, collapse: true })
    expect(decision.userMessage.en).toMatch(/too often/)
  })

  it('applies the offender ladder', () => {
    const standing = {
      authorId: 'x',
      points: 5,
      strikes: 5,
      kinds: ['repeat' as const],
      action: 'mute' as const,
    }
    const muted = decide(scored({}), { offender: { ...standing, mutedUntil: 10, retryAfter: 3600 } })
    expect(muted).toMatchObject({
      action: 'reject',
      retryAfter: 3600,
      reasons: ['offender:mute', 'offender:repeat'],
    })
    expect(decide(scored({ insult: 0.55 }), { offender: { ...standing, action: 'hold' } }).action).toBe(
      'hold',
    )
    expect(decide(scored({}), { offender: { ...standing, action: 'hold' } }).action).toBe('allow')
    expect(decide(scored({ insult: 0.55 }), { offender: { ...standing, action: 'warn' } }).reasons).toContain(
      'offender:warn',
    )
  })

  it('speaks Chinese and English', () => {
    const { userMessage } = decide(scored({ threat: 0.9 }))
    expect(userMessage['zh-CN']).toMatch(/威胁/)
    expect(userMessage.en).toMatch(/threats/)
  })

  it('returns plain serialisable data', () => {
    const decision = decide(scored({ threat: 0.7 }), { pileOn: { level: 'pile_on' } })
    expect(JSON.parse(JSON.stringify(decision))).toEqual(decision)
  })

  it('rejects a bad minorFactor', () => {
    expect(() => decide(scored({}), { protectedTarget: { minor: true }, minorFactor: 3 })).toThrow(
      /minorFactor/,
    )
  })
})

describe('decideContent()', () => {
  const categories = Object.keys(DEFAULT_THRESHOLDS) as AbuseCategory[]
  const texts = [
    '',
    'call 13800138000',
    'mail ann@example.com',
    '你这个傻逼',
    'nice work',
    '13800138000 idiot',
  ]

  it('returns what decide() returns without context, for any scores, PII and options', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...texts),
        fc.dictionary(fc.constantFrom(...categories), fc.double({ min: 0, max: 1, noNaN: true })),
        fc.option(
          fc.constantFrom<'warn' | 'redact' | 'hold' | 'reject'>('warn', 'redact', 'hold', 'reject'),
          {
            nil: undefined,
          },
        ),
        fc.option(fc.record({ insult: fc.record({ warn: fc.double({ min: 0, max: 1, noNaN: true }) }) }), {
          nil: undefined,
        }),
        (text, scores, onPii, thresholds) => {
          const verdict = scored(scores, analyze(text))
          const options = { onPii, thresholds }
          expect(decideContent(verdict, options)).toEqual(decide(verdict, options))
        },
      ),
    )
  })

  it('names the PII and abuse categories with the same messages as decide()', () => {
    const verdict = scored({ insult: 0.6 }, analyze('call 13800138000'))
    const decision = decideContent(verdict, { onPii: 'warn' })
    expect(decision).toMatchObject({ action: 'warn', reasons: ['pii:phone', 'abuse:insult'] })
    expect(decision.categories).toEqual(['phone', 'insult'])
    expect(decision.userMessage.en).toMatch(/personal information/)
    expect(decideContent(analyze('今天天气不错'))).toMatchObject({ action: 'allow', reasons: [] })
  })
})
