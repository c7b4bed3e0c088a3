import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  chineseNumeralsStage,
  cnLandlineRecognizer,
  confusablesStage,
  digitSeparatorsStage,
  browserRecognizers,
  defaultRecognizers,
  detectPii,
  detectPiiCompact,
  detectPiiFast,
  doxRisk,
  enclosedDigitsStage,
  invisiblesStage,
  ipRecognizer,
  nfkcStage,
  normalize,
} from '@comment-shield/core'
import type { Recognizer } from '@comment-shield/core'
import {
  F_ANY_PII,
  F_AT,
  F_CN_DIGITS,
  F_DIGIT,
  F_DIGIT_WORDS,
  F_EXOTIC,
  F_IP_SHAPE,
  F_JOINED,
  F_MAIL_WORD,
  F_NAME,
  F_PASSPORT,
  F_PHONE11,
  F_PHONE7,
  F_QQ,
  F_RUN11,
  F_RUN12,
  F_RUN15,
  F_RUN5,
  F_RUN7,
  F_RUN9,
  F_WECHAT,
  F_WIDE,
  foldWide,
  scanText,
} from './gate.ts'
import { joinDigitRuns } from './detect.ts'
import { intlPhoneRecognizer } from './phone-intl.ts'

// Pieces that exercise every flag: digits in every script, keywords, separators, look-alikes, invisibles.
const PIECES = [
  ...'0123456789 -.@:()+_,#',
  ...'一二三四五六七八九零〇幺十百壹叁号號栋座区路街小区名叫微薇威信艾特圈点',
  'at',
  ' at ',
  '(at)',
  'dot',
  'com',
  'qq',
  'vx',
  'wx',
  'V信',
  'weixin',
  'wechat',
  '加v',
  '+v',
  'name is ',
  'called ',
  'named ',
  'one ',
  'two ',
  'five ',
  'nine ',
  'zero',
  'Main St',
  ' Street',
  'Apt 4',
  'QQ',
  '扣扣',
  '护照',
  'E',
  '身份证',
  '电话',
  'ssn',
  'x',
  '１',
  '８',
  '＠',
  '：',
  '（',
  '，',
  '。',
  '？',
  '\u3000',
  '—',
  '−',
  'ａ',
  'ｔ',
  'ｎａｍｅ',
  'Ｖ',
  'ｘ',
  '\u200b',
  '\ufe0f',
  'а',
  'е',
  'х',
  'Ο',
  '①',
  '❶',
  '⓿',
  '𝟏',
  '🔟',
  '😂',
  '¥',
  '·',
  '…',
  '㈠',
  '²',
]
const pieceText = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((a) => a.join(''))

// The built-in recognisers as plain objects: the gate does not know them, so they always run.
// Digit-heavy pieces: long runs joined by separators, numbers of every recogniser, their context words.
const DIGIT_PIECES = [
  ...'01234567890123456789',
  ...' -.*_/,~·•\t()+x',
  '  ',
  '   ',
  '    ',
  '+86 ',
  '号',
  '电话',
  'QQ',
  '微信',
  '身份证',
  '护照 E',
  'Passport E',
  'Q号',
  '扣扣',
  '企鹅',
  'ssn ',
  'card ',
  '京A',
  '１',
  '\u3000',
  '—',
  '138',
  '0013',
  '8000',
  '110105',
  '19491231',
  '002X',
  '6222',
  '4111',
  '1111',
  '078-05-1120',
  '010-',
  '(0755)',
]
const digitText = fc.array(fc.constantFrom(...DIGIT_PIECES), { maxLength: 40 }).map((a) => a.join(''))
// Every recogniser of the full preset, the street-address ones included ("12 微信 3": a lead number, a
// CJK word, a house number, is no street for any engine).
const numeric: readonly Recognizer[] = defaultRecognizers
const numericUngated: Recognizer[] = numeric.map((r) => ({
  name: r.name,
  types: r.types,
  view: r.view,
  find: (t) => r.find(t),
}))
const RUN_FLAGS: ReadonlyArray<[number, number]> = [
  [5, F_RUN5],
  [7, F_RUN7],
  [9, F_RUN9],
  [11, F_RUN11],
  [12, F_RUN12],
  [15, F_RUN15],
]

const ungated: Recognizer[] = defaultRecognizers.map((r) => ({
  name: r.name,
  types: r.types,
  view: r.view,
  find: (t) => r.find(t),
}))

