/**
 * Perspective API compatibility: Perspective's `comments:analyze` (v1alpha1) request and response, answered from
 * Comment Shield's abuse scores, so a site that called Perspective (which shuts down at the end of 2026) can point
 * its client at a Comment Shield server instead (`@comment-shield/node`'s router serves
 * `POST …/v1alpha1/comments:analyze`). Isomorphic and pure: parsing, language checks, the attribute mapping and
 * the Google-style error body live here; the HTTP route lives in the node package.
 *
 * Perspective API 兼容层：按 Perspective `comments:analyze` 的请求与响应格式返回 Comment Shield 的评分，
 * 原先调用 Perspective 的网站只需把地址换成自己的 Comment Shield 服务。
 *
 * @module
 */
import { analyze as defaultAnalyze } from '../analyze.ts'
import type { Verdict } from '../analyze.ts'
import { ModerationError } from '../errors.ts'
import { refineAbuse } from '../score/refine.ts'
import { emptyAbuse, roundScore as round } from '../score/types.ts'
import type { AbuseCategory, AbuseResult, AbuseScorer } from '../score/types.ts'

/** An attribute a Comment Shield server answers (see {@link PERSPECTIVE_ATTRIBUTES}). */
export type PerspectiveAttribute =
  | 'TOXICITY'
  | 'SEVERE_TOXICITY'
  | 'IDENTITY_ATTACK'
  | 'INSULT'
  | 'PROFANITY'
  | 'THREAT'
  | 'SEXUAL_HARASSMENT'
  | 'INCITEMENT'
  | 'DOXING'

/**
 * The attributes a Comment Shield server answers, and the categories each one is the highest probability of.
 * The first six are Perspective's production attributes; `SEXUAL_HARASSMENT`, `INCITEMENT` and `DOXING` are
 * Comment Shield's own. Each name may also be requested with Perspective's `_EXPERIMENTAL` suffix.
 *
 * - `TOXICITY`: any abuse category or profanity (not doxing: personal information is not rude in itself).
 * - `SEVERE_TOXICITY`: threats, identity attacks, sexual harassment and incitement only; plain insults and
 *   profanity do not count (Perspective: "much less sensitive to milder forms of toxicity").
 * - The others: their one category.
 */
export const PERSPECTIVE_ATTRIBUTES: Readonly<Record<PerspectiveAttribute, readonly AbuseCategory[]>> = {
  TOXICITY: ['insult', 'threat', 'identity_attack', 'sexual_harassment', 'incitement', 'profanity'],
  SEVERE_TOXICITY: ['threat', 'identity_attack', 'sexual_harassment', 'incitement'],
  IDENTITY_ATTACK: ['identity_attack'],
  INSULT: ['insult'],
  PROFANITY: ['profanity'],
  THREAT: ['threat'],
  SEXUAL_HARASSMENT: ['sexual_harassment'],
  INCITEMENT: ['incitement'],
  DOXING: ['doxing'],
}

/** Why a request was refused; the `errorType` of the error body. */
export type PerspectiveErrorType =
  | 'INVALID_ARGUMENT'
  | 'COMMENT_EMPTY'
  | 'COMMENT_TOO_LONG'
  | 'TEXT_TYPE_NOT_SUPPORTED'
  | 'ATTRIBUTE_NOT_SUPPORTED'
  | 'SCORE_TYPE_NOT_SUPPORTED'
  | 'LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE'

/** A request the analysis cannot answer. Content never causes it; only a malformed or unsupported request. */
export class PerspectiveRequestError extends ModerationError {
  /** Perspective-style error type. */
  readonly errorType: PerspectiveErrorType
  /** The request field at fault, e.g. `comment.text` or `requestedAttributes.FOO`. */
  readonly field: string

  constructor(errorType: PerspectiveErrorType, field: string, message: string) {
    super('INVALID_INPUT', message)
    this.errorType = errorType
    this.field = field
  }
}

/** Perspective's `AnalyzeCommentRequest` (the fields this server reads; the rest are accepted and ignored). */
export interface AnalyzeCommentRequest {
  comment: { text: string; type?: 'PLAIN_TEXT' | 'TEXT_TYPE_UNSPECIFIED' }
  requestedAttributes: Record<string, { scoreType?: string; scoreThreshold?: number } | null | undefined>
  languages?: string[]
  spanAnnotations?: boolean
  dropUnsupportedAttributes?: boolean
  clientToken?: string
  doNotStore?: boolean
  sessionId?: string
  communityId?: string
  context?: unknown
}

/** A score as Perspective sends it. */
export interface PerspectiveScore {
  value: number
  type: 'PROBABILITY'
}

