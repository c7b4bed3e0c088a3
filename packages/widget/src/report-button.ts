/**
 * `<comment-shield-report>`: a quick-report button for one existing comment.
 *
 * @module
 */
import { LitElement, css, html } from 'lit'
import type { CSSResultGroup, PropertyDeclarations, TemplateResult } from 'lit'
import { ReportEvent } from './events.ts'
import type { ReportStatus } from './events.ts'
import { fill, localeOf, REPORT_REASONS, stringsFor } from './i18n.ts'
import type { ReportReason, WidgetLocale, WidgetStringsOverride } from './i18n.ts'
import { sharedReportQueue } from './report-queue.ts'
import type { ReportQueue } from './report-queue.ts'
import { baseStyles, trapTab } from './styles.ts'
import { fetchReport, ShieldHttpError } from './transport.ts'
import type { ReportPayload, ReportReceipt, ReportTransport } from './transport.ts'

type Phase = 'idle' | 'sending' | ReportStatus

/** Longest retry timer; the `online` event and the next page load retry sooner. */
const MAX_TIMER = 5 * 60_000
const NOTE_MAX = 1000

function isReceipt(value: unknown): value is ReportReceipt {
  const v = value as Partial<ReportReceipt> | null
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.id === 'string' &&
    (v.status === 'received' || v.status === 'duplicate')
  )
}

/**
 * A quick-report button for one comment. One click opens the reason picker (doxing, threat, threat to my
 * family, insult, sexual harassment, incitement, pile-on, spam / water army, other) with an optional note; the
 * report carries the evidence (comment id, text as shown, author, page URL, time) to `endpoint`
 * (`POST {base}/reports`) or to the host's `onReport`. When the network or server fails it is saved in a
 * bounded `localStorage` queue and retried (back-off, the `online` event, the next page load); the reader
 * gets the server's reference id as confirmation.
 *
 * @fires comment-shield:report - {@link ReportEvent} when a report was received, was a duplicate, was queued
 *   for retry, or was refused
 * @csspart button - the report button (also `trigger`)
 * @csspart dialog - the reason picker dialog
 * @csspart title - the dialog heading
 * @csspart reasons - the fieldset of reasons
 * @csspart reason - one reason's label
 * @csspart note - the optional note
 * @csspart status - the confirmation or queued message
 * @csspart error - the validation or failure message
 * @csspart action - the dialog's buttons (also `send`, `cancel`, `close`)
 */
export class CommentShieldReport extends LitElement {
  static override properties: PropertyDeclarations = {
    commentId: { type: String, attribute: 'comment-id' },
    author: { type: String },
    targetId: { type: String, attribute: 'target-id' },
    endpoint: { type: String },
    text: { type: String },
    reporterId: { type: String, attribute: 'reporter-id' },
    lang: { type: String, reflect: true },
    theme: { type: String, reflect: true },
    strings: { attribute: false },
    onReport: { attribute: false },
    queue: { attribute: false },
    now: { attribute: false },
    _phase: { state: true },
    _referenceId: { state: true },
    _error: { state: true },
  }

  static override styles: CSSResultGroup = [
    baseStyles,
    css`
      :host {
        display: inline-block;
      }
      .trigger {
        padding: 0.15rem 0.6rem;
        font-size: 0.875em;
        color: var(--_muted);
      }
      fieldset {
        margin: 0.5rem 0;
        padding: 0.5rem 0.75rem;
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
      }
      legend {
        padding: 0 0.25rem;
        font-weight: 600;
      }
      fieldset label {
        display: flex;
        gap: 0.5rem;
        align-items: baseline;
        padding: 0.2rem 0;
        cursor: pointer;
      }
      .note-label {
        display: block;
        margin-top: 0.75rem;
      }
      textarea {
        box-sizing: border-box;
        width: 100%;
        min-height: 4rem;
        margin-top: 0.25rem;
        font: inherit;
        color: var(--_fg);
        background: var(--_bg);
        border: 1px solid var(--_border);
        border-radius: var(--_radius);
        padding: 0.4rem;
      }
      .error {
        min-height: 1.5em;
        margin: 0.25rem 0 0;
        color: var(--_accent);
      }
      .status {
        overflow-wrap: anywhere;
      }
    `,
  ]

