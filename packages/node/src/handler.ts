/**
 * The framework-agnostic core of the server package: Web `Request` in, decision or `Response` out.
 * Every framework adapter (express, fastify, hono) only translates to and from these types.
 *
 * @module
 */
import { analyze, decide, loadAbuseModel, redact } from '@comment-shield/core'
import type { Decision, DecideOptions, RedactionLocale, Verdict } from '@comment-shield/core'
import { ModerationError } from '@comment-shield/core'
import { problemResponse, PROBLEM_BASE } from './problem.ts'
import type { EvidenceLedger } from './evidence/ledger.ts'

/** A comment as the shield hands it to the moderator. */
export interface ShieldComment {
  /** The comment text as posted. */
  text: string
  authorId?: string
  /** The person or thread the comment is about. */
  targetId?: string
  locale: RedactionLocale
  /** Absolute URL of the request. */
  url: string
  threadId?: string
  authorAccountAgeDays?: number
  authorFollowsTarget?: boolean
  /** `{ minor: true }` when the target is a minor (lowers thresholds). */
  protectedTarget?: { minor?: boolean }
}

/** Extra facts about a comment for the moderator (from your session and data), see {@link ShieldOptions.getContext}. */
export type ShieldCommentContext = Pick<
  ShieldComment,
  'threadId' | 'authorAccountAgeDays' | 'authorFollowsTarget' | 'protectedTarget'
>

/** What a moderator returns for one comment. */
export interface ModerationOutcome {
  decision: Decision
  verdict: Verdict
  /** A scorer or the store failed and the decision rests on what worked (core's `createModerator`). */
  degraded?: boolean
}

/** Anything that moderates a comment: a function, or an object with `moderate` (core's `createModerator`). */
export type ShieldModerator =
  | ((comment: ShieldComment) => ModerationOutcome | Promise<ModerationOutcome>)
  | { moderate(comment: ShieldComment): ModerationOutcome | Promise<ModerationOutcome> }

/** Reads and writes the comment text in a parsed body, for bodies a dot path cannot describe. */
export interface FieldAccessor {
  get(body: Record<string, unknown>): unknown
  /** Returns the body with the text replaced (copy, do not mutate). */
  set(body: Record<string, unknown>, text: string): Record<string, unknown>
}

/** Passed to {@link ShieldOptions.onDecision}. */
export interface DecisionEvent extends ModerationOutcome {
  comment: ShieldComment
  /** `false` in shadow mode and when the shield failed open. */
  enforced: boolean
  mode: ShieldMode
}

/** Where an internal failure happened, passed to {@link ShieldOptions.onError}. */
export interface ShieldErrorContext {
  phase: 'moderate' | 'hook' | 'ledger' | 'router'
  request?: Request
  /** What the shield did about it. */
  outcome: 'failed-open' | 'failed-closed' | 'reported'
}

/** `enforce` acts on decisions; `shadow` only reports them (through `onDecision`) and lets everything through. */
export type ShieldMode = 'enforce' | 'shadow'

