/**
 * The detection core: normalise once, run each recogniser on its view, map back, filter, resolve overlaps.
 * It takes the recognisers explicitly and references no preset, so a bundle that only uses the light
 * preset never pulls in the full one (libphonenumber-js).
 *
 * @module
 */
import {
  chineseNumeralsStage,
  digitRunStages,
  digitSeparatorsStage,
  emailObfuscationStage,
  foldStages,
  spelledDigitsStage,
} from '../normalize/index.ts'
import { runStages, stateSpan } from '../normalize/pipeline.ts'
import { DIGIT_RUN, MAX_RUN } from '../normalize/stages.ts'
import type { NormalizeStage, State } from '../normalize/pipeline.ts'
import {
  F_AT,
  F_CN_DIGITS,
  F_DIGIT_WORDS,
  F_EXOTIC,
  F_JOINED,
  F_MAIL_WORD,
  F_NUMERIC,
  F_UNSURE,
  F_WIDE,
  foldWide,
  needsOfList,
  scanText,
} from './gate.ts'
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

// The stages the gate may run one by one; the same kinds, in the same order, as foldStages' last stage
// and digitRunStages (see normalize/index.ts for the folding order).
const MAIL: readonly NormalizeStage[] = /* @__PURE__ */ Object.freeze([
  /* @__PURE__ */ emailObfuscationStage(),
])
const CN_NUMERALS: readonly NormalizeStage[] = /* @__PURE__ */ Object.freeze([
  /* @__PURE__ */ chineseNumeralsStage(),
])
const SPELLED: readonly NormalizeStage[] = /* @__PURE__ */ Object.freeze([
  /* @__PURE__ */ spelledDigitsStage(),
])
const SEPARATORS: readonly NormalizeStage[] = /* @__PURE__ */ Object.freeze([
  /* @__PURE__ */ digitSeparatorsStage(),
])

/**
 * Runs the given recognisers; see `detectPii`. Exported as `detectPiiFast`.
 *
 * **Gate**: one scan ({@link scanText}) says which recognisers and stages can have anything to do; the
 * others are skipped, and a text with nothing to do returns before any normalised view exists. Custom
 * recognisers (not made by the built-in factories) always run.
 *
 * @internal
 */
export function detectWith(text: string, recognizers: readonly Recognizer[]): PiiFinding[] {
  const input = typeof text === 'string' ? text : String(text)
  let flags = scanText(input)
  const needs = needsOfList(recognizers)
  // E-mail obfuscation may still join digit runs ("…138 dot 0013…") or bring words together: until its
  // output is scanned, any run length and context word is possible.
  const mail = (flags & (F_AT | F_MAIL_WORD)) !== 0
  if ((flags & F_EXOTIC) === 0 && !anyMayFind(needs, mail ? flags | F_UNSURE : flags)) return []
  // The folded view. Common case: only width folding (same length, identity map) and maybe e-mail
  // obfuscation; otherwise the general fold stages. The gate scans again whatever the stages changed.
  let folded: State
  if ((flags & F_EXOTIC) !== 0) {
    folded = runStages(input, foldStages)
    flags = scanText(folded.text)
  } else {
    folded = { text: (flags & F_WIDE) !== 0 ? foldWide(input) : input, map: null, ends: null }
    if (mail) {
      folded = runStages(folded.text, MAIL, folded, input.length)
      if (folded.map !== null) flags = scanText(folded.text)
    }
  }
  let digits: State | undefined
  const all: PiiFinding[] = []
  for (let i = 0; i < recognizers.length; i++) {
    const r = recognizers[i]!
    if (!mayFindAt(needs, i, flags)) continue
    const view = r.view ?? 'folded'
    if (view === 'raw') {
      runOn(r, { text: input, map: null, ends: null }, input, all)
      continue
    }
    runOn(r, folded, input, all)
    if (view === 'digits') {
      digits ??= digitView(folded, flags, input.length)
      if (digits.text !== folded.text) runOn(r, digits, input, all)
    }
  }
  return finishFindings(input, all)
}

function mayFindAt(needs: Int32Array, i: number, flags: number): boolean {
  const any = needs[2 * i]!
  const all = needs[2 * i + 1]!
  return any < 0 || ((any & flags) !== 0 && (all & flags) === all)
}

function anyMayFind(needs: Int32Array, flags: number): boolean {
  for (let i = 0; i < needs.length / 2; i++) if (mayFindAt(needs, i, flags)) return true
  return false
}

/**
 * Runs the given recognisers without the gate: every view is built and every recogniser runs. The same
 * findings as {@link detectWith} (a property test holds the two together) from less code: what
 * `createAnalyzer` uses by default, so the widget's bundle leaves the gate out. Servers use the fast path
 * (`detectPii`, `analyze`, `redact`, or `createAnalyzer({ piiDetector: detectPiiFast })`).
 *
 * @param text - any string
 * @param recognizers - the recognisers to run
 * @returns findings with half-open UTF-16 offsets into `text`, sorted, overlaps resolved
 * @example
 * ```ts
 * detectPiiCompact('电话 13800138000', browserRecognizers)[0]?.type // 'phone'
 * ```
 */
