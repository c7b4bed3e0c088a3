/**
 * Reading and editing the host's own text box: a `<textarea>`, an `<input>` or a contenteditable element.
 *
 * @module
 */

/** A text box `<comment-shield>` can guard. */
export type TextField = HTMLTextAreaElement | HTMLInputElement | HTMLElement

/** A replacement of `[start, end)` (UTF-16 offsets into the field's text) by `text`. */
export interface TextEdit {
  start: number
  end: number
  text: string
}

/**
 * Tells whether an element is a text box the widget can guard.
 *
 * @param el - any element or null
 * @returns true for a textarea, an input or a contenteditable element
 */
export function isTextField(el: Element | null): el is TextField {
  return (
    el instanceof HTMLTextAreaElement ||
    el instanceof HTMLInputElement ||
    (el instanceof HTMLElement && el.isContentEditable)
  )
}

/**
 * The text of a field. For contenteditable it is `textContent`, whose offsets map exactly onto text nodes
 * (so redaction can edit them in place).
 *
 * @param field - the text box
 * @returns its current text
 */
export function readText(field: TextField): string {
  if (field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement) return field.value
  return field.textContent ?? ''
}

/**
 * Applies edits to a field, last first so earlier offsets stay valid, then fires `input` so frameworks that
 * track the value (React, Vue) see the change. Only text is written: never HTML.
 *
 * @param field - the text box
 * @param edits - non-overlapping replacements
 */
export function applyEdits(field: TextField, edits: readonly TextEdit[]): void {
  const sorted = [...edits].sort((a, b) => b.start - a.start)
  if (field instanceof HTMLTextAreaElement || field instanceof HTMLInputElement) {
    // setRangeText keeps the rest of the value (and the browser's notion of the field) intact.
    for (const e of sorted) field.setRangeText(e.text, e.start, e.end, 'end')
  } else {
    for (const e of sorted) replaceInTextNodes(field, e)
  }
  field.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertReplacementText' }))
}

/** Replaces `[start, end)` of `root.textContent` across however many text nodes it spans. */
function replaceInTextNodes(root: HTMLElement, edit: TextEdit): void {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT)
  let offset = 0
  let written = false
  for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
    const length = node.data.length
    const from = Math.max(edit.start, offset)
    const to = Math.min(edit.end, offset + length)
    if (from < to || (from === to && edit.start === edit.end && from === offset)) {
      const replacement = written ? '' : edit.text
      node.data = node.data.slice(0, from - offset) + replacement + node.data.slice(to - offset)
      written = true
    }
    offset += length
    if (offset >= edit.end && written) break
  }
}
