/**
 * The errors Comment Shield throws. Only misuse throws (a bad option, a bad call); content never does:
 * `analyze` returns a {@link Verdict} for every string.
 *
 * @module
 */

/** Stable machine-readable codes carried by {@link ModerationError}. */
export type ModerationErrorCode =
  | 'INVALID_OPTION'
  | 'INVALID_INPUT'
  | 'STORE_UNAVAILABLE'
  | 'SCORER_UNAVAILABLE'
  | 'TIMEOUT'
  | 'BUDGET_EXCEEDED'
  | 'INTERNAL'

/**
 * The one error class of Comment Shield. Its `code` is stable; its message starts with `[comment-shield]`.
 *
 * @example
 * ```ts
 * try { createPolicy({ thresholds: { insult: 2 } }) } catch (e) { if (isModerationError(e)) console.log(e.code) }
 * ```
 */
export class ModerationError extends Error {
  /** Brand read by {@link isModerationError}; survives two copies of the package being loaded (h3's pattern). */
  static readonly __comment_shield_error__ = true as const
  override readonly name = 'ModerationError' as const
  readonly code: ModerationErrorCode

  constructor(code: ModerationErrorCode, message: string, options?: ErrorOptions) {
    super(`[comment-shield] ${message}`, options)
    this.code = code
  }
}

/**
 * Tells whether a value is a {@link ModerationError}, even one thrown by another copy of this package.
 *
 * @param value - anything caught
 * @returns true for a ModerationError
 */
export function isModerationError(value: unknown): value is ModerationError {
  if (value instanceof ModerationError) return true
  if (typeof value !== 'object' || value === null) return false
  const ctor = (value as { constructor?: { __comment_shield_error__?: unknown } }).constructor
  return ctor?.__comment_shield_error__ === true
}

/**
 * Throws an INVALID_OPTION error that names the option and the bad value.
 *
 * @internal
 */
export function invalidOption(name: string, value: unknown, expected: string): never {
  let shown: string
  try {
    shown = typeof value === 'string' ? JSON.stringify(value) : String(value)
  } catch {
    shown = typeof value
  }
  throw new ModerationError('INVALID_OPTION', `Option ${name} must be ${expected}; got ${shown}.`)
}
