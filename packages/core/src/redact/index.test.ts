import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { detectPii, isModerationError, redact, redactAsync } from '@comment-shield/core'

const piece = fc.constantFrom(
  '13800138000',
  '一三八 零零一三 八零零零',
  '138\u200b0013\u200b8000',
  '11010519491231002X',
  'ann@example.com',
  'ann (at) example (dot) com',
  '4111 1111 1111 1111',
  '192.168.0.1',
  'QQ 12345678',
  'vx: zhang_san88',
  ' ',
  '，',
  'abc',
  '住在阳光路12号',
  '[手机号]',
  '😀',
)
const text = fc.oneof(
  fc.array(piece, { maxLength: 8 }).map((p) => p.join('')),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
)

describe('redact()', () => {
  it('masks, labels and removes per type, in the chosen locale', () => {
    const input = '电话13800138000 邮箱 a.b@example.org QQ 12345678'
    expect(redact(input).text).toBe('电话138****8000 邮箱 [邮箱] QQ [QQ号]')
    expect(redact(input, { locale: 'en' }).text).toBe('电话138****8000 邮箱 [email] QQ [QQ number]')
    expect(redact(input, { operators: { default: 'remove', phone: 'label' } }).text).toBe(
      '电话[手机号] 邮箱  QQ ',
    )
  })

  it('masks evasive numbers in the original characters', () => {
    expect(redact('电话 一三八 零零一三 八零零零').text).toBe('电话 一三八 **** 八零零零')
  })

  it('throws a ModerationError for hash or an unknown operator, pointing to redactAsync', () => {
    expect(() => redact('13800138000', { operators: { phone: 'hash' } })).toThrow(/redactAsync/)
    let caught: unknown
    try {
      redact('x', { operators: { phone: 'shred' as never } })
    } catch (e) {
      caught = e
    }
    expect(isModerationError(caught)).toBe(true)
  })

  it('removes every digit of every found number with the label operator (property)', () => {
    const digitCount = (s: string): number => (s.match(/[\p{Nd}一二三四五六七八九零〇]/gu) ?? []).length
    fc.assert(
      fc.property(text, (t) => {
        const r = redact(t, { operators: { default: 'label', phone: 'label' } })
        const inFindings = r.findings.reduce((n, f) => n + digitCount(f.text), 0)
        // Labels carry no digits: at most the digits outside findings survive.
        expect(digitCount(r.text)).toBeLessThanOrEqual(digitCount(t) - inFindings)
      }),
      { numRuns: 300 },
    )
  })

  it('keeps only the head and tail of a masked number (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 0, max: 99_999_999 }), (b, n) => {
        const phone = `1${b}${String(n).padStart(9, '0')}`
        expect(redact(`tel ${phone}`).text).toBe(`tel ${phone.slice(0, 3)}****${phone.slice(7)}`)
      }),
    )
  })

  it('is idempotent: redacting redacted text changes nothing (property)', () => {
    fc.assert(
      fc.property(text, fc.constantFrom('mask', 'label', 'remove' as const), (t, op) => {
        const options = { operators: { default: op, phone: op } } as const
        const once = redact(t, options).text
        expect(redact(once, options).text).toBe(once)
      }),
      { numRuns: 300 },
    )
  })

  it('never throws and returns findings inside the text (property)', () => {
    fc.assert(
      fc.property(text, (t) => {
        const r = redact(t)
        for (const f of r.findings) expect(t.slice(f.start, f.end)).toBe(f.text)
      }),
    )
  })

  it('uses findings given by the caller and ignores out-of-range ones', () => {
    const t = 'abc 13800138000'
    const findings = [
      ...detectPii(t),
      { type: 'email', start: 90, end: 99, text: 'x', confidence: 1, evidence: 'format' } as const,
    ]
    expect(redact(t, { findings }).text).toBe('abc 138****8000')
  })
})

describe('redactAsync()', () => {
  it('hashes with a keyed HMAC-SHA-256: same value and key, same token; other key, other token', async () => {
    const options = { operators: { phone: 'hash' }, hashKey: 'k1' } as const
    const a = await redactAsync('电话 13800138000', options)
    const b = await redactAsync('tel 138 0013 8000', { ...options, locale: 'zh-CN' })
    const c = await redactAsync('电话 13800138000', { ...options, hashKey: 'k2' })
    expect(a.text).toMatch(/^电话 \[手机号:[0-9a-f]{16}\]$/)
    expect(a.text.slice(3)).toBe(b.text.slice(4))
    expect(c.text).not.toBe(a.text)
    expect(a.text).not.toContain('8000')
  })

  it('matches a known HMAC-SHA-256 value (RFC 4231 style check through WebCrypto)', async () => {
    const key = new TextEncoder().encode('key')
    const r = await redactAsync('mail ann@example.com', {
      operators: { email: 'hash' },
      hashKey: key,
      locale: 'en',
    })
    const mac = await crypto.subtle.sign(
      'HMAC',
      await crypto.subtle.importKey('raw', key, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']),
      new TextEncoder().encode('ann@example.com'),
    )
    const hex = [...new Uint8Array(mac)].map((x) => x.toString(16).padStart(2, '0')).join('')
    expect(r.text).toBe(`mail [email:${hex.slice(0, 16)}]`)
  })

  it('is idempotent with hashing', async () => {
    const options = { operators: { default: 'hash' }, hashKey: 'k' } as const
    const once = (await redactAsync('QQ 12345678 电话13800138000', options)).text
    expect((await redactAsync(once, options)).text).toBe(once)
  })

  it('rejects with a ModerationError when hashing without a key, and works like redact otherwise', async () => {
    await expect(redactAsync('13800138000', { operators: { phone: 'hash' } })).rejects.toThrow(/hashKey/)
    expect((await redactAsync('13800138000')).text).toBe('138****8000')
  })
})
