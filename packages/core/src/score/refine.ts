/**
 * Runs the async second-opinion scorers (e.g. Claude) over a local abuse result, in order: the one chain used by
 * the moderator and by the Perspective-compatible analysis.
 *
 * @module
 */
import type { AbuseResult, AbuseScorer } from './types.ts'

/**
 * Refines a local abuse result with scorers, in order. Each scorer sees the result so far; one that throws
 * keeps that result and marks it `degraded`. Never rejects.
 *
 * @param text - the comment
 * @param local - the embedded (model + rules) result
 * @param scorers - the scorers, in order
 * @param options - an abort signal, and `onError` for a scorer that threw
 * @returns the refined result; `source` names every scorer that contributed
 * @example
 * ```ts
 * const abuse = await refineAbuse(text, analyze(text).abuse, [claude])
 * ```
 */
export async function refineAbuse(
  text: string,
  local: AbuseResult,
  scorers: readonly AbuseScorer[],
  options: { signal?: AbortSignal; onError?: (error: unknown) => void } = {},
): Promise<AbuseResult> {
  let abuse = local
  for (const scorer of scorers) {
    try {
      const next = await scorer.score(text, { local: abuse, signal: options.signal })
      abuse = {
        ...next,
        source: [...new Set([...abuse.source, ...next.source])],
        degraded: abuse.degraded || next.degraded,
      }
    } catch (error) {
      abuse = { ...abuse, degraded: true }
      try {
        options.onError?.(error)
      } catch {
        // A failing error hook must not fail the comment either.
      }
    }
  }
  return abuse
}
