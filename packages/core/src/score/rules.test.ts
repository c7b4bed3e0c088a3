import fc from 'fast-check'
import { beforeAll, describe, expect, it } from 'vitest'
import { LEXICON_SOURCE } from './lexicon.ts'
import { createLocalScorer } from './local.ts'
import type { AbuseModel } from './model.ts'
import { loadAbuseModel } from './model.ts'
import { createCompactLocalScorer, createCompactRuleScorer } from './compact.ts'
import { createLocalScorer as createReferenceLocalScorer } from './reference/local.ts'
import { createRuleScorer, engineOf } from './rules.ts'

/** Every term of the lexicon, braces expanded (`{a|b}c` → `ac`, `bc`). */
function lexiconTerms(): string[] {
  const expand = (t: string): string[] => {
    const m = /\{([^}]*)\}/.exec(t)
    if (!m) return [t]
    return m[1]!
      .split('|')
      .flatMap((alt) => expand(t.slice(0, m.index) + alt + t.slice(m.index + m[0].length)))
  }
  const out: string[] = []
  for (const line of LEXICON_SOURCE.split('\n')) {
    const [terms = ''] = line.trim().split('=>')
    if (line.trim() === '' || line.trim().startsWith('#')) continue
    for (const t of terms.split(',')) out.push(...expand(t.trim()))
  }
  return out
}

const TERMS = lexiconTerms()

// Pieces that exercise every fold: separators, leet, full-width, confusables, invisibles, enclosed and
// circled digits, Traditional characters, emoji (with variation selectors), lone surrogates, sentence ends,
// mention / counter frames, e-mail obfuscation, and plain noise.
const NOISE = [
  ' ',
  '  ',
  '.',
  '*',
  '_',
  '-',
  '~',
  '·',
  '|',
  "'",
  '/',
  '、',
  '+',
  '•',
  '\n',
  '。',
  '，',
  '！',
  '?',
  ';',
  '1',
  '0',
  '3',
  '4',
  '5',
  '7',
  '@',
  '$',
  '!',
  'a',
  'B',
  'x',
  'ing',
  's',
  '2',
  '9',
  'ａ',
  'Ｓ',
  'ｂ',
  '１',
  '＠',
  '＇',
  '＿',
  '\u3000',
  'о',
  'а',
  'е',
  'с',
  'Α',
  '—',
  '\u200b',
  '\u200d',
  '\ufe0f',
  '\u202e',
  '\u00ad',
  '①',
  '⑩',
  '❶',
  '🔟',
  '𝟏',
  '𝐚',
  'ﬀ',
  '這',
  '個',
  '廢',
  '殺',
  '媽',
  '罵',
  '妳',
  '們',
  '😀',
  '❤️',
  '👍🏻',
  '\ud83d',
  '\ude00',
  '他骂我',
  'called me',
  '请不要骂人',
  'stop bullying',
  '黑人',
  'women',
  ' at ',
  ' dot ',
  '(at)',
  'example.com',
  'ann@example.com',
  '艾特',
  '点',
  '@user',
  '你',
  '我',
  '的',
  '了',
  '是',
  'you',
  'the',
  'kill',
  'process',
  '日本',
  '重庆',
]

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...TERMS) },
  { weight: 4, arbitrary: fc.constantFrom(...NOISE) },
  { weight: 1, arbitrary: fc.string({ maxLength: 3, unit: 'binary' }) },
)
const comment = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(''))

// Leetspeak'd and spaced-out terms: `f u c k`, `1d10t`, `傻 逼`.
const evasive = fc
  .tuple(fc.constantFrom(...TERMS), fc.constantFrom('', ' ', '.', '*', '_', '  '))
  .map(([t, sep]) => [...t].join(sep).replace(/[oiea]/g, (c) => ({ o: '0', i: '1', e: '3', a: '4' })[c] ?? c))

const compact = createCompactRuleScorer()
const fast = createRuleScorer()

