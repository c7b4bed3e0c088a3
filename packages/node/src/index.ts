/**
 * `@comment-shield/node`: server-side enforcement of Comment Shield.
 *
 * @module
 */

// Shield
export { createShield } from './handler.ts'
export type { Inspection, Shield, ShieldOptions } from './handler.ts'

// Problems
export { PROBLEM_BASE, PROBLEM_CONTENT_TYPE, problemResponse } from './problem.ts'
export type { ProblemDetails } from './problem.ts'
