import fc from 'fast-check'
import { describe, expect, it, vi } from 'vitest'
import { analyze } from '../analyze.ts'
import { isModerationError } from '../errors.ts'
import type { AbuseCategory, AbuseScorer } from '../score/types.ts'
import {
  analyzeComment,
  detectLanguages,
  parseAnalyzeCommentRequest,
  PERSPECTIVE_ATTRIBUTES,
  perspectiveErrorBody,
  PerspectiveRequestError,
} from './index.ts'
import type { PerspectiveAttribute, PerspectiveErrorType } from './index.ts'

const ALL = Object.fromEntries(Object.keys(PERSPECTIVE_ATTRIBUTES).map((a) => [a, {}]))
const highest = (text: string, categories: readonly AbuseCategory[]): number => {
  const { categories: scores } = analyze(text).abuse
  return Math.round(Math.max(...categories.map((c) => scores[c])) * 10_000) / 10_000
}

async function refusal(body: unknown): Promise<PerspectiveRequestError> {
  const error: unknown = await analyzeComment(body).then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(PerspectiveRequestError)
  return error as PerspectiveRequestError
}

describe('analyzeComment (Perspective comments:analyze)', () => {
  it('answers every attribute with the highest probability of its categories', async () => {
    for (const text of [
      '你是个垃圾，去死吧',
      'you are an idiot',
      'I know where you live',
      '这个视频太牛逼了',
      '今天天气不错',
    ]) {
      const res = await analyzeComment({ comment: { text }, requestedAttributes: ALL })
      for (const [name, categories] of Object.entries(PERSPECTIVE_ATTRIBUTES)) {
        const expected = highest(text, categories)
        expect(res.attributeScores[name]?.summaryScore, `${name} of ${text}`).toEqual({
          value: expected,
          type: 'PROBABILITY',
        })
        expect(res.attributeScores[name]?.spanScores).toEqual([
          { begin: 0, end: text.length, score: { value: expected, type: 'PROBABILITY' } },
        ])
      }
    }
  })

  it('scores abuse high and ordinary talk low, in both languages', async () => {
    const score = async (text: string, attribute: PerspectiveAttribute) =>
      (await analyzeComment({ comment: { text }, requestedAttributes: { [attribute]: {} } })).attributeScores[
        attribute
      ]!.summaryScore.value
    expect(await score('你是个垃圾', 'TOXICITY')).toBeGreaterThan(0.5)
    expect(await score('you are an idiot', 'INSULT')).toBeGreaterThan(0.5)
    expect(await score('I know where you live', 'THREAT')).toBeGreaterThan(0.5)
    expect(await score('今天天气不错，出去走走', 'TOXICITY')).toBeLessThan(0.3)
    expect(await score('Thanks for the thoughtful article', 'TOXICITY')).toBeLessThan(0.3)
    // Profanity counts toward TOXICITY, not SEVERE_TOXICITY.
    expect(await score('这个视频太牛逼了', 'PROFANITY')).toBeGreaterThan(0.5)
    expect(await score('这个视频太牛逼了', 'SEVERE_TOXICITY')).toBeLessThan(0.3)
  })

  it('leaves out attributes below their scoreThreshold and echoes names, languages and clientToken', async () => {
    const text = 'Thanks for the thoughtful article'
    const res = await analyzeComment({
      comment: { text, type: 'PLAIN_TEXT' },
      requestedAttributes: {
        TOXICITY: { scoreThreshold: 0.99 },
        INSULT: { scoreThreshold: { value: 0 } },
        THREAT_EXPERIMENTAL: { scoreType: 'PROBABILITY' },
      },
      languages: ['en-GB'],
      clientToken: 'tok-1',
      doNotStore: true,
      sessionId: 's',
    })
    expect(Object.keys(res.attributeScores).sort()).toEqual(['INSULT', 'THREAT_EXPERIMENTAL'])
    expect(res.attributeScores.THREAT_EXPERIMENTAL!.summaryScore.value).toBe(highest(text, ['threat']))
    expect(res).toMatchObject({ languages: ['en-GB'], detectedLanguages: ['en'], clientToken: 'tok-1' })
  })

  it('adds a span score per span that drove the attribute with spanAnnotations', async () => {
    const text = '楼主你这个傻逼，我知道你家住哪'
    const verdict = analyze(text)
    const res = await analyzeComment({
      comment: { text },
      requestedAttributes: { INSULT: {}, THREAT: {} },
      spanAnnotations: true,
    })
    for (const [name, category] of [
      ['INSULT', 'insult'],
      ['THREAT', 'threat'],
    ] as const) {
      const spans = verdict.abuse.spans.filter((s) => s.category === category)
      expect(spans.length, `${category} spans`).toBeGreaterThan(0)
      const scores = res.attributeScores[name]!.spanScores
      expect(scores[0]).toMatchObject({ begin: 0, end: text.length })
      expect(scores.slice(1).map((s) => text.slice(s.begin, s.end))).toEqual(spans.map((s) => s.text))
      for (const s of scores) expect(s.score.value).toBe(highest(text, [category]))
    }
  })

  it('detects languages from scripts, most characters first', () => {
    expect(detectLanguages('hi 你好你好')).toEqual(['zh', 'en'])
    expect(detectLanguages('hello there 你好')).toEqual(['en', 'zh'])
    expect(detectLanguages('こんにちは世界')).toEqual(['ja'])
    expect(detectLanguages('안녕하세요')).toEqual(['ko'])
    expect(detectLanguages('ｈｅｌｌｏ')).toEqual(['en'])
    expect(detectLanguages('👍 123 !!!')).toEqual([])
  })

  it.each<[string, unknown, PerspectiveErrorType, string]>([
    ['a non-object body', [1], 'INVALID_ARGUMENT', ''],
    ['no comment text', { requestedAttributes: ALL }, 'INVALID_ARGUMENT', 'comment.text'],
    [
      'an empty comment',
      { comment: { text: '  ' }, requestedAttributes: ALL },
      'COMMENT_EMPTY',
      'comment.text',
    ],
    [
      'a comment over the limit',
      { comment: { text: 'a'.repeat(20_481) }, requestedAttributes: ALL },
      'COMMENT_TOO_LONG',
      'comment.text',
    ],
    [
      'HTML',
      { comment: { text: '<b>hi</b>', type: 'HTML' }, requestedAttributes: ALL },
      'TEXT_TYPE_NOT_SUPPORTED',
      'comment.type',
    ],
    [
      'no attributes',
      { comment: { text: 'hi' }, requestedAttributes: {} },
      'INVALID_ARGUMENT',
      'requestedAttributes',
    ],
    [
      'an unknown attribute',
      { comment: { text: 'hi' }, requestedAttributes: { SPAM: {} } },
      'ATTRIBUTE_NOT_SUPPORTED',
      'requestedAttributes.SPAM',
    ],
    [
      'another score type',
      { comment: { text: 'hi' }, requestedAttributes: { TOXICITY: { scoreType: 'STD_DEV_SCORE' } } },
      'SCORE_TYPE_NOT_SUPPORTED',
      'requestedAttributes.TOXICITY.scoreType',
    ],
    [
      'a threshold over 1',
      { comment: { text: 'hi' }, requestedAttributes: { TOXICITY: { scoreThreshold: 1.5 } } },
      'INVALID_ARGUMENT',
      'requestedAttributes.TOXICITY.scoreThreshold',
    ],
    [
      'a requested language other than zh or en',
      { comment: { text: 'bonjour' }, requestedAttributes: ALL, languages: ['fr'] },
      'LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE',
      'languages',
    ],
    [
      'a detected language other than zh or en',
      { comment: { text: 'こんにちは' }, requestedAttributes: ALL },
      'LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE',
      'languages',
    ],
    [
      'a clientToken that is not a string',
      { comment: { text: 'hi' }, requestedAttributes: ALL, clientToken: 7 },
      'INVALID_ARGUMENT',
      'clientToken',
    ],
  ])('refuses %s with a typed error naming the field', async (_, body, errorType, field) => {
    const error = await refusal(body)
    expect(isModerationError(error)).toBe(true)
    expect(error).toMatchObject({ code: 'INVALID_INPUT', errorType, field })
    expect(perspectiveErrorBody(error)).toEqual({
      error: {
        code: 400,
        message: error.message.replace('[comment-shield] ', ''),
        status: 'INVALID_ARGUMENT',
        details: [
          {
            '@type': 'type.googleapis.com/google.rpc.BadRequest',
            fieldViolations: [{ field, description: error.message.replace('[comment-shield] ', '') }],
          },
          { '@type': 'type.googleapis.com/google.commentanalyzer.v1alpha1.Error', errorType },
        ],
      },
    })
  })

  it('drops what it cannot answer with dropUnsupportedAttributes', async () => {
    const unknown = await analyzeComment({
      comment: { text: 'you idiot' },
      requestedAttributes: { SPAM: {}, INSULT: {} },
      dropUnsupportedAttributes: true,
    })
    expect(Object.keys(unknown.attributeScores)).toEqual(['INSULT'])
    const french = await analyzeComment({
      comment: { text: 'bonjour' },
      requestedAttributes: ALL,
      languages: ['fr'],
      dropUnsupportedAttributes: true,
    })
    expect(french).toEqual({ attributeScores: {}, languages: ['fr'], detectedLanguages: ['en'] })
  })

  it('runs the scorers after the local analysis and falls back when one fails', async () => {
    const raise: AbuseScorer = {
      name: 'claude',
      score: (_text, { local }) => ({
        ...local,
        categories: { ...local.categories, insult: 1 },
        source: [...local.source, 'claude'],
      }),
    }
    const broken: AbuseScorer = {
      name: 'claude',
      score: () => Promise.reject(new Error('down')),
    }
    const onError = vi.fn()
    const body = { comment: { text: 'nice weather' }, requestedAttributes: { INSULT: {} } }
    const raised = await analyzeComment(body, { scorers: [raise, broken], onError })
    expect(raised.attributeScores.INSULT!.summaryScore.value).toBe(1)
    expect(onError).toHaveBeenCalledOnce()
    const fellBack = await analyzeComment(body, { scorers: [broken] })
    expect(fellBack.attributeScores.INSULT!.summaryScore.value).toBe(highest('nice weather', ['insult']))
  })

  it('answers any text with probabilities in [0, 1] and spans inside the text', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: 'binary', maxLength: 200 }), async (text) => {
        fc.pre(text.trim() !== '')
        const res = await analyzeComment({
          comment: { text },
          requestedAttributes: ALL,
          spanAnnotations: true,
          dropUnsupportedAttributes: true,
        })
        for (const { summaryScore, spanScores } of Object.values(res.attributeScores)) {
          expect(summaryScore.value).toBeGreaterThanOrEqual(0)
          expect(summaryScore.value).toBeLessThanOrEqual(1)
          for (const s of spanScores) {
            expect(0 <= s.begin && s.begin <= s.end && s.end <= text.length).toBe(true)
            expect(s.score.value).toBeLessThanOrEqual(summaryScore.value)
          }
        }
      }),
      { numRuns: 200 },
    )
  })

  it('parses the request without scoring it', () => {
    expect(
      parseAnalyzeCommentRequest({ comment: { text: '你是个垃圾' }, requestedAttributes: { TOXICITY: {} } }),
    ).toEqual({
      text: '你是个垃圾',
      attributes: [{ name: 'TOXICITY', attribute: 'TOXICITY' }],
      languages: ['zh'],
      detectedLanguages: ['zh'],
      spanAnnotations: false,
    })
    expect(() =>
      parseAnalyzeCommentRequest({ comment: { text: 'abc' }, requestedAttributes: ALL }, { maxLength: 2 }),
    ).toThrow(PerspectiveRequestError)
  })
})
