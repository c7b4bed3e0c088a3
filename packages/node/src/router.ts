/**
 * The mountable endpoints router: `POST /check`, `POST /reports`, `GET|POST /targets/:id/protection`,
 * `GET /evidence/:id`, and Perspective's `POST /v1alpha1/comments:analyze`. Speaks Web `Request`/`Response`; the
 * adapters mount it.
 *
 * @module
 */
import { createHash } from 'node:crypto'
import {
  analyzeComment,
  createMemoryStore,
  isModerationError,
  loadAbuseModel,
  ModerationError,
  perspectiveErrorBody,
  PerspectiveRequestError,
  REPORT_REASONS,
} from '@comment-shield/core'
import type {
  AbuseScorer,
  Moderator,
  RedactionLocale,
  Report,
  ReportReason,
  Store,
} from '@comment-shield/core'
import { readBody } from './handler.ts'
import type { Shield, ShieldErrorContext, ShieldOptions } from './handler.ts'
import { createShield } from './handler.ts'
import { problemResponse, PROBLEM_BASE } from './problem.ts'
import { renderEvidenceHtml } from './evidence/html.ts'
import type { EvidenceLedger } from './evidence/ledger.ts'

/** Pile-on level of a target, as the banner shows it. */
export type TargetLevel = 'calm' | 'elevated' | 'pile_on'

/** Body of `GET /targets/:id/protection`. */
export interface ProtectionStatus {
  targetId: string
  level: TargetLevel
  protection: { active: boolean; until?: string; reason?: string }
}

/** Reads and switches protection mode (core's moderator, or the router's own state). */
export interface ProtectionProvider {
  get(targetId: string): Promise<ProtectionStatus>
  set(
    targetId: string,
    change: { active: boolean; durationMs?: number; reason: string },
  ): Promise<ProtectionStatus>
}

/** A report as received by `POST /reports` (core's {@link Report}). */
export type ReportInput = Report

/** Who is reporting, from your session. */
export interface Reporter {
  id: string
  /** Age of the reporter's account; young accounts feed the report-bombing signal. */
  accountAgeDays?: number
}

/** What the authorisation hook is asked. */
export interface AccessRequest {
  action: 'protection:write' | 'evidence:read'
  /** The target id or evidence subject. */
  id: string
}

/** A limit of `limit` requests per `windowMs`. */
export interface RateLimit {
  limit: number
  windowMs: number
}

/** Options of the Perspective-compatible route (`ShieldRouterOptions.perspective`). */
export interface PerspectiveRouteOptions {
  /**
   * API keys accepted in `?key=` or the `x-goog-api-key` header, as Perspective clients send them. Unset: no key
   * is needed (the route is as open as `/check`; it is rate-limited per client).
   */
  apiKeys?: readonly string[]
  /** Per API key (or per client without keys). Default 60 per minute, Perspective's default quota (1 QPS). */
  limit?: RateLimit
  /** Second opinions run after the local analysis, e.g. `createClaudeScorer(...)`. */
  scorers?: readonly AbuseScorer[]
  /** Longest comment in UTF-16 code units. Default 20,480, Perspective's limit. */
  maxLength?: number
  /** Largest body. Default 96 KiB (a 20,480-character Chinese comment is 60 KiB of UTF-8). */
  maxBodyBytes?: number
  /** Load the learned model before the first answer (else the rules answer alone). Default true. */
  model?: boolean
}