  /** The id of the reported comment. */
  declare commentId: string
  /** The comment's author as shown. */
  declare author: string
  /** The target (article, thread or person) the comment is about. */
  declare targetId: string
  /** The reports URL, e.g. `/api/shield/reports`. */
  declare endpoint: string
  /** The comment's text as shown to the reader. */
  declare text: string
  /** The reader's id, when the site knows it. */
  declare reporterId: string
  /** `light` or `dark` forces a theme; empty follows `prefers-color-scheme`. */
  declare theme: string
  /** Overrides of the built-in strings. */
  declare strings: WidgetStringsOverride | undefined
  /** Host-supplied transport; takes precedence over `endpoint`. */
  declare onReport: ReportTransport | undefined
  /** The offline queue. Default: the page-wide queue in `localStorage`. */
  declare queue: ReportQueue
  /** Clock for the report's `at`. Default `Date.now`. */
  declare now: () => number
  declare _phase: Phase
  declare _referenceId: string
  declare _error: string

  #timer: ReturnType<typeof setTimeout> | undefined
  #flushing = false
  #onOnline = (): void => void this.flush(true)
  #onReportEvent = (event: ReportEvent): void => {
    // A queued report of this comment was delivered by any element on the page (maybe after a reload).
    const { report, status } = event
    if (report.commentId !== this.commentId || (status !== 'received' && status !== 'duplicate')) return
    if (this._phase === 'queued' || this._phase === 'idle') {
      this._phase = status
      this._referenceId = event.referenceId ?? ''
    }
  }

  constructor() {
    super()
    this.commentId = ''
    this.author = ''
    this.targetId = ''
    this.endpoint = ''
    this.text = ''
    this.reporterId = ''
    this.theme = ''
    this.strings = undefined
    this.onReport = undefined
    this.queue = sharedReportQueue()
    this.now = Date.now
    this._phase = 'idle'
    this._referenceId = ''
    this._error = ''
  }

  /** The locale the element speaks, from its own or an ancestor's `lang`. */
  get locale(): WidgetLocale {
    return localeOf(this)
  }

  override connectedCallback(): void {
    super.connectedCallback()
    this.ownerDocument.defaultView?.addEventListener('online', this.#onOnline)
    this.ownerDocument.addEventListener(ReportEvent.eventName, this.#onReportEvent)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.ownerDocument.defaultView?.removeEventListener('online', this.#onOnline)
    this.ownerDocument.removeEventListener(ReportEvent.eventName, this.#onReportEvent)
    clearTimeout(this.#timer)
  }

  protected override firstUpdated(): void {
    // Reports saved on an earlier visit go out as soon as a report button for the same endpoint loads.
    void this.flush(true)
  }

  get #queueKey(): string {
    return this.onReport ? '' : this.endpoint
  }

  #transport(): ReportTransport | undefined {
    return this.onReport ?? (this.endpoint ? fetchReport(this.endpoint) : undefined)
  }

  /** Opens the reason picker. */
  open(): void {
    if (this._phase === 'failed') this._phase = 'idle'
    this._error = ''
    void this.updateComplete.then(() => {
      const dialog = this.#dialog
      if (dialog && !dialog.open) dialog.showModal()
    })
  }

  /**
   * Sends a report for this comment now (as the picker's Send button does).
   *
   * @param reason - why
   * @param note - optional words from the reader
   * @returns how far the report got
   */
  async send(reason: ReportReason, note = ''): Promise<ReportStatus> {
    const report: ReportPayload = {
      commentId: this.commentId,
      reason,
      text: this.text,
      url: this.ownerDocument.location?.href ?? '',
      at: new Date(this.now()).toISOString(),
      ...(this.author ? { author: this.author } : {}),
      ...(this.targetId ? { targetId: this.targetId } : {}),
      ...(note.trim() ? { note: note.trim().slice(0, NOTE_MAX) } : {}),
      ...(this.reporterId ? { reporterId: this.reporterId } : {}),
    }
    const transport = this.#transport()
    this._phase = 'sending'
    if (!transport) return this.#settle(report, 'failed', undefined, 'No reports endpoint is configured.')
    try {
      const receipt = await transport(report)
      if (!isReceipt(receipt)) throw new ShieldHttpError(0, 'The server answered without a reference id.')
      return this.#settle(report, receipt.status, receipt.id)
    } catch (error) {
      if (error instanceof ShieldHttpError && !error.retryable) {
        return this.#settle(report, 'failed', undefined, error.detail ?? error.message)
      }
      this.queue.add(this.#queueKey, report)
      this.#schedule()
      return this.#settle(report, 'queued')
    }
  }

  /**
   * Retries queued reports for this element's endpoint.
   *
   * @param force - retry now even when their back-off has not passed (e.g. the browser came back online)
   */
  async flush(force = false): Promise<void> {
    const transport = this.#transport()
    if (!transport || this.#flushing) return
    this.#flushing = true
    try {
      for (const entry of this.queue.take(this.#queueKey, force)) {
        try {
          const receipt = await transport(entry.report)
          if (!isReceipt(receipt)) throw new ShieldHttpError(0, 'The server answered without a reference id.')
          this.queue.remove(entry.key)
          this.dispatchEvent(new ReportEvent(entry.report, receipt.status, receipt.id))
        } catch (error) {
          if (error instanceof ShieldHttpError && !error.retryable) {
            this.queue.remove(entry.key)
            this.dispatchEvent(new ReportEvent(entry.report, 'failed'))
          } else {
            const seconds = error instanceof ShieldHttpError ? error.retryAfter : undefined
            this.queue.release(entry.key, seconds === undefined ? undefined : seconds * 1000)
          }
        }
      }
    } finally {
      this.#flushing = false
      this.#schedule()
    }
  }

  #schedule(): void {
    clearTimeout(this.#timer)
    const wait = this.queue.wait(this.#queueKey)
    if (wait === undefined || !this.isConnected) return
    this.#timer = setTimeout(() => void this.flush(false), Math.min(MAX_TIMER, wait))
  }

  #settle(report: ReportPayload, status: ReportStatus, id?: string, error?: string): ReportStatus {
    this._phase = status
    this._referenceId = id ?? ''
    this._error = error ?? ''
    this.dispatchEvent(new ReportEvent(report, status, id))
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>('[data-focus]')?.focus())
    return status
  }

  get #dialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector('dialog')
  }

  #onSubmit(event: SubmitEvent): void {
    event.preventDefault()
    const form = event.currentTarget as HTMLFormElement
    const data = new FormData(form)
    const reason = data.get('reason')
    if (typeof reason !== 'string' || !(REPORT_REASONS as readonly string[]).includes(reason)) {
      this._error = stringsFor(this.locale, this.strings).chooseReason
      form.querySelector<HTMLInputElement>('input[type=radio]')?.focus()
      return
    }
    const note = data.get('note')
    void this.send(reason as ReportReason, typeof note === 'string' ? note : '')
  }

  #close(): void {
    this.#dialog?.close()
  }

  #onClose(): void {
    if (this._phase === 'failed') this._phase = 'idle'
    this.renderRoot.querySelector<HTMLButtonElement>('.trigger')?.focus()
  }

  #onKeydown(event: KeyboardEvent): void {
    const dialog = this.#dialog
    if (dialog) trapTab(event, dialog)
  }

  #renderPicker(): TemplateResult {
    const t = stringsFor(this.locale, this.strings)
    const sending = this._phase === 'sending'
    const error = this._phase === 'failed' ? fill(t.failed, { detail: this._error }) : this._error
    return html`<form @submit=${this.#onSubmit} novalidate>
      <fieldset part="reasons" ?disabled=${sending}>
        <legend>${t.reasonLegend}</legend>
        ${REPORT_REASONS.map(
          (r, i) =>
            html`<label part="reason"
              ><input type="radio" name="reason" value=${r} ?autofocus=${i === 0} />${t.reasons[r]}</label
            >`,
        )}
      </fieldset>
      <label class="note-label" for="note">${t.noteLabel}</label>
      <textarea id="note" name="note" part="note" maxlength=${NOTE_MAX} ?disabled=${sending}></textarea>
      <p class="error" part="error" role="alert">${error}</p>
      <div class="actions">
        <button part="action cancel" type="button" @click=${this.#close}>${t.cancel}</button>
        <button part="action send" class="primary" type="submit" ?disabled=${sending}>
          ${sending ? t.sending : t.send}
        </button>
      </div>
    </form>`
  }

  #renderStatus(): TemplateResult {
    const t = stringsFor(this.locale, this.strings)
    const message =
      this._phase === 'received'
        ? fill(t.received, { id: this._referenceId })
        : this._phase === 'duplicate'
          ? fill(t.duplicate, { id: this._referenceId })
          : t.queued
    return html`<p class="status" part="status" role="status">${message}</p>
      <div class="actions">
        <button part="action close" class="primary" type="button" data-focus @click=${this.#close}>
          ${t.close}
        </button>
      </div>`
  }

  override render(): TemplateResult {
    const t = stringsFor(this.locale, this.strings)
    const done = this._phase === 'received' || this._phase === 'duplicate'
    const showStatus = done || this._phase === 'queued'
    return html`<button
        class="trigger"
        part="button trigger"
        type="button"
        aria-haspopup="dialog"
        @click=${() => this.open()}
      >
        ${done || this._phase === 'queued' ? t.reportedButton : t.reportButton}
      </button>
      <dialog part="dialog" aria-labelledby="title" @close=${this.#onClose} @keydown=${this.#onKeydown}>
        <h2 id="title" part="title">${t.reportTitle}</h2>
        ${showStatus ? this.#renderStatus() : this.#renderPicker()}
      </dialog>`
  }
}
