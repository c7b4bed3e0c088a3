/**
 * The framework-agnostic core of the server package: Web `Request` in, decision or `Response` out.
 * Every framework adapter (express, …) only translates to and from these types.
 *
 * @module
 */
import { analyze, decide, redact } from '@comment-shield/core'
import type { Decision, DecideOptions, RedactionLocale, Verdict } from '@comment-shield/core'
import { ModerationError } from '@comment-shield/core'
import { problemResponse, PROBLEM_BASE } from './problem.ts'

/** Options of {@link createShield}. */
export interface ShieldOptions {
  /** Dot path of the comment text in the request body. Default `text`. */
  field?: string
  /** Largest accepted body in bytes; larger bodies get 413. Default 64 KiB. */
  maxBodyBytes?: number
  /** Locale of messages and redaction labels. Default `zh-CN`. */
  locale?: RedactionLocale
  /** What to do when personal information is found. Default `redact`. */
  onPii?: DecideOptions['onPii']
}

/** The result of inspecting one comment request. */
export type Inspection =
  | { ok: false; response: Response }
  | {
      ok: true
      /** The parsed body, with the comment field already redacted when the decision is `redact`. */
      body: Record<string, unknown>
      decision: Decision
      verdict: Verdict
    }

/** A configured shield. */
export interface Shield {
  /** Reads, parses and moderates a comment request. Never throws for client input. */
  inspect(request: Request): Promise<Inspection>
  /** Moderates an already-parsed body (for frameworks that parsed it before us). */
  inspectBody(body: unknown): Inspection
}

const DEFAULT_MAX_BODY = 64 * 1024

/**
 * Creates a shield for a comment endpoint.
 *
 * @param options - where the text is, body limit, locale, PII policy
 * @returns the shield
 * @example
 * ```ts
 * const shield = createShield({ field: 'comment.text' })
 * const result = await shield.inspect(request)
 * if (!result.ok) return result.response
 * ```
 */
export function createShield(options: ShieldOptions = {}): Shield {
  const path = (options.field ?? 'text').split('.')
  if (path.some((p) => p === '')) {
    throw new ModerationError(
      'INVALID_OPTION',
      `Option field must be a dot path like "comment.text"; got ${JSON.stringify(options.field)}.`,
    )
  }
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY
  if (!Number.isInteger(maxBodyBytes) || maxBodyBytes <= 0) {
    throw new ModerationError(
      'INVALID_OPTION',
      `Option maxBodyBytes must be a positive integer; got ${String(options.maxBodyBytes)}.`,
    )
  }
  const locale = options.locale ?? 'zh-CN'
  const messageLocale = locale === 'en' ? 'en' : 'zh-CN'

  function inspectBody(body: unknown): Inspection {
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      return { ok: false, response: badRequest('The body must be a JSON object or a form.') }
    }
    const text = getPath(body, path)
    if (typeof text !== 'string') {
      return { ok: false, response: badRequest(`The field "${path.join('.')}" must be a string.`) }
    }
    const verdict = analyze(text)
    const decision = decide(verdict, { onPii: options.onPii })
    if (decision.action === 'reject') {
      return {
        ok: false,
        response: problemResponse({
          type: `${PROBLEM_BASE}comment-rejected`,
          title: 'Comment rejected',
          status: 422,
          detail: decision.userMessage[messageLocale],
          categories: decision.categories,
          reasons: decision.reasons,
        }),
      }
    }
    let out = body as Record<string, unknown>
    if (decision.action === 'redact') {
      out = setPath(out, path, redact(text, { findings: verdict.pii, locale }).text)
    }
    return { ok: true, body: out, decision, verdict }
  }

  return {
    inspectBody,
    async inspect(request) {
      const parsed = await readBody(request, maxBodyBytes)
      if (!parsed.ok) return parsed
      return inspectBody(parsed.body)
    },
  }
}

function badRequest(detail: string): Response {
  return problemResponse({ type: `${PROBLEM_BASE}bad-request`, title: 'Bad request', status: 400, detail })
}

/** Reads a JSON or urlencoded body, enforcing the byte limit while streaming (never buffering past it). */
async function readBody(
  request: Request,
  limit: number,
): Promise<{ ok: true; body: unknown } | { ok: false; response: Response }> {
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
  const tooLarge: { ok: false; response: Response } = {
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
