import { describe, expect, it } from 'vitest'
import { analyze, decide, redact } from '@comment-shield/core'

describe('analyze()', () => {
  it('finds a Chinese mobile number with half-open UTF-16 offsets', () => {
    const text = '他的电话是13800138000，大家去问候'
    const verdict = analyze(text)
    expect(verdict.pii).toHaveLength(1)
    const [f] = verdict.pii
    expect(f?.type).toBe('phone')
    expect(text.slice(f!.start, f!.end)).toBe('13800138000')
    expect(f?.text).toBe('13800138000')
  })

  it('finds an e-mail address after an emoji (UTF-16 offsets, not code points)', () => {
    const text = '😀 mail me: ann.lee@example.com'
    const [f] = analyze(text).pii
    expect(f?.type).toBe('email')
    expect(text.slice(f!.start, f!.end)).toBe('ann.lee@example.com')
  })

  it('returns a serialisable verdict', () => {
    const verdict = analyze('a@b.io 13912345678')
    expect(JSON.parse(JSON.stringify(verdict))).toEqual(verdict)
  })

  it('does not take a longer digit run for a phone number', () => {
    expect(analyze('订单号 2023113800138000123').pii).toEqual([])
  })

  it('returns an empty verdict for clean text', () => {
    expect(analyze('今天天气不错 nice weather').pii).toEqual([])
  })
})

describe('redact()', () => {
  it('masks a phone number keeping the first three and last four digits', () => {
    expect(redact('call 13800138000 now').text).toBe('call 138****8000 now')
  })

  it('labels an e-mail address in the chosen locale', () => {
    expect(redact('a.b@example.org', { locale: 'en' }).text).toBe('[email]')
    expect(redact('a.b@example.org').text).toBe('[邮箱]')
  })

  it('leaves text without matches unchanged', () => {
    expect(redact('没有个人信息').text).toBe('没有个人信息')
  })
})

describe('decide()', () => {
  it('redacts personal information by default and allows clean text', () => {
    expect(decide(analyze('13800138000')).action).toBe('redact')
    expect(decide(analyze('hello')).action).toBe('allow')
  })

  it('follows the onPii option', () => {
    expect(decide(analyze('13800138000'), { onPii: 'reject' }).action).toBe('reject')
  })
})
