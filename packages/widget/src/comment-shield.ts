/**
 * `<comment-shield>`: wraps a host page's own comment box, hints while the user types and warns before
 * personal information or abuse is posted.
 *
 * @module
 */
// The strings first: the bundle then places them (and core, which they import) before Lit, so gzip finds the
// Chinese text of the strings beside core's Chinese word lists (−0.24 kB min+gzip, docs/widget.md §9).
import { fill, localeOf, stringsFor } from './i18n.ts'
import type { WidgetLocale, WidgetStrings, WidgetStringsOverride } from './i18n.ts'
import { LitElement, css, html, nothing } from 'lit'
import type { CSSResultGroup, PropertyDeclarations, TemplateResult } from 'lit'
import { browserRecognizers, createAnalyzer, decideContent } from '@comment-shield/core'
import type { Analyzer, Decision, PiiFinding, RedactionLocale, Verdict } from '@comment-shield/core'
import { DecisionEvent } from './events.ts'
import type { DecisionChoice, DecisionSource } from './events.ts'
import { applyEdits, isTextField, readText } from './field.ts'
import type { TextEdit, TextField } from './field.ts'
import { excerpt, highlightsOf } from './spans.ts'
import { baseStyles, trapTab } from './styles.ts'
import { fetchCheck, ShieldHttpError } from './transport.ts'
import type { CheckResponse, CheckTransport } from './transport.ts'

/** Turns a verdict into a decision; default `decideContent(verdict, { onPii: 'warn' })`. */
export type Policy = (verdict: Verdict) => Decision

interface Pending {
  text: string
  decision: Decision
  verdict: Verdict
  source: DecisionSource
}

const ACTIONS = new Set(['allow', 'warn', 'redact', 'hold', 'reject'])

let lightAnalyzer: Analyzer | undefined

/**
 * The default analyser, built on first use: core's light browser preset (no libphonenumber-js, no large
 * gazetteers, no model weights), which keeps the bundle inside its 30 KB budget.
 */
function defaultAnalyzer(): Analyzer {
  return (lightAnalyzer ??= createAnalyzer({ recognizers: browserRecognizers }))
}

function isCheckResponse(value: unknown): value is CheckResponse {
  const v = value as Partial<CheckResponse> | null
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.decision === 'object' &&
    v.decision !== null &&
    ACTIONS.has(v.decision.action) &&
    Array.isArray(v.decision.categories) &&
    typeof v.verdict === 'object' &&
    v.verdict !== null &&
    Array.isArray(v.verdict.pii)
  )
}

function listFormat(locale: WidgetLocale, items: string[]): string {
  try {
    return new Intl.ListFormat(locale, { style: 'narrow', type: 'unit' }).format(items)
  } catch {
    return items.join(locale === 'en' ? ', ' : '、')
  }
}

/**
 * Guards an existing `<textarea>`, `<input>` or contenteditable element (slotted, or named with `for="id"`)
 * without replacing the host's form or its submit handlers.
 *
 * While the user types it analyses the text locally (debounced, never on the keystroke itself) and shows a
 * discreet hint. On submit, when the decision is `warn`, `redact`, `hold` or `reject`, it stops the submission
 * before the host's handlers see it and opens an alertdialog that names what was found, highlights it, and
 * offers **Edit**, **Remove personal information** (redacts the text box in one click) and **Post anyway**
 * (not for `reject`). With `check-url` (or `onCheck`), the server's `/check` decision is authoritative; if the
 * server cannot be reached the local decision stands, and the server still enforces when the comment arrives.
 * Without JavaScript the form posts as usual.
 *
 * @fires comment-shield:decision - {@link DecisionEvent} when a submission was checked, and when the user
 *   answered the dialog
 * @slot - the host's text field
 * @csspart hint - the inline hint under the field
 * @csspart dialog - the warning dialog
 * @csspart title - the dialog's heading
 * @csspart findings - the list of plain-language explanations
 * @csspart excerpt - the excerpt of the comment with highlighted spans
 * @csspart mark - a highlighted span
 * @csspart button - every dialog button (also `edit`, `remove-pii`, `post-anyway`)
 * @cssprop --cs-fg, --cs-bg, --cs-muted, --cs-accent, --cs-on-accent, --cs-warn, --cs-mark, --cs-on-mark,
 *   --cs-border, --cs-focus, --cs-radius, --cs-font - theme tokens (see docs/widget.md)
 */
