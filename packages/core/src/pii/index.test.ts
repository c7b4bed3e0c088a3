import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  browserRecognizers,
  cardRecognizer,
  cnIdRecognizer,
  createAnalyzer,
  defaultRecognizers,
  detectPii,
  enAddressRecognizer,
  intlAddressRecognizer,
  intlPhoneRecognizer,
} from '@comment-shield/core'
import type { PiiType, Recognizer } from '@comment-shield/core'

/** The [type, original text] pairs detectPii finds. */
function found(text: string): Array<[PiiType, string]> {
  return detectPii(text).map((f) => {
    expect(text.slice(f.start, f.end)).toBe(f.text)
    return [f.type, f.text]
  })
}

describe('detectPii() positives, plain and evasive', () => {
  it.each<[string, string, PiiType, string]>([
    ['zh', '他的电话是13800138000，大家去问候', 'phone', '13800138000'],
    ['zh', '手机 +86 138 0013 8000', 'phone', '+86 138 0013 8000'],
    ['zh evasive', '电话 一三八 零零一三 八零零零', 'phone', '一三八 零零一三 八零零零'],
    ['zh evasive', '打 幺叁捌-〇〇壹叁-捌〇〇〇', 'phone', '幺叁捌-〇〇壹叁-捌〇〇〇'],
    ['zh evasive', '手机１３８\u200b００１３\u200b８０００', 'phone', '１３８\u200b００１３\u200b８０００'],
    ['zh evasive', '①③⑧⓪⓪①③⑧⓪⓪⓪', 'phone', '①③⑧⓪⓪①③⑧⓪⓪⓪'],
    [
      'en evasive',
      'call one three eight zero zero one three eight zero zero zero',
      'phone',
      'one three eight zero zero one three eight zero zero zero',
    ],
    ['zh', '座机 010-62751234', 'phone', '010-62751234'],
    ['en', 'call +44 20 7946 0958 tonight', 'phone', '+44 20 7946 0958'],
    ['en', 'phone (415) 555-0132', 'phone', '(415) 555-0132'],
    ['zh', '身份证 11010519491231002X', 'cn_id', '11010519491231002X'],
    ['zh evasive', '身份证 110105 1949 1231 002X', 'cn_id', '110105 1949 1231 002X'],
    ['zh', '老身份证 110105491231002', 'cn_id', '110105491231002'],
    ['zh', '卡号 6222 0000 0000 0000 004', 'bank_card', '6222 0000 0000 0000 004'],
    ['en', 'card 4111 1111 1111 1111', 'credit_card', '4111 1111 1111 1111'],
    ['en', 'amex 378282246310005', 'credit_card', '378282246310005'],
    ['en', 'my ssn is 219-23-4567', 'us_ssn', '219-23-4567'],
    ['en', 'server 192.168.1.20 is down', 'ip_address', '192.168.1.20'],
    ['en', 'ipv6 2001:db8::8a2e:370:7334 ok', 'ip_address', '2001:db8::8a2e:370:7334'],
    ['en', 'mail ann.lee@example.com', 'email', 'ann.lee@example.com'],
    ['en evasive', 'mail ann (at) example (dot) com', 'email', 'ann (at) example (dot) com'],
    ['zh evasive', '邮箱 ann艾特qq点com', 'email', 'ann艾特qq点com'],
    ['en evasive', 'mail аnn@ехаmрlе.com', 'email', 'аnn@ехаmрlе.com'],
    ['zh', '加我微信 wxid_abc123', 'wechat', 'wxid_abc123'],
    ['zh', 'V信：zhang_san88', 'wechat', 'zhang_san88'],
    ['zh', '薇 13800138000', 'wechat', '13800138000'],
    ['zh', '扣扣 12345678', 'qq', '12345678'],
    ['zh evasive', '企鹅号：一二三四五六七八', 'qq', '一二三四五六七八'],
    [
      'zh',
      '他住在北京市海淀区中关村大街27号3号楼2单元501室',
      'address',
      '北京市海淀区中关村大街27号3号楼2单元501室',
    ],
    ['zh', '地址：阳光小区3号楼2单元501', 'address', '阳光小区3号楼2单元501'],
    [
      'en',
      'she lives at 1600 Pennsylvania Avenue NW, Washington, DC 20500',
      'address',
      '1600 Pennsylvania Avenue NW, Washington, DC 20500',
    ],
    ['en', 'at 52 Ramirez Shoal Apt. 837', 'address', '52 Ramirez Shoal Apt. 837'],
    ['zh', '护照号 E12345678', 'passport', 'E12345678'],
    ['zh', '车牌 沪A·12345', 'license_plate', '沪A·12345'],
    ['zh', '姓名：王小明，电话', 'person_name', '王小明'],
    ['zh', '她真名叫欧阳娜娜。', 'person_name', '欧阳娜娜'],
    ['en', 'her name is Jane Doe', 'person_name', 'Jane Doe'],
  ])('%s: %s', (_lang, text, type, original) => {
    expect(found(text)).toContainEqual([type, original])
  })
})

