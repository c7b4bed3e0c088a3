import { describe, expect, it } from 'vitest'
import { analyze, detectPii, doxRisk } from '@comment-shield/core'

function risk(text: string): ReturnType<typeof doxRisk> {
  return doxRisk(text, detectPii(text))
}

describe('doxRisk()', () => {
  it('is none for clean text and low for a lone e-mail in a support request', () => {
    expect(risk('今天天气不错').level).toBe('none')
    const support = risk('my email is ann@example.com, please contact me about my order')
    expect(support.level).toBe('low')
    expect(support.reasons).toContain('self_disclosure')
  })

  it('is critical for name + phone + address + a call to action (zh)', () => {
    const r = risk('姓名：王小明，电话13800138000，住在阳光路12号，大家去问候一下')
    expect(r.level).toBe('critical')
    expect(r.reasons).toEqual(expect.arrayContaining(['categories:3', 'call_to_action']))
  })

  it('is critical for name + phone + address + a call to action (en)', () => {
    const r = risk('her name is Jane Doe, 415-555-0132, she lives at 12 Oak Street. go say hi')
    expect(r.level).toBe('critical')
  })

  it('raises the score for disclosure cues and calls to action', () => {
    const base = risk('电话13800138000').score
    const disclosed = risk('人肉出来了，电话13800138000').score
    const action = risk('人肉出来了，电话13800138000，大家冲').score
    expect(disclosed).toBeGreaterThan(base)
    expect(action).toBeGreaterThan(disclosed)
    expect(risk("we doxxed him, here's his address: 12 Oak Street").reasons).toContain('disclosure')
    expect(risk('flood her DMs, 13800138000').reasons).toContain('call_to_action')
  })

  it('counts school/workplace and family from words only when PII or disclosure is present', () => {
    expect(risk('她在实验中学读书').level).toBe('none')
    const r = risk('开盒：她在实验中学读书，她妈在银行上班，电话13800138000')
    expect(r.reasons).toEqual(
      expect.arrayContaining(['category:school_work', 'category:family', 'disclosure']),
    )
    expect(r.level).toMatch(/high|critical/)
  })

  it('stays in 0..1 and feeds the verdict', () => {
    const v = analyze('身份证11010519491231002X 电话13800138000 住在阳光路12号 人肉 去问候')
    expect(v.dox.score).toBeLessThanOrEqual(1)
    expect(v.dox.level).toBe('critical')
    expect(v.abuse.categories.doxing).toBe(v.dox.score)
  })

  it('handles 1 MB of input (cues read from a bounded window)', () => {
    const text = '人肉'.repeat(500_000)
    expect(doxRisk(text, []).reasons).toContain('disclosure')
  })
})