describe('scanText()', () => {
  it('flags nothing in plain prose', () => {
    expect(scanText('Great write-up, thanks for sharing!') & F_ANY_PII).toBe(0)
    expect(scanText('写得真好，支持一下！这篇文章说得太对了。') & F_ANY_PII).toBe(0)
    expect(scanText('写得真好，支持一下！') & F_EXOTIC).toBe(0)
  })

  it('sees digits, context words and look-alikes', () => {
    expect(scanText('call me 5') & F_DIGIT).toBe(F_DIGIT)
    expect(scanText('手机１３８') & (F_DIGIT | F_WIDE)).toBe(F_DIGIT | F_WIDE)
    expect(scanText('加ｖｘ') & F_WECHAT).toBe(F_WECHAT)
    expect(scanText('her ｎａｍｅ is') & F_NAME).toBe(F_NAME)
    expect(scanText('аnn') & F_EXOTIC).toBe(F_EXOTIC)
    expect(scanText('1\u200b3') & F_EXOTIC).toBe(F_EXOTIC)
  })
})

describe('scanText() digit runs', () => {
  it('flags the longest run of digits the digit-separators stage joins', () => {
    expect(scanText('¥1299。2024-05-01') & (F_RUN7 | F_RUN9)).toBe(F_RUN7)
    expect(scanText('room 501。12,,,,345') & F_RUN5).toBe(0)
    expect(scanText('138 0013 8000') & (F_RUN11 | F_RUN12)).toBe(F_RUN11)
    fc.assert(
      fc.property(digitText, (text) => {
        const flags = scanText(text)
        fc.pre((flags & (F_EXOTIC | F_CN_DIGITS | F_DIGIT_WORDS | F_AT | F_MAIL_WORD)) === 0)
        let longest = 0
        for (const m of foldWide(text).matchAll(/[0-9](?:[ \t.\-*_·•/,~]{1,3}[0-9]|[0-9])*/g))
          longest = Math.max(longest, m[0].replace(/[^0-9]/g, '').length)
        for (const [n, flag] of RUN_FLAGS) expect([n, flags & flag]).toEqual([n, longest >= n ? flag : 0])
      }),
      { numRuns: 2000 },
    )
  })

  it('keeps the gated and ungated findings equal on digit-heavy text', () => {
    fc.assert(
      fc.property(digitText, (text) => {
        expect(detectPiiFast(text, numeric)).toEqual(detectPiiFast(text, numericUngated))
        expect(detectPiiCompact(text, numeric)).toEqual(detectPiiFast(text, numeric))
      }),
      { numRuns: 3000 },
    )
  })
})

// Latin-letter pieces for the keyword scan: keywords, their neighbours (digits, `_`, letters), full-width
// letters; no CJK context characters (微 名 艾 …), which set the same flags by themselves.
const WORD_PIECES = [
  ...'aeinotvwxqcdlmsprhgu_0123456789 .+-@',
  ...'ＡＴｔａｖｘ１',
  'at',
  'AT',
  'name',
  'called',
  'weixin',
  'WeChat',
  'passport',
  'pass',
  'port',
  'qq',
  'vx',
  'wx',
  '加',
  '信',
  '号',
  'one',
  'two',
  'zero',
  'three',
  'seven',
  'Nine',
  'eight',
  'ten',
  'someone',
  '😂',
]
const wordText = fc.array(fc.constantFrom(...WORD_PIECES), { maxLength: 24 }).map((a) => a.join(''))
// The keyword patterns the scan replaces, as the recognisers' and stages' patterns read them.
const KEYWORDS: ReadonlyArray<[number, RegExp]> = [
  [F_MAIL_WORD, /\bat\b/i],
  [F_NAME, /name|called/i],
  [F_WECHAT, /[vw]x|weixin|wechat|[+加]v|v信/i],
  [F_QQ, /q[q号]/i],
  [F_PASSPORT, /passport/i],
]
const DIGIT_WORD = /(?<![A-Za-z0-9])(?:zero|one|two|three|four|five|six|seven|eight|nine)(?![A-Za-z0-9_])/gi