/** Perspective's `AnalyzeCommentResponse`. */
export interface AnalyzeCommentResponse {
  attributeScores: Record<
    string,
    { summaryScore: PerspectiveScore; spanScores: { begin: number; end: number; score: PerspectiveScore }[] }
  >
  /** The languages the scores are for: the request's, else the first detected one. */
  languages: string[]
  /** Detected from the text's scripts, most characters first. */
  detectedLanguages: string[]
  clientToken?: string
}

/** A validated request, ready to score. */
export interface ParsedAnalyzeRequest {
  text: string
  /** Requested attributes this server answers: the name as requested, its attribute, its threshold. */
  attributes: { name: string; attribute: PerspectiveAttribute; threshold?: number }[]
  languages: string[]
  detectedLanguages: string[]
  spanAnnotations: boolean
  clientToken?: string
}

/** Options of {@link parseAnalyzeCommentRequest}. */
export interface ParseAnalyzeOptions {
  /** Longest accepted comment in UTF-16 code units. Default 20,480 (Perspective's limit). */
  maxLength?: number
}

const MAX_ATTRIBUTES = 32
const MAX_LANGUAGES = 8
const MAX_TOKEN = 512

/**
 * Tells whether the scores speak for a language: Chinese (`zh`, `zh-CN`, `zh-Hant-TW`, …) or English (`en`, …).
 *
 * @param tag - a BCP 47 or ISO 639 language tag
 * @returns true for Chinese and English
 */
export function isSupportedLanguage(tag: string): boolean {
  return /^(?:zh|en)(?:-|_|$)/i.test(tag)
}

/**
 * Languages of a text from its scripts, most characters first: Han without kana → `zh`, kana → `ja`, Hangul →
 * `ko`, Latin letters → `en` (Latin-script text is taken to be English: pass `languages` to say otherwise).
 * Text without letters (digits, emoji) detects nothing.
 *
 * @param text - the comment
 * @returns language codes, possibly empty
 */
export function detectLanguages(text: string): string[] {
  let han = 0
  let kana = 0
  let hangul = 0
  let latin = 0
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (
      (c >= 0x41 && c <= 0x5a) ||
      (c >= 0x61 && c <= 0x7a) ||
      (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7)
    )
      latin++
    else if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff))
      han++
    else if (c >= 0x3040 && c <= 0x30ff) kana++
    else if ((c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff)) hangul++
    else if (c >= 0xff21 && c <= 0xff5a && (c <= 0xff3a || c >= 0xff41)) latin++
  }
  const found: [string, number][] = []
  if (kana > 0) found.push(['ja', kana + han])
  else if (han > 0) found.push(['zh', han])
  if (hangul > 0) found.push(['ko', hangul])
  if (latin > 0) found.push(['en', latin])
  return found.sort((a, b) => b[1] - a[1]).map(([lang]) => lang)
}

function fail(type: PerspectiveErrorType, field: string, message: string): never {
  throw new PerspectiveRequestError(type, field, message)
}

function attributeOf(name: string): PerspectiveAttribute | undefined {
  const base = name.endsWith('_EXPERIMENTAL') ? name.slice(0, -'_EXPERIMENTAL'.length) : name
  return Object.hasOwn(PERSPECTIVE_ATTRIBUTES, base) ? (base as PerspectiveAttribute) : undefined
}

function thresholdOf(name: string, raw: unknown): number | undefined {
  // google.protobuf.FloatValue is a bare number in JSON; some clients send { value }.
  const value = typeof raw === 'object' && raw !== null ? (raw as { value?: unknown }).value : raw
  if (value === undefined || value === null) return undefined
  if (typeof value !== 'number' || !(value >= 0 && value <= 1))
    fail(
      'INVALID_ARGUMENT',
      `requestedAttributes.${name}.scoreThreshold`,
      `scoreThreshold of ${name} must be a number from 0 to 1.`,
    )
  return value
}

/**
 * Validates a Perspective `comments:analyze` body. Throws {@link PerspectiveRequestError} for anything it cannot
 * answer, naming the field: an empty or too long comment, HTML, an unknown attribute or score type, a language
 * other than Chinese or English (unless `dropUnsupportedAttributes`, which drops the attributes instead, as
 * Perspective does).
 *
 * @param body - the parsed JSON body
 * @param options - the length limit
 * @returns the request to score
 * @example
 * ```ts
 * parseAnalyzeCommentRequest({ comment: { text: '你是个垃圾' }, requestedAttributes: { TOXICITY: {} } }).languages // ['zh']
 * ```
 */
