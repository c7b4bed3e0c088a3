/**
 * Shared theme of the elements: public `--cs-*` custom properties with light and dark defaults, and the
 * dialog and button styles. Styles ship as constructable stylesheets (`adoptedStyleSheets`), which a
 * `Content-Security-Policy: default-src 'self'` allows; nothing needs `unsafe-inline`.
 *
 * **Theme order**: a host's `--cs-*` value wins; else `theme="dark"|"light"` on the element; else the user's
 * `prefers-color-scheme`.
 *
 * @module
 */
import { css } from 'lit'
import type { CSSResult } from 'lit'

// The dark defaults, written once: applied by the user's colour scheme unless theme="light", or by theme="dark".
const darkTokens = css`
  --_fg: var(--cs-fg, #e6e0e9);
  --_bg: var(--cs-bg, #2b2930);
  --_muted: var(--cs-muted, #cac4d0);
  --_accent: var(--cs-accent, #ffb4ab);
  --_on-accent: var(--cs-on-accent, #561e19);
  --_warn: var(--cs-warn, #ffcf8a);
  --_mark: var(--cs-mark, #7a5c00);
  --_on-mark: var(--cs-on-mark, #ffffff);
  --_border: var(--cs-border, #938f99);
  --_focus: var(--cs-focus, #a8c7fa);
`

/** Theme tokens and the dialog, button and mark styles every element uses. */
export const baseStyles: CSSResult = css`
  :host {
    --_fg: var(--cs-fg, #1d1b20);
    --_bg: var(--cs-bg, #ffffff);
    --_muted: var(--cs-muted, #49454f);
    --_accent: var(--cs-accent, #a8201a);
    --_on-accent: var(--cs-on-accent, #ffffff);
    --_warn: var(--cs-warn, #7a4b00);
    --_mark: var(--cs-mark, #ffe08a);
    --_on-mark: var(--cs-on-mark, #1d1b20);
    --_border: var(--cs-border, #79747e);
    --_focus: var(--cs-focus, #0b57d0);
    --_radius: var(--cs-radius, 0.5rem);
    --_font: var(--cs-font, inherit);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      ${darkTokens}
    }
  }
  :host([theme='dark']) {
    ${darkTokens}
  }
  [hidden] {
    display: none !important;
  }
  dialog {
    box-sizing: border-box;
    width: min(34rem, calc(100vw - 2rem));
    max-height: calc(100vh - 2rem);
    overflow: auto;
    padding: 1.25rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_bg);
    color: var(--_fg);
    font: var(--_font);
    font-family: var(--cs-font-family, inherit);
    line-height: 1.5;
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.45);
  }
  h2 {
    margin: 0 0 0.5rem;
    font-size: 1.15rem;
  }
  p {
    margin: 0.5rem 0;
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    justify-content: flex-end;
    margin-top: 1rem;
  }
  button {
    font: inherit;
    padding: 0.45rem 0.9rem;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_bg);
    color: var(--_fg);
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  button:disabled {
    cursor: default;
    opacity: 0.6;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  mark {
    background: var(--_mark);
    color: var(--_on-mark);
    border-radius: 0.2em;
    padding: 0 0.1em;
  }
`

/**
 * Keeps Tab and Shift+Tab inside a dialog. `showModal()` already makes the page inert, but focus can still
 * leave to the browser's own UI; WAI-ARIA APG (dialog modal pattern) asks for wrap-around instead.
 *
 * @param event - a keydown inside the dialog
 * @param dialog - the dialog
 */
export function trapTab(event: KeyboardEvent, dialog: HTMLDialogElement): void {
  if (event.key !== 'Tab') return
  const focusable = [
    ...dialog.querySelectorAll<HTMLElement>('button, input, textarea, select, a[href], [tabindex]'),
  ].filter((el) => !el.hasAttribute('disabled') && el.tabIndex >= 0 && el.getClientRects().length > 0)
  // Radio groups are one tab stop: only the checked radio (or the first) is reachable with Tab.
  const stops = focusable.filter(
    (el) =>
      !(el instanceof HTMLInputElement && el.type === 'radio') ||
      el.checked ||
      !focusable.some((o) => o instanceof HTMLInputElement && o.name === el.name && o.checked && o !== el),
  )
  const first = stops[0]
  const last = stops[stops.length - 1]
  if (!first || !last) return
  const active = (dialog.getRootNode() as ShadowRoot).activeElement
  if (event.shiftKey && (active === first || !dialog.contains(active))) {
    event.preventDefault()
    last.focus()
  } else if (!event.shiftKey && (active === last || !dialog.contains(active))) {
    event.preventDefault()
    first.focus()
  }
}
