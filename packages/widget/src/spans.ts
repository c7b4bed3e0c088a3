/**
 * Turns a comment and the spans a verdict flagged into a short excerpt of plain-text segments, some
 * highlighted. The dialog renders segments with Lit text bindings, so user text never becomes HTML.
 *
 * @module
 */
import type { Verdict } from '@comment-shield/core'

/** A flagged span: half-open `[start, end)` UTF-16 offsets into the comment. */
export interface Highlight {
  start: number
  end: number
  /** PII type or abuse category. */
  category: string
}

/** A piece of the excerpt; highlighted when `category` is set. */
export interface Segment {
  text: string
  category?: string
}

/** Options of {@link excerpt}. */
export interface ExcerptOptions {
  /** Characters of context kept on each side of a highlight. Default 30. */
  context?: number
  /** Most highlights shown. Default 8. */
  maxHighlights?: number
}

/**
 * The spans of a verdict (PII findings and abuse spans) that lie inside `text`, sorted, overlaps merged.
 *
 * @param verdict - from `analyze` or the server's `/check`
 * @param length - length of the text the spans refer to
 * @returns non-overlapping highlights
 */
export function highlightsOf(verdict: Verdict, length: number): Highlight[] {
  const all: Highlight[] = [
    ...verdict.pii.map((f) => ({ start: f.start, end: f.end, category: f.type })),
    ...(verdict.abuse?.spans ?? []).map((s) => ({
      start: s.start,
      end: s.end,
      category: s.category,
    })),
  ]
  const valid = all
    .filter((h) => Number.isInteger(h.start) && Number.isInteger(h.end) && h.start >= 0 && h.end <= length)
    .filter((h) => h.end > h.start)
    .sort((a, b) => a.start - b.start || b.end - a.end)
  const out: Highlight[] = []
  for (const h of valid) {
    const last = out[out.length - 1]
    if (last && h.start < last.end) last.end = Math.max(last.end, h.end)
    else out.push({ ...h })
  }
  return out
}

/** Moves an offset off the low half of a surrogate pair (outwards by `dir`) so an excerpt never splits a character. */
function snap(text: string, i: number, dir: -1 | 1): number {
  const c = text.charCodeAt(i)
  return c >= 0xdc00 && c <= 0xdfff && i > 0 ? i + dir : i
}

/**
 * Builds the excerpt: each highlight with some context, windows merged, gaps shown as `…`.
 *
 * @param text - the comment
 * @param highlights - from {@link highlightsOf}
 * @param options - context width, highlight cap
 * @returns segments whose concatenation is the excerpt
 * @example
 * ```ts
 * excerpt('call 13800138000 now', [{ start: 5, end: 16, category: 'phone' }], { context: 2 })
 * // [{ text: '…l ' }, { text: '13800138000', category: 'phone' }, { text: ' n…' }]
 * ```
 */
export function excerpt(
  text: string,
  highlights: readonly Highlight[],
  options: ExcerptOptions = {},
): Segment[] {
  const context = options.context ?? 30
  const shown = highlights.slice(0, options.maxHighlights ?? 8)
  const windows: { start: number; end: number; items: Highlight[] }[] = []
  for (const h of shown) {
    const start = snap(text, Math.max(0, h.start - context), -1)
    const end = snap(text, Math.min(text.length, h.end + context), 1)
    const last = windows[windows.length - 1]
    if (last && start <= last.end) {
      last.end = Math.max(last.end, end)
      last.items.push(h)
    } else windows.push({ start, end, items: [h] })
  }
  const out: Segment[] = []
  const push = (s: string, category?: string): void => {
    if (!s) return
    const last = out[out.length - 1]
    if (!category && last && !last.category) last.text += s
    else out.push(category ? { text: s, category } : { text: s })
  }
  windows.forEach((w, i) => {
    if (w.start > 0) push(i === 0 ? '…' : ' … ')
    let cursor = w.start
    for (const h of w.items) {
      push(text.slice(cursor, h.start))
      push(text.slice(h.start, h.end), h.category)
      cursor = h.end
    }
    push(text.slice(cursor, w.end))
    if (i === windows.length - 1 && w.end < text.length) push('…')
  })
  return out
}
