/**
 * RFC 9457 problem details: the one error body every Comment Shield endpoint sends.
 *
 * @module
 */

/** The body of an `application/problem+json` response (RFC 9457 §3). */
export interface ProblemDetails {
  type: string
  title: string
  status: number
  detail?: string
  [extension: string]: unknown
}

/** Media type of problem responses (RFC 9457 §3). */
export const PROBLEM_CONTENT_TYPE = 'application/problem+json'

/**
 * Builds an `application/problem+json` response.
 *
 * @param problem - the problem details; `type` is a URI naming the problem kind
 * @param headers - extra headers such as `retry-after`
 * @returns the Response
 */
export function problemResponse(problem: ProblemDetails, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': `${PROBLEM_CONTENT_TYPE}; charset=utf-8`, ...headers },
  })
}

/** Base of the `type` URIs of our problems; documented in docs/server.md. */
export const PROBLEM_BASE = 'https://comment-shield.dev/problems/'