function expectSameFindings(text: string): void {
  const a = compact.find(text)
  const b = fast.find(text)
  expect(b.categories).toEqual(a.categories)
  expect(b.spans).toEqual(a.spans)
  expect(b.threatTargets).toEqual(a.threatTargets)
  expect(b.mentionOnly).toBe(a.mentionOnly)
  expect(b.counterSpeech).toBe(a.counterSpeech)
  expect(b.group).toBe(a.group)
  expect(b.maskForModel).toEqual(a.maskForModel)
  expect(b.normalized.text).toBe(a.normalized.text)
  expect([...b.normalized.map]).toEqual([...a.normalized.map])
  expect([...b.normalized.ends]).toEqual([...a.normalized.ends])
}

describe('createRuleScorer() (fast) and createCompactRuleScorer() (compact) engines', () => {
  it('find exactly the same things (property)', () => {
    expect.hasAssertions()
    fc.assert(
      fc.property(comment, (text) => expectSameFindings(text)),
      { numRuns: 3000 },
    )
  })

  it('find the same on spaced and leetspeak terms (property)', () => {
    expect.hasAssertions()
    fc.assert(
      fc.property(evasive, comment, (t, noise) => {
        expectSameFindings(t)
        expectSameFindings(`${noise} ${t} ${noise}`)
      }),
      { numRuns: 1000 },
    )
  })

  it('find the same on arbitrary strings (property)', () => {
    expect.hasAssertions()
    fc.assert(
      fc.property(fc.string({ maxLength: 80, unit: 'binary' }), (text) => expectSameFindings(text)),
      { numRuns: 1000 },
    )
  })

  it('find the same on every lexicon term on its own', () => {
    expect.hasAssertions()
    for (const t of TERMS) expectSameFindings(t)
  })

  it('keeps exact maps through the pipeline fallback (e-mail obfuscation, surrogates joined by a deletion)', () => {
    expect.hasAssertions()
    for (const text of [
      '傻逼 ann (at) example (dot) com',
      'mail 傻逼 at example dot com 你个废物',
      '\ud835\u200b\udc1a sb',
      'x\ud83d\ufe0f\ude00 idiot',
    ])
      expectSameFindings(text)
  })

  it('is reentrant across texts of very different lengths (buffers grow and are reused)', () => {
    expect.hasAssertions()
    const long = `${'你个傻逼 '.repeat(2000)}❤️`
    expectSameFindings(long)
    expectSameFindings('sb')
    expectSameFindings(long.slice(0, 5000))
  })

  it('is exposed to createLocalScorer only for scorers made by createRuleScorer', () => {
    expect(engineOf(fast)).toBeDefined()
    expect(engineOf({ find: (t) => fast.find(t) })).toBeUndefined()
  })
})

describe('createLocalScorer() fast path', () => {
  let model: AbuseModel
  beforeAll(async () => {
    model = await loadAbuseModel()
  })

  it('gives exactly the reference result and the compact scorer result, with and without the model (property)', () => {
    const scorers = [
      [createLocalScorer({ model }), createReferenceLocalScorer({ model })],
      [createLocalScorer({ model: false }), createReferenceLocalScorer({ model: false })],
      [createLocalScorer({ model }), createCompactLocalScorer({ model })],
      [createLocalScorer({ model: false }), createCompactLocalScorer({ model: false })],
    ] as const
    fc.assert(
      fc.property(fc.oneof(comment, evasive), (text) => {
        for (const [mine, ref] of scorers) expect(mine.score(text)).toEqual(ref.score(text))
      }),
      { numRuns: 2000 },
    )
  })

  it('gives the same result through a custom RuleScorer (no engine) as through the engine', () => {
    const wrapped = createLocalScorer({ model, rules: { find: (t) => fast.find(t) } })
    const direct = createLocalScorer({ model })
    for (const text of [
      '你这個廢物！',
      'ｙｏｕ ａｒｅ ａｎ ｉｄｉｏｔ',
      '他骂我傻逼，我该怎么办',
      'kill the process ❤️',
    ])
      expect(wrapped.score(text)).toEqual(direct.score(text))
  })
})