/** Options of {@link createShieldRouter}. */
export interface ShieldRouterOptions {
  /** Where the router is mounted, e.g. `/api/shield`. Default: matches the endpoint paths under any prefix. */
  basePath?: string
  /** The shield used by `/check` (or its options). */
  shield?: Shield | ShieldOptions
  /**
   * Core's `createModerator(...)`: `/check` moderates with it (unless `shield` is given) and the protection
   * endpoints read its pile-on level and switch its protection mode (unless `protection` is given).
   */
  moderator?: Moderator
  /** Shared state (rate limits, dedupe, report-bombing). Default: bounded memory. Use the Redis store for a fleet. */
  store?: Store
  /** Where reports are recorded and evidence is exported from. Without it `/evidence` answers 404. */
  ledger?: EvidenceLedger
  /** Protection mode; default keeps the switch in `state` and reports the level as `calm`. */
  protection?: ProtectionProvider
  /** Decides protection switches and evidence exports. Default: deny (403). */
  authorize?: (request: Request, access: AccessRequest) => boolean | Promise<boolean>
  /** The reporter from your session; default: anonymous, keyed by client address. */
  getReporter?: (request: Request) => Reporter | undefined | Promise<Reporter | undefined>
  /** Per-client limit of `/check`. Default 60 per minute. */
  checkLimit?: RateLimit
  /** Per-reporter limit of `/reports`. Default 20 per hour. */
  reportLimit?: RateLimit
  /**
   * Report-bombing: when at least `threshold` distinct new or anonymous reporters report the same author within
   * `windowMs`, the reports carry the `report_bombing` signal. Default 8 reporters, 1 hour, accounts < 7 days.
   */
  reportBombing?: { threshold?: number; windowMs?: number; newAccountDays?: number }
  /** Called for every accepted report (after it is recorded). */
  onReport?: (report: ReportInput & { id: string; reporter: string; signals: string[] }) => void
  /** Clock (ms). Default `Date.now`. */
  now?: () => number
  /** Internal failures (store, ledger). */
  onError?: (error: unknown, context: ShieldErrorContext) => void
  /** Largest accepted body. Default 16 KiB. */
  maxBodyBytes?: number
  /**
   * Perspective API compatibility: `POST …/v1alpha1/comments:analyze` answers Perspective's AnalyzeComment
   * requests from the local scores (see docs/perspective.md). Only scores: nothing is recorded, no pile-on or
   * offender state changes. On by default; `false` turns the route off.
   */
  perspective?: PerspectiveRouteOptions | false
}

/** Extra facts the adapter knows about a request. */
export interface RouteInfo {
  /** The client's address, for per-client rate limits. */
  clientId?: string
}

/** A mounted router. */
export interface ShieldRouter {
  /** Answers a request to one of the endpoints, or `undefined` when the path is not ours (call `next()`). */
  handle(request: Request, info?: RouteInfo): Promise<Response | undefined>
  /** Like `handle`, answering 404 problem+json for unknown paths. */
  fetch(request: Request, info?: RouteInfo): Promise<Response>
}

const ROUTE =
  /^(.*?)\/(check|reports|v1alpha1\/comments(?::|%3[Aa])analyze|targets\/([^/]+)\/protection|evidence\/([^/]+))\/?$/
const DAY = 86_400_000

/**
 * Creates the endpoints router.
 *
 * @param options - state, ledger, hooks and limits
 * @returns the router
 * @example
 * ```ts
 * const router = createShieldRouter({ basePath: '/api/shield', ledger, authorize: (req) => isModerator(req) })
 * Bun.serve({ fetch: (req) => router.fetch(req) })
 * ```
 * @see https://github.com/comment-shield/comment-shield/blob/main/docs/server.md#endpoints
 */