describe('scanText() keywords', () => {
  it('flags exactly the texts the keyword patterns match', () => {
    expect(scanText('at 7pm') & F_MAIL_WORD).toBe(F_MAIL_WORD)
    expect(scanText('what 7pm') & F_MAIL_WORD).toBe(0)
    expect(scanText('my username') & F_NAME).toBe(F_NAME)
    expect(scanText('PASSPORT') & F_PASSPORT).toBe(F_PASSPORT)
    fc.assert(
      fc.property(wordText, (text) => {
        const folded = foldWide(text)
        const flags = scanText(text)
        for (const [flag, re] of KEYWORDS)
          expect([text, re.source, flags & flag]).toEqual([text, re.source, re.test(folded) ? flag : 0])
        const words = folded.match(DIGIT_WORD)?.length ?? 0
        const digits = folded.replace(/[^0-9]/g, '').length
        const spelled = words >= 2 && digits + words >= 5 ? F_DIGIT_WORDS : 0
        expect([text, flags & F_DIGIT_WORDS]).toEqual([text, spelled])
      }),
      { numRuns: 4000 },
    )
  })
})

// Phone-shaped pieces: digit groups, every character the candidate pattern allows between digits, and some
// it does not.
const PHONE_PIECES = [
  ...'0123456789012345678901234567890 .()-xet#+/,:aX',
  '00',
  '+44 ',
  '  ',
  '\t',
  '\u00a0',
  '\u3000',
  '\u2028',
  '—',
  '１',
  'ext. ',
  ' x ',
  'tel ',
  'call ',
  'phone: ',
  '415',
  '555',
  '0132',
  '20 7946 0958',
]
const phoneText = fc.array(fc.constantFrom(...PHONE_PIECES), { maxLength: 30 }).map((a) => a.join(''))

describe('scanText() phone chains', () => {
  it('flags every text in which the international phone recogniser finds a number', () => {
    expect(scanText('call +44 20 7946 0958') & F_PHONE7).toBe(F_PHONE7)
    expect(scanText('room 702, 2026') & F_PHONE7).toBe(0)
    const phone = intlPhoneRecognizer()
    fc.assert(
      fc.property(phoneText, (text) => {
        const flags = scanText(text)
        fc.pre((flags & (F_EXOTIC | F_PHONE7)) === 0)
        expect([text, phone.find(foldWide(text))]).toEqual([text, []])
      }),
      { numRuns: 4000 },
    )
  })

  it('flags every text in which the landline and IP recognisers find something', () => {
    expect(scanText('(010) 6222 8888') & F_PHONE11).toBe(F_PHONE11)
    expect(scanText('2026-05-01') & F_PHONE11).toBe(0)
    expect(scanText('ip 10.0.0.1') & F_IP_SHAPE).toBe(F_IP_SHAPE)
    expect(scanText('v1.2.3') & F_IP_SHAPE).toBe(0)
    const landline = cnLandlineRecognizer()
    const ip = ipRecognizer()
    fc.assert(
      fc.property(fc.oneof(phoneText, digitText, pieceText), (text) => {
        const flags = scanText(text)
        fc.pre((flags & F_EXOTIC) === 0)
        const folded = foldWide(text)
        // Findings a recogniser made although the gate would have skipped it.
        const missed = [
          ...((flags & F_PHONE11) === 0 ? landline.find(folded) : []),
          ...((flags & F_IP_SHAPE) === 0 ? ip.find(folded) : []),
        ]
        expect([text, missed]).toEqual([text, []])
      }),
      { numRuns: 4000 },
    )
  })

  it('keeps the gated and ungated findings equal on phone-shaped text', () => {
    fc.assert(
      fc.property(phoneText, (text) => {
        expect(detectPii(text)).toEqual(detectPii(text, { recognizers: ungated }))
      }),
      { numRuns: 2000 },
    )
  })
})

