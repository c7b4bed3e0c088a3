/**
 * PII detection: recognisers, presets and `detectPii`.
 *
 * @module
 */
import { cnMobileRecognizer, emailRecognizer } from './recognizers.ts'
import type { PiiFinding, Recognizer } from './types.ts'

export type { PiiEvidence, PiiFinding, PiiType, Recognizer } from './types.ts'
export { cnMobileRecognizer, emailRecognizer } from './recognizers.ts'

/** The recognisers `analyze` and `redact` use when none are given. */
export const defaultRecognizers: readonly Recognizer[] = [emailRecognizer(), cnMobileRecognizer()]

/** Options of {@link detectPii}. */
export interface DetectPiiOptions {
  recognizers?: readonly Recognizer[]
}

/**
 * Runs the recognisers and returns their findings sorted by start, overlaps resolved in favour of the
 * longer, then more confident, finding.
 *
 * @param text - any string
 * @param options - which recognisers to run
 * @returns findings with half-open UTF-16 offsets into `text`
 */
export function detectPii(text: string, options: DetectPiiOptions = {}): PiiFinding[] {
  const recognizers = options.recognizers ?? defaultRecognizers
  const all: PiiFinding[] = []
  for (const r of recognizers) all.push(...r.find(text))
  return resolveOverlaps(all)
}

/**
 * Keeps a set of non-overlapping findings: sorted by start; on overlap the longer wins, then the more confident.
 *
 * @internal
 */
export function resolveOverlaps(findings: PiiFinding[]): PiiFinding[] {
  const sorted = [...findings].sort(
    (a, b) => a.start - b.start || b.end - b.start - (a.end - a.start) || b.confidence - a.confidence,
  )
  const out: PiiFinding[] = []
  for (const f of sorted) {
    const last = out[out.length - 1]
    if (last && f.start < last.end) {
      if (f.end - f.start > last.end - last.start) out[out.length - 1] = f
      continue
    }
    out.push(f)
  }
  return out
}