export function createShieldRouter(options: ShieldRouterOptions = {}): ShieldRouter {
  const now = options.now ?? Date.now
  const state = options.store ?? createMemoryStore({ now })
  const shield: Shield =
    options.shield && 'inspect' in options.shield
      ? options.shield
      : createShield({ moderator: options.moderator, ...options.shield })
  const locale: RedactionLocale = shield.options.locale
  const checkLimit = validLimit('checkLimit', options.checkLimit ?? { limit: 60, windowMs: 60_000 })
  const reportLimit = validLimit('reportLimit', options.reportLimit ?? { limit: 20, windowMs: 3_600_000 })
  const bombing = {
    threshold: options.reportBombing?.threshold ?? 8,
    windowMs: options.reportBombing?.windowMs ?? 3_600_000,
    newAccountDays: options.reportBombing?.newAccountDays ?? 7,
  }
  const maxBodyBytes = options.maxBodyBytes ?? 16 * 1024
  const protection =
    options.protection ??
    (options.moderator?.protection
      ? createModeratorProtection(options.moderator)
      : createStoreProtection(state, now))
  const authorize = options.authorize ?? (() => false)
  const perspective = options.perspective === false ? undefined : (options.perspective ?? {})
  const perspectiveKeys = perspective?.apiKeys ? new Set(perspective.apiKeys) : undefined
  const perspectiveLimit = validLimit(
    'perspective.limit',
    perspective?.limit ?? { limit: 60, windowMs: 60_000 },
  )
  const perspectiveBody = perspective?.maxBodyBytes ?? 96 * 1024
  const base = options.basePath?.replace(/\/+$/, '')

  function report(error: unknown, context: ShieldErrorContext): void {
    try {
      options.onError?.(error, context)
    } catch {
      // ignore
    }
  }

  /** Fixed-window limiter; returns seconds to wait, or 0 when allowed. */
  async function limited(scope: string, who: string, limit: RateLimit): Promise<number> {
    const { count, resetAt } = await state.increment(`cs:rl:${scope}:${who}`, 1, limit.windowMs)
    if (count <= limit.limit) return 0
    return Math.max(1, Math.ceil((resetAt - now()) / 1000))
  }

  async function check(request: Request, client: string): Promise<Response> {
    const parsed = await readBody(request, maxBodyBytes)
    if (!parsed.ok) return parsed.response
    const body = parsed.body as Record<string, unknown> | null
    if (typeof body !== 'object' || body === null || typeof body.text !== 'string') {
      return invalid(['"text" must be a string'])
    }
    const wait = await limited('check', client, checkLimit)
    if (wait) return tooMany(wait)
    const reqLocale =
      body.locale === 'en' || body.locale === 'zh-TW' || body.locale === 'zh-CN' ? body.locale : locale
    try {
      const outcome = await shield.moderate({
        text: body.text,
        authorId: optionalString(body.authorId),
        targetId: optionalString(body.targetId),
        locale: reqLocale,
        url: request.url,
      })
      return Response.json(outcome)
    } catch (error) {
      report(error, { phase: 'moderate', request, outcome: 'failed-closed' })
      return unavailable()
    }
  }

  async function reports(request: Request, client: string): Promise<Response> {
    const parsed = await readBody(request, maxBodyBytes)
    if (!parsed.ok) return parsed.response
    const checked = validateReport(parsed.body)
    if (!checked.ok) return invalid(checked.errors)
    const input = checked.report
    const reporter = await options.getReporter?.(request)
    const reporterKey = reporter ? `user:${reporter.id}` : `client:${client}`
    const dedupeKey = `cs:rep:${sha256(`${reporterKey}\n${input.commentId}\n${input.reason}`)}`
    const existing = await state.get<string>(dedupeKey)
    if (existing) return Response.json({ id: existing, status: 'duplicate' }, { status: 200 })
    const wait = await limited('reports', reporterKey, reportLimit)
    if (wait) return tooMany(wait)
    const id = crypto.randomUUID()
    if (!(await state.compareAndSet(dedupeKey, undefined, id, 30 * DAY))) {
      const raced = await state.get<string>(dedupeKey)
      return Response.json({ id: raced, status: 'duplicate' }, { status: 200 })
    }
    const signals: string[] = []
    const fresh =
      !reporter || reporter.accountAgeDays === undefined || reporter.accountAgeDays < bombing.newAccountDays
    if (input.author !== undefined && fresh) {
      const reporters = await state.addToSet(`cs:bomb:${sha256(input.author)}`, reporterKey, bombing.windowMs)
      if (reporters >= bombing.threshold) signals.push('report_bombing')
    }
    if (options.ledger) {
      try {
        await options.ledger.append({
          kind: 'report',
          id,
          commentId: input.commentId,
          text: input.text,
          authorId: input.author,
          targetId: input.targetId,
          url: input.url,
          postedAt: input.at,
          reporterId: reporter?.id ?? input.reporterId,
          reason: input.reason,
          note: input.note,
          signals: signals.length ? signals : undefined,
        })
      } catch (error) {
        // Not acknowledged: release the dedupe key so the widget's retry is not taken for a duplicate.
        await Promise.resolve(state.delete(dedupeKey)).catch(() => undefined)
        report(error, { phase: 'ledger', request, outcome: 'failed-closed' })
        return unavailable()
      }
    }
    try {
      options.onReport?.({ ...input, id, reporter: reporterKey, signals })
    } catch (error) {
      report(error, { phase: 'hook', request, outcome: 'reported' })
    }
    return Response.json({ id, status: 'received' }, { status: 201 })
  }

  async function protectionRoute(request: Request, targetId: string): Promise<Response> {
    if (request.method === 'GET' || request.method === 'HEAD')
      return Response.json(await protection.get(targetId))
    if (request.method !== 'POST') return methodNotAllowed('GET, POST')
    const parsed = await readBody(request, maxBodyBytes)
    if (!parsed.ok) return parsed.response
    const body = parsed.body as { active?: unknown; durationMs?: unknown } | null
    if (typeof body !== 'object' || body === null || typeof body.active !== 'boolean') {
      return invalid(['"active" must be a boolean'])
    }
    if (
      body.durationMs !== undefined &&
      (typeof body.durationMs !== 'number' || !Number.isInteger(body.durationMs) || body.durationMs <= 0)
    ) {
      return invalid(['"durationMs" must be a positive integer'])
    }
    if (!(await authorize(request, { action: 'protection:write', id: targetId }))) return forbidden()
    return Response.json(
      await protection.set(targetId, { active: body.active, durationMs: body.durationMs, reason: 'manual' }),
    )
  }

  async function evidence(request: Request, subject: string): Promise<Response> {
    if (request.method !== 'GET' && request.method !== 'HEAD') return methodNotAllowed('GET')
    if (!(await authorize(request, { action: 'evidence:read', id: subject }))) return forbidden()
    const bundle = await options.ledger?.bundle(subject)
    if (!bundle) return notFound(`No evidence about "${subject}".`)
    const wantsHtml = /\btext\/html\b/.test(request.headers.get('accept') ?? '')
    const filename = `evidence-${subject.replace(/[^\w.-]/g, '_').slice(0, 64)}`
    if (wantsHtml) {
      return new Response(renderEvidenceHtml(bundle), {
        headers: {
          'content-type': 'text/html; charset=utf-8',
          'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'",
          'content-disposition': `inline; filename="${filename}.html"`,
        },
      })
    }
    return new Response(JSON.stringify(bundle, null, 2), {
      headers: {
        'content-type': 'application/json; charset=utf-8',
        'content-disposition': `attachment; filename="${filename}.json"`,
      },
    })
  }

  /** Perspective's comments:analyze; every error in Google's JSON error format, as Perspective clients expect. */
  async function analyzeRoute(
    request: Request,
    client: string,
    settings: PerspectiveRouteOptions,
  ): Promise<Response> {
    if (request.method !== 'POST') return methodNotAllowed('POST')
    const key = new URL(request.url).searchParams.get('key') ?? request.headers.get('x-goog-api-key')
    if (perspectiveKeys) {
      if (!key) return googleError(403, 'PERMISSION_DENIED', 'The request is missing a valid API key.')
      if (!perspectiveKeys.has(key))
        return googleError(400, 'INVALID_ARGUMENT', 'API key not valid. Please pass a valid API key.')
    }
    try {
      // Per valid key; without configured keys any string would do, so per client (else rotating keys evades it).
      const who = perspectiveKeys && key ? `key:${sha256(key)}` : `client:${client}`
      const wait = await limited('analyze', who, perspectiveLimit)
      if (wait)
        return googleError(429, 'RESOURCE_EXHAUSTED', `Quota exceeded. Try again in ${wait} s.`, {
          'retry-after': String(wait),
        })
      const parsed = await readBody(request, perspectiveBody)
      if (!parsed.ok) {
        const { status } = parsed.response
        const problem = (await parsed.response.json()) as { detail?: string; title?: string }
        return googleError(
          status,
          status === 413 ? 'OUT_OF_RANGE' : 'INVALID_ARGUMENT',
          problem.detail ?? problem.title ?? '',
        )
      }
      if (settings.model !== false)
        await loadAbuseModel().catch((error: unknown) =>
          report(error, { phase: 'moderate', request, outcome: 'reported' }),
        )
      const body = await analyzeComment(parsed.body, {
        maxLength: settings.maxLength,
        scorers: settings.scorers,
        signal: request.signal,
        onError: (error) => report(error, { phase: 'moderate', request, outcome: 'reported' }),
      })
      return Response.json(body)
    } catch (error) {
      if (isPerspectiveRefusal(error)) return Response.json(perspectiveErrorBody(error), { status: 400 })
      report(error, { phase: 'router', request, outcome: 'failed-closed' })
      return googleError(503, 'UNAVAILABLE', 'The service is unavailable. Try again shortly.', {
        'retry-after': '5',
      })
    }
  }

  async function handle(request: Request, info: RouteInfo = {}): Promise<Response | undefined> {
    const { pathname } = new URL(request.url)
    const m = ROUTE.exec(pathname)
    if (!m || (base !== undefined && m[1] !== base)) return undefined
    const client = info.clientId ?? 'unknown'
    try {
      const route = m[2]!
      if (route.startsWith('v1alpha1/'))
        return perspective ? await analyzeRoute(request, client, perspective) : undefined
      if (route === 'check' || route === 'reports') {
        if (request.method !== 'POST') return methodNotAllowed('POST')
        return await (route === 'check' ? check(request, client) : reports(request, client))
      }
      if (m[3] !== undefined) return await protectionRoute(request, decodeURIComponent(m[3]))
      return await evidence(request, decodeURIComponent(m[4]!))
    } catch (error) {
      report(error, { phase: 'router', request, outcome: 'failed-closed' })
      return unavailable()
    }
  }

  return {
    handle,
    async fetch(request, info) {
      return (await handle(request, info)) ?? notFound('No such endpoint.')
    },
  }
}