export function parseAnalyzeCommentRequest(
  body: unknown,
  options: ParseAnalyzeOptions = {},
): ParsedAnalyzeRequest {
  const maxLength = options.maxLength ?? 20_480
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    fail('INVALID_ARGUMENT', '', 'The body must be a JSON object (an AnalyzeCommentRequest).')
  const request = body as Record<string, unknown>
  const comment = request.comment as { text?: unknown; type?: unknown } | null | undefined
  if (typeof comment !== 'object' || comment === null || typeof comment.text !== 'string')
    fail('INVALID_ARGUMENT', 'comment.text', 'comment.text must be a string.')
  const text = comment.text
  const type = comment.type
  if (type === 'HTML')
    fail('TEXT_TYPE_NOT_SUPPORTED', 'comment.type', 'HTML comments are not supported: send PLAIN_TEXT.')
  if (type !== undefined && type !== 'PLAIN_TEXT' && type !== 'TEXT_TYPE_UNSPECIFIED')
    fail('INVALID_ARGUMENT', 'comment.type', `comment.type must be PLAIN_TEXT, got ${JSON.stringify(type)}.`)
  if (text.trim() === '') fail('COMMENT_EMPTY', 'comment.text', 'Comment must be non-empty.')
  if (text.length > maxLength)
    fail('COMMENT_TOO_LONG', 'comment.text', `Comment must be at most ${maxLength} characters long.`)

  const drop = request.dropUnsupportedAttributes === true
  const requested = request.requestedAttributes
  if (typeof requested !== 'object' || requested === null || Array.isArray(requested))
    fail(
      'INVALID_ARGUMENT',
      'requestedAttributes',
      'requestedAttributes must be an object of attribute names.',
    )
  const names = Object.keys(requested)
  if (names.length === 0 || names.length > MAX_ATTRIBUTES)
    fail('INVALID_ARGUMENT', 'requestedAttributes', `Request 1 to ${MAX_ATTRIBUTES} attributes.`)
  const attributes: ParsedAnalyzeRequest['attributes'] = []
  for (const name of names) {
    const params = (requested as Record<string, unknown>)[name]
    if (params !== undefined && params !== null && (typeof params !== 'object' || Array.isArray(params)))
      fail('INVALID_ARGUMENT', `requestedAttributes.${name}`, `The parameters of ${name} must be an object.`)
    const p = (params ?? {}) as Record<string, unknown>
    const scoreType = p.scoreType
    if (scoreType !== undefined && scoreType !== 'PROBABILITY' && scoreType !== 'SCORE_TYPE_UNSPECIFIED')
      fail(
        'SCORE_TYPE_NOT_SUPPORTED',
        `requestedAttributes.${name}.scoreType`,
        `Only PROBABILITY scores are supported, got ${JSON.stringify(scoreType)}.`,
      )
    const threshold = thresholdOf(name, p.scoreThreshold)
    const attribute = attributeOf(name)
    if (!attribute) {
      if (drop) continue
      fail(
        'ATTRIBUTE_NOT_SUPPORTED',
        `requestedAttributes.${name}`,
        `Attribute ${name} is not supported. Supported: ${Object.keys(PERSPECTIVE_ATTRIBUTES).join(', ')}.`,
      )
    }
    attributes.push({ name, attribute, ...(threshold === undefined ? {} : { threshold }) })
  }

  const langs = request.languages
  if (
    langs !== undefined &&
    (!Array.isArray(langs) ||
      langs.length > MAX_LANGUAGES ||
      !langs.every((l) => typeof l === 'string' && l.length > 0 && l.length <= 35))
  )
    fail('INVALID_ARGUMENT', 'languages', `languages must be up to ${MAX_LANGUAGES} language tags.`)
  const detectedLanguages = detectLanguages(text)
  const languages =
    Array.isArray(langs) && langs.length > 0 ? (langs as string[]) : detectedLanguages.slice(0, 1)
  const unsupported = languages.filter((l) => !isSupportedLanguage(l))
  if (unsupported.length > 0 && attributes.length > 0) {
    if (drop) attributes.length = 0
    else
      fail(
        'LANGUAGE_NOT_SUPPORTED_BY_ATTRIBUTE',
        'languages',
        `Attribute ${attributes[0]!.name} does not support request languages: ${unsupported.join(', ')}.`,
      )
  }
  const token = request.clientToken
  if (token !== undefined && (typeof token !== 'string' || token.length > MAX_TOKEN))
    fail(
      'INVALID_ARGUMENT',
      'clientToken',
      `clientToken must be a string of at most ${MAX_TOKEN} characters.`,
    )
  return {
    text,
    attributes,
    languages,
    detectedLanguages,
    spanAnnotations: request.spanAnnotations === true,
    ...(token === undefined ? {} : { clientToken: token }),
  }
}

/**
 * Builds the Perspective response from an abuse result. An attribute's summary score is the highest probability
 * of its categories; it is left out when below the requested `scoreThreshold`. Every attribute has one span
 * score over the whole text; with `spanAnnotations`, also one per span that drove its categories (UTF-16
 * offsets, `end` exclusive, as Perspective).
 *
 * @param request - from {@link parseAnalyzeCommentRequest}
 * @param abuse - the abuse result for `request.text`
 * @returns the response body
 */