describe('scanText() Chinese numerals', () => {
  it('flags exactly the texts whose digit runs the Chinese-numerals stage folds', () => {
    expect(scanText('第一次来，订单 12345') & F_CN_DIGITS).toBe(0)
    expect(scanText('电话 一三八 零零一三') & F_CN_DIGITS).toBe(F_CN_DIGITS)
    const stages = [chineseNumeralsStage()]
    fc.assert(
      fc.property(pieceText, (text) => {
        fc.pre((scanText(text) & F_EXOTIC) === 0)
        const changed = normalize(foldWide(text), { stages }).changed
        expect([text, scanText(text) & F_CN_DIGITS]).toEqual([text, changed ? F_CN_DIGITS : 0])
      }),
      { numRuns: 3000 },
    )
  })

  it('flags every run length the digits view can have', () => {
    fc.assert(
      fc.property(pieceText, (text) => {
        const flags = scanText(text)
        fc.pre((flags & (F_EXOTIC | F_DIGIT_WORDS | F_AT | F_MAIL_WORD)) === 0)
        let longest = 0
        for (const m of normalize(text).text.matchAll(/[0-9]+/g)) longest = Math.max(longest, m[0].length)
        const missing = RUN_FLAGS.filter(([n, flag]) => longest >= n && (flags & flag) === 0)
        expect([text, missing]).toEqual([text, []])
      }),
      { numRuns: 3000 },
    )
  })
})

describe('joinDigitRuns()', () => {
  it('equals the digit-separators stage, offset map included', () => {
    const stages = [digitSeparatorsStage()]
    const long = fc.integer({ min: 40, max: 70 }).map((k) => `call ${'12 '.repeat(k)}8`)
    fc.assert(
      fc.property(fc.oneof(digitText, long), (text) => {
        const joined = joinDigitRuns({ text, map: null, ends: null }, text.length)
        const n = normalize(text, { stages })
        // Unchanged: the view itself (no map); changed: the stage's text and map.
        const map = joined.map === null ? null : [[...joined.map], [...(joined.ends ?? [])]]
        expect([text, joined.text, map]).toEqual([text, n.text, n.changed ? [[...n.map], [...n.ends]] : null])
      }),
      { numRuns: 3000 },
    )
  })
})

describe('scanText() joined runs', () => {
  it('flags every text in which the digit-separators stage deletes something', () => {
    expect(scanText('138 0013 8000') & F_JOINED).toBe(F_JOINED)
    expect(scanText('订单号 2023123456789012345') & F_JOINED).toBe(0)
    const stages = [digitSeparatorsStage()]
    fc.assert(
      fc.property(fc.oneof(digitText, pieceText), (text) => {
        const flags = scanText(text)
        fc.pre((flags & (F_EXOTIC | F_JOINED)) === 0)
        expect([text, normalize(foldWide(text), { stages }).changed]).toEqual([text, false])
      }),
      { numRuns: 3000 },
    )
  })
})

describe('foldWide()', () => {
  it('equals the character folding stages when the gate saw nothing exotic', () => {
    const stages = [invisiblesStage(), nfkcStage(), enclosedDigitsStage(), confusablesStage()]
    fc.assert(
      fc.property(pieceText, (text) => {
        fc.pre((scanText(text) & F_EXOTIC) === 0)
        const n = normalize(text, { stages })
        expect(foldWide(text)).toBe(n.text)
        expect(n.text.length).toBe(text.length)
      }),
      { numRuns: 2000 },
    )
  })
})

describe('detectPii() gate', () => {
  it('finds exactly what the ungated recognisers find', () => {
    fc.assert(
      fc.property(pieceText, (text) => {
        expect(detectPii(text)).toEqual(detectPii(text, { recognizers: ungated }))
      }),
      { numRuns: 3000 },
    )
  })

  it('returns no findings and no dox risk for text the gate clears', () => {
    const text = 'The comments here are better than the article, honestly.'
    expect(scanText(text) & F_ANY_PII).toBe(0)
    expect(detectPii(text)).toEqual([])
    expect(doxRisk(text, [])).toEqual({ score: 0, level: 'none', reasons: [] })
  })
})

describe('detectPiiCompact()', () => {
  it('agrees with detectPiiFast that a CJK word between two numbers is no street address', () => {
    for (const text of ['12 微信 3', 'hi 12 微信 3', '30102 Kaevu 94, 12 微信 3']) {
      const fast = detectPiiFast(text, defaultRecognizers)
      expect(detectPiiCompact(text, defaultRecognizers)).toEqual(fast)
      expect(fast.filter((f) => f.text.includes('微信'))).toEqual([])
    }
  })

  it('finds exactly what detectPiiFast finds, with either preset', () => {
    fc.assert(
      fc.property(pieceText, (text) => {
        for (const preset of [browserRecognizers, defaultRecognizers]) {
          expect(detectPiiCompact(text, preset)).toEqual(detectPiiFast(text, preset))
        }
      }),
      { numRuns: 2000 },
    )
  })
})