/** Options of {@link createShield}. */
export interface ShieldOptions {
  /** Dot path of the comment text in the body (default `text`), or an accessor. */
  field?: string | FieldAccessor
  /** Largest accepted body in bytes; larger bodies get 413. Default 64 KiB. */
  maxBodyBytes?: number
  /** Locale of messages and redaction labels. Default `zh-CN`. */
  locale?: RedactionLocale
  /** What to do when personal information is found (only with the default moderator). Default `redact`. */
  onPii?: DecideOptions['onPii']
  /** Who wrote the comment (e.g. from the session). */
  getAuthor?: (
    request: Request,
    body: Record<string, unknown>,
  ) => string | undefined | Promise<string | undefined>
  /** Who the comment is about (post author, mentioned user, thread). */
  getTarget?: (
    request: Request,
    body: Record<string, unknown>,
  ) => string | undefined | Promise<string | undefined>
  /** Thread, account age, follower flag, minor target: what pile-on detection and protection mode need. */
  getContext?: (
    request: Request,
    body: Record<string, unknown>,
  ) => ShieldCommentContext | undefined | Promise<ShieldCommentContext | undefined>
  /** Default `enforce`. */
  mode?: ShieldMode
  /** The moderator; default runs core `analyze` + `decide` locally. */
  moderator?: ShieldModerator
  /**
   * When moderation fails (a thrown error, a timeout, a store outage): `closed` (default) answers 503 and
   * the handler never sees unchecked text; `open` lets the comment through unchanged, marked `degraded`.
   */
  failMode?: 'open' | 'closed'
  /**
   * Treat a degraded outcome (the moderator's store, e.g. Redis, or a remote scorer failed; content rules still
   * ran) as a failure, so `failMode: 'closed'` answers 503. Default false: the comment is moderated on what worked.
   */
  failOnDegraded?: boolean
  /**
   * Load core's learned abuse model (lazily imported, ~0.7 MB, ~15 ms) when the shield is created, and let the
   * first comment wait for it, so no comment is scored on the rule layer alone by accident. Default true; a load
   * failure is reported to `onError` and moderation goes on with the rules.
   */
  model?: boolean
  /** Moderation slower than this counts as a failure. Default 2000 ms. */
  timeoutMs?: number
  /** Called with every decision; errors it throws are reported to `onError` and ignored. */
  onDecision?: (event: DecisionEvent) => void | Promise<void>
  /** Called with every internal failure. Never called for bad client input. */
  onError?: (error: unknown, context: ShieldErrorContext) => void
  /** Records comments in the evidence ledger: `flagged` (default when a ledger is given: every non-allow decision) or `all`. */
  ledger?: EvidenceLedger
  record?: 'flagged' | 'all'
  /** The comment's id, when the client sends one (for evidence). */
  getCommentId?: (request: Request, body: Record<string, unknown>) => string | undefined
}

/** What the shield attaches to a request it let through (`req.commentShield`, `c.get('commentShield')`). */
export interface CommentShieldState extends ModerationOutcome {
  /** The comment text the handler receives (redacted when the decision is `redact` and enforced). */
  text: string
  authorId?: string
  targetId?: string
  /** `false` in shadow mode and when the shield failed open. */
  enforced: boolean
  /** `true` when moderation failed open (unchecked) or was degraded (store or remote scorer down). */
  degraded: boolean
}

/** The result of inspecting one comment request. */
export type Inspection =
  | { ok: false; response: Response }
  | ({
      ok: true
      /** The parsed body, with the comment field already redacted when the decision is `redact`. */
      body: Record<string, unknown>
    } & CommentShieldState)

/** A configured shield. */
export interface Shield {
  /** Reads, parses and moderates a comment request. Never throws for client input or internal failures. */
  inspect(request: Request): Promise<Inspection>
  /** Moderates an already-parsed body (for frameworks that parsed it before us). */
  inspectBody(body: unknown, request: Request): Promise<Inspection>
  /** Moderates a bare text (the `/check` endpoint); throws on internal failure. */
  moderate(comment: ShieldComment): Promise<ModerationOutcome>
  /** The resolved options. */
  readonly options: ResolvedShieldOptions
}

/** Options after defaults. */
export interface ResolvedShieldOptions {
  locale: RedactionLocale
  mode: ShieldMode
  failMode: 'open' | 'closed'
  maxBodyBytes: number
  timeoutMs: number
}

const DEFAULT_MAX_BODY = 64 * 1024

/**
 * Creates a shield for a comment endpoint.
 *
 * @param options - where the text is, body limit, locale, moderator, mode, hooks, fail mode
 * @returns the shield
 * @example
 * ```ts
 * const shield = createShield({ field: 'comment.text', getAuthor: (req) => req.headers.get('x-user') ?? undefined })
 * const result = await shield.inspect(request)
 * if (!result.ok) return result.response
 * ```
 * @see https://github.com/comment-shield/comment-shield/blob/main/docs/server.md
 */