export function toAnalyzeCommentResponse(
  request: ParsedAnalyzeRequest,
  abuse: AbuseResult,
): AnalyzeCommentResponse {
  const attributeScores: AnalyzeCommentResponse['attributeScores'] = {}
  for (const { name, attribute, threshold } of request.attributes) {
    const categories: readonly AbuseCategory[] = PERSPECTIVE_ATTRIBUTES[attribute]
    const value = round(Math.max(0, ...categories.map((c) => abuse.categories[c] ?? 0)))
    if (threshold !== undefined && value < threshold) continue
    const spanScores = [
      { begin: 0, end: request.text.length, score: { value, type: 'PROBABILITY' as const } },
    ]
    if (request.spanAnnotations) {
      // One score per distinct span (the highest of its categories), in the order the spans come: one pass.
      const bySpan = new Map<string, { begin: number; end: number; score: PerspectiveScore }>()
      for (const span of abuse.spans) {
        if (!categories.includes(span.category)) continue
        const key = `${span.start}:${span.end}`
        if (span.start === 0 && span.end === request.text.length) continue // the whole-text span is there
        const spanValue = round(abuse.categories[span.category] ?? 0)
        const known = bySpan.get(key)
        if (!known)
          bySpan.set(key, {
            begin: span.start,
            end: span.end,
            score: { value: spanValue, type: 'PROBABILITY' },
          })
        else if (spanValue > known.score.value) known.score.value = spanValue
      }
      spanScores.push(...bySpan.values())
    }
    attributeScores[name] = { summaryScore: { value, type: 'PROBABILITY' }, spanScores }
  }
  return {
    attributeScores,
    languages: request.languages,
    detectedLanguages: request.detectedLanguages,
    ...(request.clientToken === undefined ? {} : { clientToken: request.clientToken }),
  }
}

/** Options of {@link analyzeComment}. */
export interface AnalyzeCommentOptions extends ParseAnalyzeOptions {
  /** The analysis; default core's `analyze` (rules, plus the learned model once `loadAbuseModel()` resolved). */
  analyze?: (text: string) => Verdict
  /** Second opinions run after the local analysis, in order (e.g. Claude). */
  scorers?: readonly AbuseScorer[]
  /** Aborts the scorers. */
  signal?: AbortSignal
  /** Hears about a scorer that failed (the answer then uses the result before it). */
  onError?: (error: unknown) => void
}

/**
 * Answers a Perspective `comments:analyze` body: validate, analyse, run the scorers, map to attributes.
 * Rejects only with {@link PerspectiveRequestError} (a bad request); a failing scorer falls back.
 *
 * @param body - the parsed JSON body
 * @param options - analysis, scorers, length limit
 * @returns the Perspective response body
 * @example
 * ```ts
 * const res = await analyzeComment({ comment: { text: 'you idiot' }, requestedAttributes: { INSULT: {} } })
 * res.attributeScores.INSULT?.summaryScore.value // ≈ 0.9
 * ```
 * @see https://github.com/comment-shield/comment-shield/blob/main/docs/perspective.md
 */
export async function analyzeComment(
  body: unknown,
  options: AnalyzeCommentOptions = {},
): Promise<AnalyzeCommentResponse> {
  const request = parseAnalyzeCommentRequest(body, options)
  if (request.attributes.length === 0) return toAnalyzeCommentResponse(request, emptyAbuse([]))
  const verdict = (options.analyze ?? defaultAnalyze)(request.text)
  const abuse = await refineAbuse(request.text, verdict.abuse, options.scorers ?? [], {
    signal: options.signal,
    onError: options.onError,
  })
  return toAnalyzeCommentResponse(request, abuse)
}

/** The body of a Google API error, as Perspective answers a bad request. */
export interface GoogleErrorBody {
  error: {
    code: number
    message: string
    status: string
    details?: Record<string, unknown>[]
  }
}

/**
 * The Google API error body for a refused request (HTTP 400, status `INVALID_ARGUMENT`), with a
 * `google.rpc.BadRequest` field violation and Perspective's `errorType`.
 *
 * @param error - the refusal
 * @returns the body to send with status 400
 */
export function perspectiveErrorBody(error: PerspectiveRequestError): GoogleErrorBody {
  const message = error.message.replace(/^\[comment-shield\] /, '')
  return {
    error: {
      code: 400,
      message,
      status: 'INVALID_ARGUMENT',
      details: [
        {
          '@type': 'type.googleapis.com/google.rpc.BadRequest',
          fieldViolations: [{ field: error.field, description: message }],
        },
        { '@type': 'type.googleapis.com/google.commentanalyzer.v1alpha1.Error', errorType: error.errorType },
      ],
    },
  }
}
