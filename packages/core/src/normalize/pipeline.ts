/**
 * The normalisation machinery: stages that propose edits, and a pipeline that applies them while keeping an
 * exact map from every normalised UTF-16 unit back to the span of the original text it came from.
 *
 * Stage authors never touch offsets: a stage only returns the edits it wants (`{ start, end, text }` against
 * its own input) and the pipeline composes the maps. That keeps every stage small and the map correct by
 * construction (obscenity's transformer idea, plus the offset bookkeeping obscenity leaves to its matcher).
 *
 * @module
 */
import { invalidOption } from '../errors.ts'

/**
 * One replacement a stage asks for: input units `[start, end)` become `text`.
 * `text: ''` deletes; `start === end` inserts (the inserted units map to an empty original span).
 */
export interface NormalizeEdit {
  /** Inclusive start, UTF-16 offset into the stage's input. */
  start: number
  /** Exclusive end, UTF-16 offset into the stage's input. */
  end: number
  /** Replacement text. */
  text: string
}

/**
 * A normalisation stage, made by a small factory such as {@link invisiblesStage}. `edits` returns the
 * replacements for its input, sorted by `start` and non-overlapping, or `null`/an empty array when it has
 * nothing to do (the cheap, common case: return early after a single `RegExp#test`).
 */
export interface NormalizeStage {
  /** Stable name, used in presets and diagnostics. */
  readonly name: string
  edits(text: string): readonly NormalizeEdit[] | null
}

/**
 * The result of normalising a text. `map` and `ends` relate each UTF-16 unit of `text` to the original:
 * normalised unit `i` came from `original.slice(map[i], ends[i])`. Both arrays are non-decreasing and lie
 * inside `[0, original.length]`; `map[text.length] === original.length`. Use {@link toOriginalSpan} to turn
 * a half-open span of `text` into a half-open span of `original`.
 */
export interface NormalizedText {
  /** The folded text. */
  text: string
  /** The text that was normalised. */
  original: string
  /** `map[i]`: original UTF-16 offset where normalised unit `i` starts; length `text.length + 1`. */
  map: Int32Array
  /** `ends[i]`: original UTF-16 offset where normalised unit `i` ends; length `text.length`. */
  ends: Int32Array
  /** False when no stage changed anything (then `text === original` and the map is the identity). */
  changed: boolean
}

/**
 * Maps a half-open span `[start, end)` of `normalized.text` to the half-open span of the original text that
 * produced it. An empty span maps to an empty span at the corresponding original offset. Out-of-range
 * offsets are clamped.
 *
 * @param normalized - from {@link normalize}
 * @param start - inclusive start in `normalized.text`
 * @param end - exclusive end in `normalized.text`
 * @returns the original span, `{ start, end }` with `start <= end`
 * @example
 * ```ts
 * const n = normalize('call １３８ ００１３ ８０００')
 * const s = n.text.indexOf('13800138000')
 * toOriginalSpan(n, s, s + 11) // { start: 5, end: 19 }
 * ```
 */
export function toOriginalSpan(
  normalized: NormalizedText,
  start: number,
  end: number,
): { start: number; end: number } {
  const len = normalized.text.length
  const s = Math.max(0, Math.min(len, start | 0))
  const e = Math.max(s, Math.min(len, end | 0))
  const os = normalized.map[s] ?? 0
  if (e === s) return { start: os, end: os }
  return { start: os, end: Math.max(os, normalized.ends[e - 1] ?? os) }
}

/**
 * Working state of the pipeline; `null` maps mean "identity so far" (allocated only once something changes).
 *
 * @internal
 */
export interface State {
  text: string
  map: Int32Array | null
  ends: Int32Array | null
}

function identity(length: number): { map: Int32Array; ends: Int32Array } {
  const map = new Int32Array(length + 1)
  const ends = new Int32Array(length)
  for (let i = 0; i < length; i++) {
    map[i] = i
    ends[i] = i + 1
  }
  map[length] = length
  return { map, ends }
}