/**
 * Protection state from core's moderator: the level from its pile-on detector, the switch from its protection mode
 * (switched by a moderator through the authorisation hook).
 *
 * @param moderator - from `createModerator`
 * @returns the provider
 */
export function createModeratorProtection(moderator: Moderator): ProtectionProvider {
  const protection = moderator.protection
  if (!protection) {
    throw new ModerationError(
      'INVALID_OPTION',
      'The moderator has protection mode switched off (protection: false).',
    )
  }
  async function get(targetId: string): Promise<ProtectionStatus> {
    const [state, status] = await Promise.all([
      protection!.get(targetId),
      moderator.detector?.status(targetId),
    ])
    return {
      targetId,
      level: status?.level ?? 'calm',
      protection: state.active
        ? {
            active: true,
            until: state.until === undefined ? undefined : new Date(state.until).toISOString(),
            reason: state.reason,
          }
        : { active: false },
    }
  }
  return {
    get,
    async set(targetId, change) {
      if (change.active)
        await protection.enable(targetId, {
          durationMs: change.durationMs,
          reason: 'manual',
          by: 'moderator',
        })
      else await protection.disable(targetId, 'moderator')
      return get(targetId)
    },
  }
}

/**
 * Protection switches kept in a `Store` (the router's default until a moderator provides protection mode).
 * The level is always `calm`: this provider does not watch traffic.
 *
 * @param state - the store
 * @param now - clock
 * @returns the provider
 */
