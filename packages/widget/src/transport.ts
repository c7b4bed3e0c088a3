/**
 * The widget's network traffic. Each element takes a host-supplied callback (`onCheck`, `onReport`,
 * `onProtection`), so the page decides how requests travel (its own fetch wrapper, auth headers, a queue);
 * when none is given, the built-in `fetch` transports below talk to the server package's endpoints
 * (`POST {base}/check`, `POST {base}/reports`, `GET {base}/targets/:id/protection`).
 *
 * @module
 */
import type { Decision, Report, Verdict } from '@comment-shield/core'

/** The body of `POST {base}/check`. */
export interface CheckRequest {
  text: string
  targetId?: string
  authorId?: string
  locale?: string
}

/** The server's answer to `/check`; its decision is authoritative. */
export interface CheckResponse {
  decision: Decision
  verdict: Verdict
}

/** The evidence a report carries: the body of `POST {base}/reports` (core's {@link Report}). */
export type ReportPayload = Report

/** The server's receipt for a report. */
export interface ReportReceipt {
  id: string
  status: 'received' | 'duplicate'
}

/** The protection state of a target (an article, a thread, a person). */
export interface ProtectionState {
  targetId: string
  level: 'calm' | 'elevated' | 'pile_on'
  protection: { active: boolean; until?: string | number; reason?: string }
}

/** Sends a `/check` request. */
export type CheckTransport = (request: CheckRequest, signal: AbortSignal) => Promise<CheckResponse>
/** Sends a report. Reject with a {@link ShieldHttpError} whose `retryable` is false to stop retries. */
export type ReportTransport = (report: ReportPayload) => Promise<ReportReceipt>
/** Reads a target's protection state. */
export type ProtectionTransport = (targetId: string, signal: AbortSignal) => Promise<ProtectionState>

/**
 * A failed HTTP exchange. `status` is 0 when no response arrived (offline, DNS, CORS, aborted).
 * `retryable` tells the report queue whether to try again later.
 */
export class ShieldHttpError extends Error {
  override readonly name = 'ShieldHttpError' as const
  readonly status: number
  /** Seconds from the `retry-after` header, when the server sent one. */
  readonly retryAfter: number | undefined
  /** The `detail` of an RFC 9457 problem body, when there was one. */
  readonly detail: string | undefined
  readonly retryable: boolean

  constructor(status: number, detail?: string, retryAfter?: number, options?: ErrorOptions) {
    super(`[comment-shield] HTTP ${status || 'network error'}${detail ? `: ${detail}` : ''}`, options)
    this.status = status
    this.detail = detail
    this.retryAfter = retryAfter
    // 0 = no response; 408, 425, 429 and 5xx are worth retrying (RFC 9110 §15.5.9, RFC 6585 §4).
    this.retryable = status === 0 || status === 408 || status === 425 || status === 429 || status >= 500
  }
}

async function fetchJson<T>(url: string, init: RequestInit): Promise<T> {
  let response: Response
  try {
    response = await fetch(url, {
      ...init,
      headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}) },
      credentials: 'same-origin',
    })
  } catch (cause) {
    throw new ShieldHttpError(0, undefined, undefined, { cause })
  }
  if (!response.ok) {
    let detail: string | undefined
    try {
      const problem = (await response.json()) as { detail?: unknown; title?: unknown }
      detail =
        typeof problem.detail === 'string'
          ? problem.detail
          : typeof problem.title === 'string'
            ? problem.title
            : undefined
    } catch {
      detail = response.statusText || undefined
    }
    const seconds = Number(response.headers.get('retry-after'))
    throw new ShieldHttpError(
      response.status,
      detail,
      Number.isFinite(seconds) && seconds > 0 ? seconds : undefined,
    )
  }
  try {
    return (await response.json()) as T
  } catch (cause) {
    throw new ShieldHttpError(response.status, 'The response was not JSON.', undefined, { cause })
  }
}

/**
 * The built-in `/check` transport: `fetch` with a JSON body.
 *
 * @param url - the full `/check` URL, e.g. `/api/shield/check`
 * @returns a transport for `<comment-shield>`'s `onCheck`
 * @example
 * ```ts
 * shield.onCheck = fetchCheck('/api/shield/check')
 * ```
 */
export function fetchCheck(url: string): CheckTransport {
  return (request, signal) =>
    fetchJson<CheckResponse>(url, { method: 'POST', body: JSON.stringify(request), signal })
}

/**
 * The built-in report transport: `fetch` POST of the report to the reports URL.
 *
 * @param url - the full `/reports` URL, e.g. `/api/shield/reports`
 * @returns a transport for `<comment-shield-report>`'s `onReport`
 */
export function fetchReport(url: string): ReportTransport {
  return (report) => fetchJson<ReportReceipt>(url, { method: 'POST', body: JSON.stringify(report) })
}

/**
 * The built-in protection transport: `GET {base}/targets/:id/protection`.
 *
 * @param base - the API base path, e.g. `/api/shield`
 * @returns a transport for `<comment-shield-banner>`'s `onProtection`
 */
export function fetchProtection(base: string): ProtectionTransport {
  const root = base.replace(/\/+$/, '')
  return (targetId, signal) =>
    fetchJson<ProtectionState>(`${root}/targets/${encodeURIComponent(targetId)}/protection`, {
      method: 'GET',
      signal,
    })
}