/**
 * Applies one stage's edits to the state and composes the maps. Edits that overlap a previous edit, run
 * backwards or fall outside the text are ignored (defensive: a buggy custom stage must not corrupt the map).
 */
function applyEdits(state: State, edits: readonly NormalizeEdit[], originalLength: number): State {
  const input = state.text
  // While nothing has changed the maps are the identity; read offsets straight from positions then
  // instead of allocating identity arrays (the common case: one stage changes a short comment).
  const prevMap = state.map
  const prevEnds = state.ends
  // First pass: keep the valid edits and measure the output.
  const kept: NormalizeEdit[] = []
  let cursor = 0
  let outLength = input.length
  for (const e of edits) {
    if (!(e.start >= cursor && e.end >= e.start && e.end <= input.length)) continue
    if (e.start === e.end && e.text === '') continue
    kept.push(e)
    outLength += e.text.length - (e.end - e.start)
    cursor = e.end
  }
  if (kept.length === 0) return state
  const map = new Int32Array(outLength + 1)
  const ends = new Int32Array(outLength)
  let out = ''
  let j = 0
  const copy = (a: number, b: number): void => {
    out += input.slice(a, b)
    if (prevMap === null || prevEnds === null) {
      for (let k = a; k < b; k++, j++) {
        map[j] = k
        ends[j] = k + 1
      }
    } else {
      map.set(prevMap.subarray(a, b), j)
      ends.set(prevEnds.subarray(a, b), j)
      j += b - a
    }
  }
  cursor = 0
  for (const e of kept) {
    if (e.start > cursor) copy(cursor, e.start)
    const from = prevMap === null ? e.start : (prevMap[e.start] ?? originalLength)
    const to = e.end > e.start ? (prevEnds === null ? e.end : (prevEnds[e.end - 1] ?? from)) : from
    for (let k = 0; k < e.text.length; k++, j++) {
      map[j] = from
      ends[j] = to
    }
    out += e.text
    cursor = e.end
  }
  if (cursor < input.length) copy(cursor, input.length)
  map[outLength] = originalLength
  return { text: out, map, ends }
}

/**
 * Maps a span of a stage-run result back to the original; `null` maps are the identity.
 *
 * @internal
 */
export function stateSpan(state: State, start: number, end: number): { start: number; end: number } {
  if (state.map === null || state.ends === null) return { start, end }
  const os = state.map[start] ?? 0
  if (end <= start) return { start: os, end: os }
  return { start: os, end: Math.max(os, state.ends[end - 1] ?? os) }
}

/**
 * Runs stages over a text; the internal form keeps `null` maps while nothing changed.
 *
 * @internal
 */
export function runStages(
  text: string,
  stages: readonly NormalizeStage[],
  from?: NormalizedText | State,
  originalLength: number = text.length,
): State {
  let state: State =
    from === undefined
      ? { text, map: null, ends: null }
      : 'changed' in from && !from.changed
        ? { text: from.text, map: null, ends: null }
        : { text: from.text, map: from.map, ends: from.ends }
  for (const stage of stages) {
    const edits = stage.edits(state.text)
    if (edits && edits.length > 0) state = applyEdits(state, edits, originalLength)
  }
  return state
}

function finish(original: string, state: State): NormalizedText {
  if (state.map === null || state.ends === null) {
    const id = identity(original.length)
    return { text: original, original, map: id.map, ends: id.ends, changed: false }
  }
  return { text: state.text, original, map: state.map, ends: state.ends, changed: true }
}

/** A ready-to-call normaliser made by {@link createNormalizer}. */
export type Normalizer = (text: string) => NormalizedText