describe('detectPii() negatives', () => {
  it.each([
    '订单号 2023113800138000123',
    '订单号：13800138000123',
    '快递单号 SF1234567890123',
    '运单号 773012345678901',
    'tracking number 1Z999AA10123456784',
    '2023-11-22 13:45:00 开会',
    '2023年11月22日',
    '价格 ¥1380.00，原价 $13,800',
    'ISBN 978-7-111-12345-6',
    'version 1.13.800, v2.0.1.3',
    '紧急电话 110、120、911，客服 12345',
    '身份证 110105194912310021',
    '房间 501室，room 1203',
    '三四个人一起去了一个地方',
    'I have one or two ideas, 2 3 cats',
    '他说 at 5 dot',
    '今天天气不错 nice weather',
  ])('does not flag %s', (text) => {
    expect(found(text)).toEqual([])
  })
})

describe('recognisers', () => {
  it('cnIdRecognizer rules out a wrong check digit and an impossible birth date', () => {
    const r = cnIdRecognizer()
    expect(r.find('11010519491231002X')).toHaveLength(1)
    expect(r.find('110105194912310021')).toEqual([])
    expect(r.find('110105194902300028')).toEqual([])
  })

  it('cardRecognizer requires the Luhn check', () => {
    expect(cardRecognizer().find('4111111111111111')).toHaveLength(1)
    expect(cardRecognizer().find('4111111111111112')).toEqual([])
  })

  it('intlPhoneRecognizer validates with libphonenumber and respects the grouping', () => {
    const r = intlPhoneRecognizer()
    expect(r.find('+1 415 555 0132').map((f) => f.text)).toEqual(['+1 415 555 0132'])
    expect(r.find('110 120 911 12345')).toEqual([])
  })

  it('every recogniser in the full preset returns spans inside its input for any string (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 80 }), (text) => {
        for (const r of defaultRecognizers) {
          for (const f of r.find(text)) {
            expect(f.start).toBeGreaterThanOrEqual(0)
            expect(f.end).toBeLessThanOrEqual(text.length)
            expect(text.slice(f.start, f.end)).toBe(f.text)
          }
        }
      }),
      { numRuns: 200 },
    )
  })
})

// PII pieces mixed with noise, evasions included, for properties over detectPii/redact.
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
  ' ',
  '，',
  '订单号',
  'abc',
  '住在阳光路12号',
  '😀',
  '\ud800',
)
export const piiText: fc.Arbitrary<string> = fc.oneof(
  fc.array(piece, { maxLength: 8 }).map((p) => p.join('')),
  fc.string({ unit: 'grapheme', maxLength: 60 }),
)