export function createStoreProtection(state: Store, now: () => number): ProtectionProvider {
  async function get(targetId: string): Promise<ProtectionStatus> {
    const stored = await state.get<{ until: number; reason: string }>(`cs:prot:${targetId}`)
    const active = stored !== undefined && stored.until > now()
    return {
      targetId,
      level: 'calm',
      protection: active
        ? { active, until: new Date(stored.until).toISOString(), reason: stored.reason }
        : { active },
    }
  }
  return {
    get,
    async set(targetId, change) {
      if (change.active) {
        const durationMs = change.durationMs ?? 7 * DAY
        const until = now() + durationMs
        await state.set(`cs:prot:${targetId}`, { until, reason: change.reason }, durationMs)
      } else {
        await state.delete(`cs:prot:${targetId}`)
      }
      return get(targetId)
    },
  }
}

function validLimit(name: string, limit: RateLimit): RateLimit {
  if (!(
    Number.isInteger(limit.limit) &&
    limit.limit > 0 &&
    Number.isInteger(limit.windowMs) &&
    limit.windowMs > 0
  )) {
    throw new ModerationError('INVALID_OPTION', `Option ${name} needs positive integers limit and windowMs.`)
  }
  return limit
}

function validateReport(body: unknown): { ok: true; report: ReportInput } | { ok: false; errors: string[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    return { ok: false, errors: ['the body must be a JSON object'] }
  }
  const b = body as Record<string, unknown>
  const errors: string[] = []
  const str = (key: string, max: number, required: boolean): void => {
    const v = b[key]
    if (v === undefined && !required) return
    if (typeof v !== 'string' || (required && v.trim() === ''))
      errors.push(`"${key}" must be a non-empty string`)
    else if (v.length > max) errors.push(`"${key}" must be at most ${max} characters`)
  }
  str('commentId', 200, true)
  str('text', 10_000, true)
  str('url', 2048, true)
  str('at', 64, true)
  str('author', 200, false)
  str('targetId', 200, false)
  str('note', 2000, false)
  str('reporterId', 200, false)
  if (!REPORT_REASONS.includes(b.reason as ReportReason)) {
    errors.push(`"reason" must be one of ${REPORT_REASONS.join(', ')}`)
  }
  if (typeof b.at === 'string' && Number.isNaN(Date.parse(b.at))) errors.push('"at" must be an ISO 8601 time')
  if (errors.length) return { ok: false, errors }
  return { ok: true, report: b as unknown as ReportInput }
}