/**
 * Builds a normaliser from stages, applied in array order. Misuse (a stage without `edits`) throws here,
 * once, not on every call.
 *
 * @param stages - the stages, e.g. `[...defaultNormalizeStages, myLeetStage()]`
 * @returns a function from text to {@link NormalizedText}
 * @example
 * ```ts
 * const fold = createNormalizer([invisiblesStage(), nfkcStage()])
 * fold('１３８\u200b００').text // '13800'
 * ```
 * @see https://github.com/comment-shield/comment-shield/blob/main/docs/pii.md#normalisation
 */
export function createNormalizer(stages: readonly NormalizeStage[]): Normalizer {
  for (const [i, s] of stages.entries()) {
    if (typeof s?.edits !== 'function') invalidOption(`stages[${i}]`, s, 'a NormalizeStage')
  }
  const list = [...stages]
  return function normalizer(text: string): NormalizedText {
    const input = typeof text === 'string' ? text : String(text)
    return finish(input, runStages(input, list))
  }
}

/**
 * Continues normalising an already normalised text with more stages; the result maps straight back to
 * `normalized.original` (maps compose).
 *
 * @param normalized - an earlier result
 * @param stages - further stages
 * @returns the composed result
 * @example
 * ```ts
 * const folded = normalize('一三八 0013 8000', { stages: [nfkcStage()] })
 * extendNormalized(folded, [chineseNumeralsStage(), digitSeparatorsStage()]).text // '13800138000'
 * ```
 */
export function extendNormalized(
  normalized: NormalizedText,
  stages: readonly NormalizeStage[],
): NormalizedText {
  return finish(
    normalized.original,
    runStages(normalized.text, stages, normalized, normalized.original.length),
  )
}

/**
 * Turns a global regular expression into edits: each match becomes `replace(match)`; a `null` (or
 * unchanged) result leaves the match alone. The caller guarantees the pattern is linear-time.
 *
 * @param name - stage name
 * @param pattern - a regular expression with the `g` flag
 * @param replace - the replacement of one match, or null to keep it
 * @returns a stage
 * @example
 * ```ts
 * const dashes = createRegexStage('dashes', /[‐‑‒–—―]/gu, () => '-')
 * ```
 */
export function createRegexStage(
  name: string,
  pattern: RegExp,
  replace: (match: RegExpExecArray) => string | null,
): NormalizeStage {
  if (!(pattern instanceof RegExp) || !pattern.global)
    invalidOption('pattern', pattern, 'a RegExp with the g flag')
  return {
    name,
    edits(text) {
      pattern.lastIndex = 0
      if (!pattern.test(text)) return null
      pattern.lastIndex = 0
      const out: NormalizeEdit[] = []
      let m: RegExpExecArray | null
      while ((m = pattern.exec(text)) !== null) {
        if (m[0].length === 0) {
          pattern.lastIndex++
          continue
        }
        const r = replace(m)
        if (r !== null && r !== m[0]) out.push({ start: m.index, end: m.index + m[0].length, text: r })
      }
      return out
    },
  }
}

/**
 * A stage that replaces single characters (code points) through a table, like obscenity's
 * `createSimpleTransformer`.
 *
 * @param name - stage name
 * @param table - character → replacement (may be `''` to delete, or longer than one unit)
 * @returns a stage
 * @example
 * ```ts
 * const dashes = createCharMapStage('dashes', { '–': '-', '—': '-' })
 * ```
 */
export function createCharMapStage(name: string, table: Readonly<Record<string, string>>): NormalizeStage {
  const keys = Object.keys(table)
  if (keys.length === 0) invalidOption('table', table, 'a non-empty table')
  const lookup = new Map<string, string>(Object.entries(table))
  const cls = keys.map((k) => [...k].map(escapeClassChar).join('')).join('')
  return createRegexStage(name, new RegExp(`[${cls}]`, 'gu'), (m) => lookup.get(m[0]) ?? null)
}

function escapeClassChar(c: string): string {
  return /[\\\]^-]/.test(c) ? `\\${c}` : c
}