export function createShield(options: ShieldOptions = {}): Shield {
  const accessor = resolveField(options.field)
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new ModerationError(
      'INVALID_OPTION',
      `Option maxBodyBytes must be a positive integer; got ${String(options.maxBodyBytes)}.`,
    )
  }
  const timeoutMs = options.timeoutMs ?? 2000
  if (!(timeoutMs > 0)) {
    throw new ModerationError(
      'INVALID_OPTION',
      `Option timeoutMs must be positive; got ${String(timeoutMs)}.`,
    )
  }
  const mode = options.mode ?? 'enforce'
  if (mode !== 'enforce' && mode !== 'shadow') {
    throw new ModerationError(
      'INVALID_OPTION',
      `Option mode must be "enforce" or "shadow"; got ${String(mode)}.`,
    )
  }
  const failMode = options.failMode ?? 'closed'
  if (failMode !== 'open' && failMode !== 'closed') {
    throw new ModerationError(
      'INVALID_OPTION',
      `Option failMode must be "open" or "closed"; got ${String(failMode)}.`,
    )
  }
  const locale = options.locale ?? 'zh-CN'
  const messageLocale = locale === 'en' ? 'en' : 'zh-CN'
  const moderator = options.moderator
  const moderateFn: (c: ShieldComment) => ModerationOutcome | Promise<ModerationOutcome> =
    moderator === undefined
      ? (c) => {
          const verdict = analyze(c.text)
          return { verdict, decision: decide(verdict, { onPii: options.onPii }) }
        }
      : typeof moderator === 'function'
        ? moderator
        : (c) => moderator.moderate(c)

  function report(error: unknown, context: ShieldErrorContext): void {
    try {
      options.onError?.(error, context)
    } catch {
      // onError must never take the request down with it.
    }
  }

  // Started once per shield; loadAbuseModel() itself is memoised, so many shields share one load.
  const modelReady: Promise<void> | undefined =
    options.model === false
      ? undefined
      : loadAbuseModel().then(
          () => undefined,
          (error: unknown) => report(error, { phase: 'moderate', outcome: 'reported' }),
        )

  async function moderate(comment: ShieldComment): Promise<ModerationOutcome> {
    if (modelReady) await modelReady
    let timer: ReturnType<typeof setTimeout> | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ModerationError('TIMEOUT', `Moderation took longer than ${timeoutMs} ms.`)),
        timeoutMs,
      )
    })
    try {
      return await Promise.race([Promise.resolve().then(() => moderateFn(comment)), timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  async function inspectBody(body: unknown, request: Request): Promise<Inspection> {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return { ok: false, response: badRequest('The body must be a JSON object or a form.') }
    }
    const record = body as Record<string, unknown>
    const text = accessor.get(record)
    if (typeof text !== 'string') {
      return { ok: false, response: badRequest(`The field "${accessor.name}" must be a string.`) }
    }
    let outcome: ModerationOutcome
    let comment: ShieldComment = { text, locale, url: request.url }
    try {
      const [authorId, targetId, context] = await Promise.all([
        options.getAuthor?.(request, record),
        options.getTarget?.(request, record),
        options.getContext?.(request, record),
      ])
      comment = { ...context, ...comment, authorId, targetId }
      outcome = await moderate(comment)
      if (outcome.degraded && options.failOnDegraded) {
        throw new ModerationError('STORE_UNAVAILABLE', 'Moderation was degraded (failOnDegraded is set).')
      }
    } catch (error) {
      const open = failMode === 'open' || mode === 'shadow'
      report(error, { phase: 'moderate', request, outcome: open ? 'failed-open' : 'failed-closed' })
      if (!open) return { ok: false, response: unavailableResponse(messageLocale) }
      const verdict = analyze('')
      return {
        ok: true,
        body: record,
        text,
        authorId: comment.authorId,
        targetId: comment.targetId,
        verdict,
        decision: {
          action: 'allow',
          reasons: ['shield:fail-open'],
          categories: [],
          userMessage: { 'zh-CN': '', en: '' },
        },
        enforced: false,
        degraded: true,
      }
    }
    const { decision, verdict } = outcome
    const enforced = mode === 'enforce'
    if (options.ledger && (options.record === 'all' || decision.action !== 'allow')) {
      try {
        await options.ledger.append({
          kind: 'comment',
          commentId: options.getCommentId?.(request, record),
          text,
          authorId: comment.authorId,
          targetId: comment.targetId,
          url: request.headers.get('referer') ?? request.url,
          decision: { action: decision.action, reasons: decision.reasons, categories: decision.categories },
        })
      } catch (error) {
        // Evidence that cannot be written follows the fail mode like any other internal failure.
        const open = failMode === 'open' || mode === 'shadow'
        report(error, { phase: 'ledger', request, outcome: open ? 'failed-open' : 'failed-closed' })
        if (!open) return { ok: false, response: unavailableResponse(messageLocale) }
      }
    }
    if (options.onDecision) {
      try {
        await options.onDecision({ decision, verdict, comment, enforced, mode })
      } catch (error) {
        report(error, { phase: 'hook', request, outcome: 'reported' })
      }
    }
    if (enforced && decision.action === 'reject') {
      const headers: Record<string, string> =
        decision.retryAfter === undefined ? {} : { 'retry-after': String(Math.ceil(decision.retryAfter)) }
      return {
        ok: false,
        response: problemResponse(
          {
            type: `${PROBLEM_BASE}comment-rejected`,
            title: 'Comment rejected',
            status: 422,
            detail: decision.userMessage[messageLocale],
            categories: decision.categories,
            reasons: decision.reasons,
            userMessage: decision.userMessage,
          },
          headers,
        ),
      }
    }
    let out = record
    let finalText = text
    if (enforced && decision.action === 'redact') {
      finalText = redact(text, { findings: verdict.pii, locale }).text
      out = accessor.set(out, finalText)
    }
    return {
      ok: true,
      body: out,
      text: finalText,
      authorId: comment.authorId,
      targetId: comment.targetId,
      decision,
      verdict,
      enforced,
      degraded: outcome.degraded === true,
    }
  }

  return {
    options: { locale, mode, failMode, maxBodyBytes, timeoutMs },
    inspectBody,
    moderate,
    async inspect(request) {
      const parsed = await readBody(request, maxBodyBytes)
      if (!parsed.ok) return parsed
      return inspectBody(parsed.body, request)
    },
  }
}

/** Options of {@link createFetchHandler}. */
export interface FetchHandlerOptions extends ShieldOptions {
  /** The route handler; runs only for comments the shield let through. */
  handler: (
    request: Request,
    state: CommentShieldState & { body: Record<string, unknown> },
  ) => Response | Promise<Response>
}

/**
 * Wraps a fetch-style route handler (Next.js route handlers, Bun, Deno, Cloudflare Workers, `hono/vercel`).
 *
 * @param options - shield options plus the `handler` to protect
 * @returns `(request) => Promise<Response>`
 * @example
 * ```ts
 * export const POST = createFetchHandler({
 *   field: 'text',
 *   handler: (_req, { body, decision }) => Response.json({ text: body.text, action: decision.action }, { status: 201 }),
 * })
 * ```
 */
export function createFetchHandler(options: FetchHandlerOptions): (request: Request) => Promise<Response> {
  if (typeof options.handler !== 'function') {
    throw new ModerationError(
      'INVALID_OPTION',
      `Option handler must be a function; got ${typeof options.handler}.`,
    )
  }
  const shield = createShield(options)
  return async function commentShieldHandler(request: Request): Promise<Response> {
    const result = await shield.inspect(request)
    if (!result.ok) return result.response
    const { ok: _ok, ...state } = result
    return options.handler(request, state)
  }
}

function unavailableResponse(locale: 'zh-CN' | 'en'): Response {
  return problemResponse(
    {
      type: `${PROBLEM_BASE}moderation-unavailable`,
      title: 'Moderation unavailable',
      status: 503,
      detail:
        locale === 'en'
          ? 'Comments cannot be checked right now. Please try again shortly.'
          : '评论审核暂时不可用，请稍后再试。',
    },
    { 'retry-after': '5' },
  )
}

/** A 400 problem response. */
export function badRequest(detail: string): Response {
  return problemResponse({ type: `${PROBLEM_BASE}bad-request`, title: 'Bad request', status: 400, detail })
}

function resolveField(field: ShieldOptions['field']): FieldAccessor & { name: string } {
  if (field !== undefined && typeof field === 'object') {
    if (typeof field.get !== 'function' || typeof field.set !== 'function') {
      throw new ModerationError(
        'INVALID_OPTION',
        'Option field must be a dot path or an object with get and set.',
      )
    }
    return { name: 'comment', get: (b) => field.get(b), set: (b, t) => field.set(b, t) }
  }
  const name = field ?? 'text'
  const path = typeof name === 'string' ? name.split('.') : []
  if (typeof name !== 'string' || path.some((p) => p === '')) {
    throw new ModerationError(
      'INVALID_OPTION',
      `Option field must be a dot path like "comment.text"; got ${JSON.stringify(field)}.`,
    )
  }
  return { name, get: (b) => getPath(b, path), set: (b, t) => setPath(b, path, t) }
}

/** A parsed body or the problem response explaining why there is none. */
export type BodyResult = { ok: true; body: unknown } | { ok: false; response: Response }

/**
 * Reads a JSON or urlencoded body, enforcing the byte limit while streaming (never buffering past it).
 *
 * @param request - the request
 * @param limit - largest accepted body in bytes
 * @returns the parsed body, or a 400/413/415 problem
 */
export async function readBody(request: Request, limit: number): Promise<BodyResult> {
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  const isJson = type === 'application/json' || type.endsWith('+json')
  const isForm = type === 'application/x-www-form-urlencoded'
  if (!isJson && !isForm) {
    return {
      ok: false,
      response: problemResponse({
        type: `${PROBLEM_BASE}unsupported-media-type`,
        title: 'Unsupported media type',
        status: 415,
        detail: 'Send the comment as application/json or application/x-www-form-urlencoded.',
      }),
    }
  }
  const tooLarge: BodyResult = {
    ok: false,
    response: problemResponse({
      type: `${PROBLEM_BASE}payload-too-large`,
      title: 'Payload too large',
      status: 413,
      detail: `The body is larger than ${limit} bytes.`,
    }),
  }
  const declared = Number(request.headers.get('content-length') ?? NaN)
  if (Number.isFinite(declared) && declared > limit) return tooLarge
  const chunks: Uint8Array[] = []
  let size = 0
  if (request.body) {
    const reader: ReadableStreamDefaultReader<Uint8Array> = request.body.getReader()
    try {
      for (;;) {
        const { done, value } = await reader.read()
        if (done) break
        size += value.byteLength
        if (size > limit) {
          await reader.cancel().catch(() => undefined)
          return tooLarge
        }
        chunks.push(value)
      }
    } catch {
      // The client went away mid-body.
      return { ok: false, response: badRequest('The body could not be read.') }
    }
  }
  const raw = new TextDecoder().decode(concat(chunks, size))
  if (isForm) return { ok: true, body: Object.fromEntries(new URLSearchParams(raw)) }
  try {
    return { ok: true, body: JSON.parse(raw) as unknown }
  } catch {
    return { ok: false, response: badRequest('The body is not valid JSON.') }
  }
}

function concat(chunks: Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size)
  let offset = 0
  for (const c of chunks) {
    out.set(c, offset)
    offset += c.byteLength
  }
  return out
}

function getPath(value: object, path: readonly string[]): unknown {
  let cur: unknown = value
  for (const key of path) {
    if (typeof cur !== 'object' || cur === null || !Object.hasOwn(cur, key)) return undefined
    cur = (cur as Record<string, unknown>)[key]
  }
  return cur
}

/** Returns a copy of `value` with `path` set, copying only the objects along the path. */
function setPath(
  value: Record<string, unknown>,
  path: readonly string[],
  next: unknown,
): Record<string, unknown> {
  const [head, ...rest] = path as [string, ...string[]]
  const copy = { ...value }
  copy[head] = rest.length === 0 ? next : setPath(copy[head] as Record<string, unknown>, rest, next)
  return copy
}