function optionalString(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 32)
}

function invalid(errors: string[]): Response {
  return problemResponse({
    type: `${PROBLEM_BASE}invalid-body`,
    title: 'Invalid body',
    status: 400,
    detail: errors.join('; '),
    errors,
  })
}

function tooMany(seconds: number): Response {
  return problemResponse(
    {
      type: `${PROBLEM_BASE}rate-limited`,
      title: 'Too many requests',
      status: 429,
      detail: `Try again in ${seconds} s.`,
    },
    { 'retry-after': String(seconds) },
  )
}

function unavailable(): Response {
  return problemResponse(
    {
      type: `${PROBLEM_BASE}unavailable`,
      title: 'Service unavailable',
      status: 503,
      detail: 'Try again shortly.',
    },
    { 'retry-after': '5' },
  )
}

/** A refused Perspective request, also when thrown by another copy of core (see `isModerationError`). */
function isPerspectiveRefusal(error: unknown): error is PerspectiveRequestError {
  return (
    error instanceof PerspectiveRequestError ||
    (isModerationError(error) && typeof (error as { errorType?: unknown }).errorType === 'string')
  )
}

/** A Google API error body, as Perspective answers. */
function googleError(
  code: number,
  status: string,
  message: string,
  headers: Record<string, string> = {},
): Response {
  return Response.json({ error: { code, message, status } }, { status: code, headers })
}

function forbidden(): Response {
  return problemResponse({ type: `${PROBLEM_BASE}forbidden`, title: 'Forbidden', status: 403 })
}

function notFound(detail: string): Response {
  return problemResponse({ type: `${PROBLEM_BASE}not-found`, title: 'Not found', status: 404, detail })
}

function methodNotAllowed(allow: string): Response {
  return problemResponse(
    { type: `${PROBLEM_BASE}method-not-allowed`, title: 'Method not allowed', status: 405 },
    { allow },
  )
}
