/**
 * `<comment-shield>`: wraps a host page's own comment box and warns before personal information is posted.
 *
 * @module
 */
import { LitElement, css, html, nothing } from 'lit'
import type { CSSResultGroup, PropertyDeclarations, TemplateResult } from 'lit'
import { analyze, decide } from '@comment-shield/core'
import type { Decision, Verdict } from '@comment-shield/core'
import { DecisionEvent } from './events.ts'
import { resolveLocale, STRINGS } from './i18n.ts'
import type { WidgetStrings } from './i18n.ts'

type TextField = HTMLTextAreaElement | HTMLInputElement

/**
 * Wraps an existing `<textarea>` or `<input>` (slotted, or named with `for="id"`) inside the host's own
 * `<form>`. On submit, if the text contains personal information, it stops the submission and opens a
 * warning dialog with "Edit" and "Post anyway". It never replaces the form or its submit handlers.
 *
 * @fires comment-shield:decision - {@link DecisionEvent} when a submission was checked
 * @slot - the host's text field
 * @csspart dialog - the warning dialog
 * @csspart button - the dialog's buttons
 */
export class CommentShield extends LitElement {
  static override properties: PropertyDeclarations = {
    for: { type: String },
    lang: { type: String },
    strings: { attribute: false },
    _verdict: { state: true },
  }

  static override styles: CSSResultGroup = css`
    :host {
      display: block;
      --cs-accent: #b3261e;
      --cs-bg: #fff;
      --cs-fg: #1d1b20;
    }
    @media (prefers-color-scheme: dark) {
      :host {
        --cs-accent: #f2b8b5;
        --cs-bg: #2b2930;
        --cs-fg: #e6e0e9;
      }
    }
    dialog {
      max-width: min(32rem, 90vw);
      border: 1px solid var(--cs-accent);
      border-radius: 0.5rem;
      background: var(--cs-bg);
      color: var(--cs-fg);
      font: inherit;
    }
    h2 {
      margin: 0 0 0.5rem;
      font-size: 1.1rem;
    }
    .actions {
      display: flex;
      gap: 0.5rem;
      justify-content: flex-end;
      margin-top: 1rem;
    }
    mark {
      background: color-mix(in srgb, var(--cs-accent) 25%, transparent);
      color: inherit;
    }
  `

  /** Id of the text field to guard, when it is not slotted. */
  declare for: string
  /** Overrides of the built-in strings. */
  declare strings: Partial<WidgetStrings> | undefined
  declare _verdict: Verdict | undefined

  #form: HTMLFormElement | null = null
  #bypass = false
  #onSubmit = (event: SubmitEvent): void => this.#handleSubmit(event)

  constructor() {
    super()
    this.for = ''
    this.strings = undefined
    this._verdict = undefined
  }

  /** The guarded text field, or null when none is found. */
  get field(): TextField | null {
    if (this.for) {
      const el = (this.getRootNode() as Document | ShadowRoot).getElementById?.(this.for)
      return el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement ? el : null
    }
    return this.querySelector('textarea, input')
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.#form = this.field?.form ?? this.closest('form')
    // Capture on the document runs before the form's own submit listeners, so the host's handlers see
    // the submission only once the user has confirmed it.
    this.ownerDocument.addEventListener('submit', this.#onSubmit, true)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.ownerDocument.removeEventListener('submit', this.#onSubmit, true)
  }

  #handleSubmit(event: SubmitEvent): void {
    if (event.target !== this.#form || !this.#form) return
    if (this.#bypass) {
      this.#bypass = false
      return
    }
    const field = this.field
    if (!field) return
    const verdict = analyze(field.value)
    const decision: Decision = decide(verdict, { onPii: 'warn' })
    this.dispatchEvent(new DecisionEvent(decision, verdict))
    if (decision.action === 'allow') return
    event.preventDefault()
    event.stopImmediatePropagation()
    this._verdict = verdict
    void this.updateComplete.then(() => this.#dialog?.showModal())
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog')
  }

  #text(): WidgetStrings {
    const lang =
      this.lang || this.closest('[lang]')?.getAttribute('lang') || this.ownerDocument.documentElement.lang
    return { ...STRINGS[resolveLocale(lang)], ...this.strings }
  }

  #edit(): void {
    this.#dialog?.close()
  }

  #postAnyway(): void {
    this.#dialog?.close()
    this.#bypass = true
    this.#form?.requestSubmit()
  }

  #onClose(): void {
    this._verdict = undefined
    this.field?.focus()
  }

  override render(): TemplateResult {
    const t = this.#text()
    const verdict = this._verdict
    return html`<slot></slot>
      <dialog
        part="dialog"
        role="alertdialog"
        aria-labelledby="cs-title"
        aria-describedby="cs-desc"
        @close=${this.#onClose}
      >
        <h2 id="cs-title">${t.dialogTitle}</h2>
        <p id="cs-desc">${t.piiIntro}</p>
        ${
          verdict
            ? html`<ul>
                ${verdict.pii.map((f) => html`<li><mark>${f.text}</mark></li>`)}
              </ul>`
            : nothing
        }
        <div class="actions">
          <button part="button" type="button" autofocus @click=${this.#edit}>${t.edit}</button>
          <button part="button" type="button" @click=${this.#postAnyway}>${t.postAnyway}</button>
        </div>
      </dialog>`
  }
}
