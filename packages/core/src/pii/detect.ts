/**
 * The detection core: normalise once, run each recogniser on its view, map back, filter, resolve overlaps.
 * It takes the recognisers explicitly and references no preset, so a bundle that only uses the light
 * preset never pulls in the full one (libphonenumber-js).
 *
 * @module
 */
import { digitRunStages, foldStages } from '../normalize/index.ts'
import { runStages, stateSpan } from '../normalize/pipeline.ts'
import type { State } from '../normalize/pipeline.ts'
import type { PiiFinding, PiiType, Recognizer } from './types.ts'

// Numbers right after these words are order, tracking, invoice, version or product numbers, or prices.
const NOT_PII_BEFORE =
  /(?:订单|单号|运单|快递|物流|工单|流水|交易号|发票|编号|序列号|批号|货号|型号|条码|取件码|验证码|\b(?:order|tracking|invoice|receipt|isbn|serial|ref|sku|version|ver\.?|v)|版本|[¥$￥€£])\s*(?:no\.?|number|#|号|码)?\s*[:：#]?\s*$/i
const NUMERIC_TYPES: ReadonlySet<PiiType> = new Set<PiiType>([
  'phone',
  'cn_id',
  'bank_card',
  'credit_card',
  'us_ssn',
  'ip_address',
  'passport',
])

/**
 * Runs the given recognisers; see `detectPii`.
 *
 * @internal
 */
export function detectWith(text: string, recognizers: readonly Recognizer[]): PiiFinding[] {
  const input = typeof text === 'string' ? text : String(text)
  // Normalised views, computed on first use; `null` maps mean the view equals the input.
  let folded: State | undefined
  let digits: State | undefined
  const all: PiiFinding[] = []
  const run = (r: Recognizer, view: State | undefined): void => {
    let found: PiiFinding[]
    try {
      found = r.find(view ? view.text : input)
    } catch {
      // A faulty custom recogniser must not make content an error.
      return
    }
    for (const f of found) {
      const mapped = view ? mapBack(input, view, f) : f
      if (mapped) all.push(mapped)
    }
  }
  for (const r of recognizers) {
    const view = r.view ?? 'folded'
    if (view === 'raw') {
      run(r, undefined)
      continue
    }
    folded ??= runStages(input, foldStages)
    run(r, folded)
    if (view === 'digits') {
      digits ??= runStages(folded.text, digitRunStages, folded, input.length)
      if (digits.text !== folded.text) run(r, digits)
    }
  }
  return resolveOverlaps(all.filter((f) => !(NUMERIC_TYPES.has(f.type) && notPiiByContext(input, f))))
}

/** Maps a finding on a normalised view back to the original text; null when it maps to nothing. */
function mapBack(original: string, view: State, f: PiiFinding): PiiFinding | null {
  if (view.map === null) return f
  const { start, end } = stateSpan(view, f.start, f.end)
  if (end <= start) return null
  return { ...f, start, end, text: original.slice(start, end) }
}

function notPiiByContext(text: string, f: PiiFinding): boolean {
  return NOT_PII_BEFORE.test(text.slice(Math.max(0, f.start - 12), f.start))
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
      const longer = f.end - f.start > last.end - last.start
      const sameLength = f.end - f.start === last.end - last.start
      if (longer || (sameLength && f.confidence > last.confidence)) out[out.length - 1] = f
      continue
    }
    out.push(f)
  }
  return out
}