describe('intlAddressRecognizer()', () => {
  // The full recogniser's suffix-street pre-check must let through every suffix street: every
  // street the light recogniser finds, the full one finds too (from the same start, maybe longer), whatever
  // white space stands before the house number ("Berlintie\n12b", a no-break space).
  const SUFFIXES =
    'tie katu gatan vägen väg straße strasse str. weg gasse laan straat vej gade veien vegen gata utca allee platz kuja polku plein dreef kade gränd stien vænget stræde stræti braut vegur'
  const PIECES = [
    ...SUFFIXES.split(' '),
    'Haupt',
    'Sankt-',
    'Åbo',
    'Ab',
    ' ',
    '  ',
    '5',
    '12b',
    '3',
    ', ',
    'Apt 3',
    '12345 Berlin',
    'x ',
    '\t',
    '\n',
    '\u00a0',
  ]
  const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((a) => a.join(''))

  it('finds every street the light recogniser finds', () => {
    const light = enAddressRecognizer()
    const full = intlAddressRecognizer()
    for (const suffix of SUFFIXES.split(' ')) {
      const street = `Haupt${suffix} 5`
      const texts = full.find(`wohne in ${street}`).map((f) => f.text)
      expect([suffix, texts.includes(street)]).toEqual([suffix, true])
    }
    fc.assert(
      fc.property(text, (t) => {
        const starts = new Set(full.find(t).map((f) => f.start))
        expect([t, light.find(t).filter((f) => !starts.has(f.start))]).toEqual([t, []])
      }),
      { numRuns: 3000 },
    )
  })
})

describe('detectPii() properties', () => {
  it('returns sorted, non-overlapping spans of original characters for any text', () => {
    fc.assert(
      fc.property(piiText, (text) => {
        let last = 0
        for (const f of detectPii(text)) {
          expect(f.start).toBeGreaterThanOrEqual(last)
          expect(f.end).toBeGreaterThan(f.start)
          expect(f.end).toBeLessThanOrEqual(text.length)
          expect(text.slice(f.start, f.end)).toBe(f.text)
          last = f.end
        }
      }),
      { numRuns: 400 },
    )
  })
})

describe('createAnalyzer()', () => {
  it('uses the light preset by default and the recognisers it is given', () => {
    const light = createAnalyzer()
    expect(light.detectPii('call +44 20 7946 0958')).toEqual([])
    expect(light.redact('电话 13800138000').text).toBe('电话 138****8000')
    expect(light.analyze('13800138000').pii[0]?.type).toBe('phone')
    const full = createAnalyzer({ recognizers: defaultRecognizers })
    expect(full.detectPii('call +44 20 7946 0958')[0]?.type).toBe('phone')
    expect(browserRecognizers.some((r) => r.name === 'intl-phone')).toBe(false)
  })

  it('survives a recogniser that throws', () => {
    const broken: Recognizer = {
      name: 'broken',
      types: ['email'],
      find: () => {
        throw new Error('boom')
      },
    }
    expect(
      createAnalyzer({ recognizers: [broken, ...browserRecognizers] }).detectPii('13800138000'),
    ).toHaveLength(1)
  })
})

describe('detectPii() on pathological input', () => {
  // Work done, not wall time: each input is 1 MB (or 100k repetitions) and must return a bounded result.
  it.each([
    ['1 MB of digits and spaces', '1 '.repeat(512 * 1024)],
    ['1 MB of digits', '1'.repeat(1024 * 1024)],
    ['100k repeated characters', 'a'.repeat(100_000)],
    ['100k "a@"', 'a@'.repeat(100_000)],
    ['100k "a at "', 'a at '.repeat(100_000)],
    ['100k Chinese numerals', '一'.repeat(100_000)],
    ['100k road suffixes', '路1号'.repeat(100_000)],
    ['100k capitalised words', '1 Main '.repeat(100_000)],
    ['lone surrogates', '\ud800\udc00\udc00'.repeat(100_000)],
    ['control characters', '\u0000\u0007\u001b'.repeat(100_000)],
    ['digits and dots', '1.'.repeat(200_000)],
    ['hex and colons', 'a:'.repeat(200_000)],
  ])('%s returns findings inside the text', (_name, text) => {
    const findings = detectPii(text)
    expect(findings.length).toBeLessThanOrEqual(text.length)
    for (const f of findings) expect(f.end).toBeLessThanOrEqual(text.length)
  })
})
