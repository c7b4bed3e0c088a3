/**
 * Doxing risk: how likely a comment is to expose a person to harassment.
 * (Walking-skeleton version: counts identifying categories only; the full model adds disclosure cues and calls to action.)
 *
 * @module
 */
import type { PiiFinding } from '../pii/index.ts'

/** Severity bands of {@link DoxRisk.score}. */
export type DoxLevel = 'none' | 'low' | 'medium' | 'high' | 'critical'

/** What {@link doxRisk} returns. */
export interface DoxRisk {
  /** 0..1 */
  score: number
  level: DoxLevel
  /** Machine-readable reason codes, e.g. `categories:3`. */
  reasons: string[]
}

/**
 * Scores the doxing risk of a text given its PII findings.
 *
 * @param _text - the comment
 * @param findings - from `detectPii`
 * @returns the risk
 */
export function doxRisk(_text: string, findings: readonly PiiFinding[]): DoxRisk {
  const kinds = new Set(findings.map((f) => f.type)).size
  const score = Math.min(1, kinds * 0.25)
  const level: DoxLevel =
    score === 0 ? 'none' : score < 0.3 ? 'low' : score < 0.6 ? 'medium' : score < 0.9 ? 'high' : 'critical'
  return { score, level, reasons: kinds ? [`categories:${kinds}`] : [] }
}