export class CommentShield extends LitElement {
  static override properties: PropertyDeclarations = {
    for: { type: String },
    lang: { type: String, reflect: true },
    theme: { type: String, reflect: true },
    checkUrl: { type: String, attribute: 'check-url' },
    targetId: { type: String, attribute: 'target-id' },
    authorId: { type: String, attribute: 'author-id' },
    debounce: { type: Number },
    checkTimeout: { type: Number, attribute: 'check-timeout' },
    strings: { attribute: false },
    analyzer: { attribute: false },
    policy: { attribute: false },
    onCheck: { attribute: false },
    _hint: { state: true },
    _pending: { state: true },
    _checking: { state: true },
  }

  // `.hint`: its line is always reserved, so showing it never moves the host page (no layout shift). (A TS
  // comment, not a CSS one: comments inside the template would ship in the bundle.)
  static override styles: CSSResultGroup = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .hint {
        min-height: var(--cs-hint-min-height, 1.5em);
        margin-top: 0.25rem;
        font-size: 0.875em;
        line-height: 1.5;
        color: var(--cs-hint-color, var(--_warn));
      }
      .excerpt {
        padding: 0.5rem 0.75rem;
        border-left: 3px solid var(--_accent);
        white-space: pre-wrap;
        overflow-wrap: anywhere;
      }
      .findings {
        margin: 0.5rem 0;
        padding-inline-start: 1.25rem;
      }
      .label {
        margin-bottom: 0.25rem;
        color: var(--_muted);
        font-size: 0.9em;
      }
    `,
  ]

  /** Id of the text field to guard, when it is not slotted. */
  declare for: string
  /** `light` or `dark` forces a theme; empty follows `prefers-color-scheme`. */
  declare theme: string
  /** URL of the server's `POST /check` (e.g. `/api/shield/check`); its decision is authoritative. */
  declare checkUrl: string
  /** Sent to `/check` as `targetId` (the article, thread or person commented on). */
  declare targetId: string
  /** Sent to `/check` as `authorId`. */
  declare authorId: string
  /** Milliseconds of quiet typing before the inline hint is updated. Default 250. */
  declare debounce: number
  /** Milliseconds to wait for `/check` before falling back to the local decision. Default 4000. */
  declare checkTimeout: number
  /** Overrides of the built-in strings. */
  declare strings: WidgetStringsOverride | undefined
  /**
   * The local analyser (analysis, and the redaction of "Remove personal information"). Default:
   * `createAnalyzer({ recognizers: browserRecognizers })`; pass `createAnalyzer({ recognizers: defaultRecognizers })`
   * for the full preset at the cost of bundle size.
   */
  declare analyzer: Analyzer
  /** The local policy. Default: `decideContent(verdict, { onPii: 'warn' })` (what `decide` does without context). */
  declare policy: Policy
  /** Host-supplied `/check` transport; takes precedence over `check-url`. */
  declare onCheck: CheckTransport | undefined
  declare _hint: Decision | undefined
  declare _pending: Pending | undefined
  declare _checking: boolean

  #bypass = false
  #busy = false
  #timer: ReturnType<typeof setTimeout> | undefined
  #choice: DecisionChoice = 'none'
  #resolve: ((proceed: boolean) => void) | undefined
  #onSubmit = (event: SubmitEvent): void => this.#handleSubmit(event)
  #onInput = (event: Event): void => {
    const field = this.field
    if (field && event.composedPath().includes(field)) this.#scheduleHint()
  }

  constructor() {
    super()
    this.for = ''
    this.theme = ''
    this.checkUrl = ''
    this.targetId = ''
    this.authorId = ''
    this.debounce = 250
    this.checkTimeout = 4000
    this.strings = undefined
    this.analyzer = defaultAnalyzer()
    this.policy = (verdict) => decideContent(verdict, { onPii: 'warn' })
    this.onCheck = undefined
    this._hint = undefined
    this._pending = undefined
    this._checking = false
  }

  /** The guarded text field, or null when none is found. */
  get field(): TextField | null {
    if (this.for) {
      const el = (this.getRootNode() as Document | ShadowRoot).getElementById?.(this.for) ?? null
      return isTextField(el) ? el : null
    }
    const el = this.querySelector('textarea, input, [contenteditable]')
    return isTextField(el) ? el : null
  }

  /** The locale the element speaks, from its own or an ancestor's `lang`. */
  get locale(): WidgetLocale {
    return localeOf(this)
  }

  override connectedCallback(): void {
    super.connectedCallback()
    // Capture on the document runs before the form's own submit listeners, so the host's handlers see the
    // submission only once it is allowed. Listening on the document also finds fields added later.
    this.ownerDocument.addEventListener('submit', this.#onSubmit, true)
    this.ownerDocument.addEventListener('input', this.#onInput, true)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.ownerDocument.removeEventListener('submit', this.#onSubmit, true)
    this.ownerDocument.removeEventListener('input', this.#onInput, true)
    clearTimeout(this.#timer)
  }

  /**
   * Checks the field's current text (server first when configured) and, if needed, asks the user.
   * For hosts that post without a `<form>` (e.g. a contenteditable and a fetch call).
   *
   * @returns true when the comment may be posted now
   * @example
   * ```ts
   * if (await shield.confirm()) await postComment(editor.textContent)
   * ```
   */
  async confirm(): Promise<boolean> {
    const field = this.field
    if (!field || this.#busy) return false
    this.#busy = true
    try {
      const pending = await this.#evaluate(readText(field))
      this.dispatchEvent(new DecisionEvent(pending.decision, pending.verdict, pending.source))
      if (pending.decision.action === 'allow') return true
      return await this.#ask(pending)
    } finally {
      this.#busy = false
    }
  }

  #local(text: string): Pending {
    const verdict = this.analyzer.analyze(text)
    return { text, verdict, decision: this.policy(verdict), source: 'local' }
  }

  #checkTransport(): CheckTransport | undefined {
    return this.onCheck ?? (this.checkUrl ? fetchCheck(this.checkUrl) : undefined)
  }

  async #evaluate(text: string): Promise<Pending> {
    const transport = this.#checkTransport()
    if (!transport) return this.#local(text)
    this._checking = true
    try {
      const response = await transport(
        {
          text,
          ...(this.targetId ? { targetId: this.targetId } : {}),
          ...(this.authorId ? { authorId: this.authorId } : {}),
          locale: this.locale,
        },
        AbortSignal.timeout(this.checkTimeout),
      )
      if (isCheckResponse(response)) return { text, ...response, source: 'server' }
      return this.#local(text)
    } catch (error) {
      const local = this.#local(text)
      if (error instanceof ShieldHttpError && error.status === 429) {
        // Rate-limited by the server: nothing may be posted until retry-after has passed.
        return {
          ...local,
          source: 'server',
          decision: {
            action: 'reject',
            reasons: ['rate_limited'],
            categories: [],
            userMessage: { 'zh-CN': '', en: '' },
            retryAfter: error.retryAfter ?? 60,
          },
        }
      }
      // Server unreachable or broken: the local decision stands; the server still enforces on post.
      return local
    } finally {
      this._checking = false
    }
  }

  #handleSubmit(event: SubmitEvent): void {
    const field = this.field
    const form = field && 'form' in field && field.form ? field.form : this.closest('form')
    if (!field || !form || event.target !== form) return
    if (this.#bypass) {
      this.#bypass = false
      return
    }
    const submitter = event.submitter
    const stop = (): void => {
      event.preventDefault()
      event.stopImmediatePropagation()
    }
    if (this.#busy) return stop()
    if (!this.#checkTransport()) {
      // Local only: decide synchronously so a clean comment goes through untouched (no re-submission).
      const pending = this.#local(readText(field))
      this.dispatchEvent(new DecisionEvent(pending.decision, pending.verdict, 'local'))
      if (pending.decision.action === 'allow') return
      stop()
      this.#busy = true
      void this.#ask(pending)
        .then((proceed) => proceed && this.#resubmit(form, submitter))
        .finally(() => (this.#busy = false))
      return
    }
    stop()
    void this.confirm().then((proceed) => proceed && this.#resubmit(form, submitter))
  }

  #resubmit(form: HTMLFormElement, submitter: HTMLElement | null): void {
    this.#bypass = true
    const valid =
      (submitter instanceof HTMLButtonElement || submitter instanceof HTMLInputElement) &&
      submitter.form === form
    form.requestSubmit(valid ? submitter : null)
    // requestSubmit does not fire `submit` when validation fails; do not leave the bypass armed.
    this.#bypass = false
  }

  #ask(pending: Pending): Promise<boolean> {
    this.#choice = 'none'
    this._pending = pending
    return new Promise<boolean>((resolve) => {
      this.#resolve = resolve
      void this.updateComplete.then(() => {
        const dialog = this.#dialog
        if (dialog && !dialog.open) dialog.showModal()
      })
    })
  }

  #finish(choice: DecisionChoice, proceed: boolean): void {
    const pending = this._pending
    this.#choice = choice
    if (pending)
      this.dispatchEvent(new DecisionEvent(pending.decision, pending.verdict, pending.source, choice))
    this.#resolve?.(proceed)
    this.#resolve = undefined
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog')
  }

  #scheduleHint(): void {
    clearTimeout(this.#timer)
    // Analysis runs after the user pauses, never inside the input event: no keystroke lag on long comments.
    this.#timer = setTimeout(() => this.#updateHint(), this.debounce)
  }

  #updateHint(): void {
    const field = this.field
    const text = field ? readText(field) : ''
    const decision = text.trim() ? this.#local(text).decision : undefined
    this._hint = decision && decision.action !== 'allow' ? decision : undefined
  }

  #edit(): void {
    this.#finish('edit', false)
    this.#dialog?.close()
  }

  #removePii(): void {
    const pending = this._pending
    const field = this.field
    if (pending && field) {
      const current = readText(field)
      // The server's spans refer to the text it was sent; re-detect locally if the text has changed since.
      const findings = current === pending.text ? pending.verdict.pii : this.analyzer.detectPii(current)
      applyEdits(field, this.#redactions(current, findings))
    }
    this.#finish('remove-pii', false)
    this.#dialog?.close()
    this.#updateHint()
  }

  #redactions(text: string, findings: readonly PiiFinding[]): TextEdit[] {
    const locale: RedactionLocale = this.locale
    return findings
      .filter((f) => f.start >= 0 && f.end <= text.length && f.end > f.start)
      .map((f) => {
        const value = text.slice(f.start, f.end)
        const one: PiiFinding = { ...f, start: 0, end: value.length, text: value }
        // Labels ("[phone]") rather than masks: the user asked to remove the information, not to shorten it.
        const replaced = this.analyzer.redact(value, {
          findings: [one],
          locale,
          operators: { [f.type]: 'label', default: 'label' },
        })
        return { start: f.start, end: f.end, text: replaced.text }
      })
  }

  #postAnyway(): void {
    this.#finish('post-anyway', true)
    this.#dialog?.close()
  }

  #onCancel(): void {
    // Esc (or the browser's close request) means "not now": keep the text for editing.
    this.#finish('dismiss', false)
  }

  #onClose(): void {
    if (this.#resolve) this.#finish('dismiss', false)
    this._pending = undefined
    if (this.#choice !== 'post-anyway') this.field?.focus()
  }

  #onKeydown(event: KeyboardEvent): void {
    const dialog = this.#dialog
    if (dialog) trapTab(event, dialog)
  }

  #renderDialogBody(t: WidgetStrings, pending: Pending): TemplateResult {
    const { decision, verdict, text } = pending
    const action = decision.action === 'allow' ? 'warn' : decision.action
    const highlights = highlightsOf(verdict, text.length)
    const categories = [...new Set([...decision.categories, ...highlights.map((h) => h.category)])]
    const piiTypes = new Set<string>(verdict.pii.map((f) => f.type))
    const help = categories
      .map(
        (c) => t.categoryHelp[c] ?? (piiTypes.has(c) ? fill(t.piiHelp, { name: t.categories[c] ?? c }) : ''),
      )
      .filter((s) => s)
    const locale = this.locale
    const hasPii = verdict.pii.length > 0 || decision.reasons.some((r) => r.startsWith('pii'))
    const hasAbuse = categories.some((c) => !piiTypes.has(c) && c in t.categoryHelp && c !== 'doxing')
    // Chinese sentences run on without a space; English ones take one.
    const intro = [
      decision.retryAfter ? fill(t.rateLimited, { seconds: decision.retryAfter }) : t.intro[action],
      hasPii ? t.piiConsequence : '',
      hasAbuse ? t.abuseConsequence : '',
    ]
      .filter((s) => s)
      .join(locale === 'en' ? ' ' : '')
    // Server holds without a content category (protection mode, a mute) still deserve a reason.
    const serverMessage = locale === 'zh-TW' ? '' : decision.userMessage?.[locale]
    if (!help.length && serverMessage) help.push(serverMessage)
    // Text and <mark> nodes only, built outside the template so no template whitespace lands in the
    // `white-space: pre-wrap` excerpt.
    const marked = excerpt(text, highlights).map((s) =>
      s.category ? html`<mark part="mark" data-category=${s.category}>${s.text}</mark>` : s.text,
    )
    const canPost = decision.action !== 'reject'
    return html`<h2 id="title" part="title">${t.dialogTitle}</h2>
      <p id="desc">${intro}</p>
      ${
        help.length
          ? html`<ul class="findings" part="findings">
              ${help.map((s) => html`<li>${s}</li>`)}
            </ul>`
          : nothing
      }
      ${
        marked.length
          ? html`<p class="label">${t.excerptLabel}</p>
              <p class="excerpt" part="excerpt">${marked}</p>`
          : nothing
      }
      <div class="actions">
        <button part="button edit" type="button" autofocus @click=${this.#edit}>${t.edit}</button>
        ${
          verdict.pii.length
            ? html`<button part="button remove-pii" type="button" @click=${this.#removePii}>
                ${t.removePii}
              </button>`
            : nothing
        }
        ${
          canPost
            ? html`<button part="button post-anyway" type="button" @click=${this.#postAnyway}>
                ${decision.action === 'hold' ? t.postForReview : t.postAnyway}
              </button>`
            : nothing
        }
      </div>`
  }

  override render(): TemplateResult {
    const t = stringsFor(this.locale, this.strings)
    const hint = this._hint
    const hintText = this._checking
      ? t.checking
      : hint
        ? fill(t.hint, {
            categories: listFormat(
              this.locale,
              hint.categories.map((c) => t.categories[c] ?? c),
            ),
          })
        : ''
    return html`<slot></slot>
      <div class="hint" part="hint" role="status">${hintText}</div>
      <dialog
        part="dialog"
        role="alertdialog"
        aria-modal="true"
        aria-labelledby="title"
        aria-describedby="desc"
        @cancel=${this.#onCancel}
        @close=${this.#onClose}
        @keydown=${this.#onKeydown}
      >
        ${this._pending ? this.#renderDialogBody(t, this._pending) : nothing}
      </dialog>`
  }
}