export function detectPiiCompact(text: string, recognizers: readonly Recognizer[]): PiiFinding[] {
  const input = typeof text === 'string' ? text : String(text)
  const raw: State = { text: input, map: null, ends: null }
  let folded: State | undefined
  let digits: State | undefined
  const all: PiiFinding[] = []
  for (const r of recognizers) {
    const view = r.view ?? 'folded'
    if (view === 'raw') {
      runOn(r, raw, input, all)
      continue
    }
    folded ??= runStages(input, foldStages)
    runOn(r, folded, input, all)
    if (view === 'digits') {
      digits ??= runStages(folded.text, digitRunStages, folded, input.length)
      if (digits.text !== folded.text) runOn(r, digits, input, all)
    }
  }
  return finishFindings(input, all)
}

/** Runs one recogniser on a view and maps its findings back into `all`. */
function runOn(r: Recognizer, view: State, input: string, all: PiiFinding[]): void {
  let found: PiiFinding[]
  try {
    found = r.find(view.text)
  } catch {
    // A faulty custom recogniser must not make content an error.
    return
  }
  for (const f of found) {
    const mapped = mapBack(input, view, f)
    if (mapped) all.push(mapped)
  }
}

function finishFindings(input: string, all: PiiFinding[]): PiiFinding[] {
  if (all.length === 0) return all
  return resolveOverlaps(all.filter((f) => !(NUMERIC_TYPES.has(f.type) && notPiiByContext(input, f))))
}

/** The digits view: digit-run stages 6–8, each only when the gate saw what it folds. */
function digitView(folded: State, flags: number, originalLength: number): State {
  // The common case, separators only on an unmapped text: nothing to do without separators inside a
  // run (order and tracking numbers), else joined directly, without edit objects.
  if (folded.map === null && (flags & (F_CN_DIGITS | F_DIGIT_WORDS)) === 0)
    return (flags & F_JOINED) === 0 ? folded : joinDigitRuns(folded, originalLength)
  let state = folded
  if ((flags & F_CN_DIGITS) !== 0) state = runStages(state.text, CN_NUMERALS, state, originalLength)
  if ((flags & F_DIGIT_WORDS) !== 0) state = runStages(state.text, SPELLED, state, originalLength)
  if ((flags & F_NUMERIC) !== 0) state = runStages(state.text, SEPARATORS, state, originalLength)
  return state
}

/**
 * What the digit-separators stage makes of a view whose offsets are the original's (`map === null`): the
 * separators (at most three in a row) inside each run of digits of at most {@link MAX_RUN} units deleted,
 * with the offset map. The view itself when nothing is deleted. A property test holds it to the stage.
 *
 * @internal
 */
export function joinDigitRuns(view: State, originalLength: number): State {
  const text = view.text
  const n = text.length
  // Deleted ranges, as [start, end) pairs in order: the non-digits of each run the stage rewrites.
  let cuts: number[] | undefined
  DIGIT_RUN.lastIndex = 0
  let m: RegExpExecArray | null
  while ((m = DIGIT_RUN.exec(text)) !== null) {
    const end = m.index + m[0].length
    // Runs longer than MAX_RUN stay as written (as the stage leaves them).
    if (end - m.index > MAX_RUN) continue
    for (let k = m.index + 1; k < end; k++) {
      if (isAsciiDigit(text.charCodeAt(k))) continue
      const from = k
      while (!isAsciiDigit(text.charCodeAt(k))) k++
      ;(cuts ??= []).push(from, k)
    }
  }
  if (cuts === undefined || cuts.length === 0) return view
  let removed = 0
  for (let c = 0; c < cuts.length; c += 2) removed += cuts[c + 1]! - cuts[c]!
  const length = n - removed
  const map = new Int32Array(length + 1)
  const ends = new Int32Array(length)
  let out = ''
  let j = 0
  let from = 0
  const keep = (to: number): void => {
    out += text.slice(from, to)
    for (let k = from; k < to; k++, j++) {
      map[j] = k
      ends[j] = k + 1
    }
  }
  for (let c = 0; c < cuts.length; c += 2) {
    keep(cuts[c]!)
    from = cuts[c + 1]!
  }
  keep(n)
  map[length] = originalLength
  return { text: out, map, ends }
}

function isAsciiDigit(c: number): boolean {
  return c >= 48 && c <= 57
}

/** Maps a finding on a normalised view back to the original text; null when it maps to nothing. */
function mapBack(original: string, view: State, f: PiiFinding): PiiFinding | null {
  if (view.map === null) {
    // Same length as the original: a width-folded view reports folded characters; report the original's.
    if (view.text === original) return f
    return { ...f, text: original.slice(f.start, f.end) }
  }
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

/** A detection engine: `detectPiiFast` (gated, for servers) or `detectPiiCompact` (smaller, the widget's). */
export type PiiDetector = (text: string, recognizers: readonly Recognizer[]) => PiiFinding[]

/**
 * The fast detection engine (what `detectPii`, `analyze` and `redact` use): a single-pass gate skips the
 * normalisation stages and recognisers that have nothing to do. Same findings as {@link detectPiiCompact}.
 *
 * @param text - any string
 * @param recognizers - the recognisers to run
 * @returns findings with half-open UTF-16 offsets into `text`, sorted, overlaps resolved
 * @example
 * ```ts
 * const shield = createAnalyzer({ piiDetector: detectPiiFast })
 * ```
 */
export const detectPiiFast: PiiDetector = detectWith
