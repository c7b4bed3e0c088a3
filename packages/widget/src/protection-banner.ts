/**
 * `<comment-shield-banner>`: tells readers that a thread is under unusual attention or in protection mode.
 *
 * @module
 */
import { LitElement, css, html } from 'lit'
import type { CSSResultGroup, PropertyDeclarations, PropertyValues, TemplateResult } from 'lit'
import { localeOf, stringsFor } from './i18n.ts'
import type { WidgetLocale, WidgetStringsOverride } from './i18n.ts'
import { baseStyles } from './styles.ts'
import { fetchProtection } from './transport.ts'
import type { ProtectionState, ProtectionTransport } from './transport.ts'

const LEVELS = new Set(['calm', 'elevated', 'pile_on'])

/**
 * Shows the target's protection-mode or pile-on state, read from the server
 * (`GET {endpoint}/targets/:id/protection`) or from the host's `onProtection`. A server-rendered page can
 * instead set `level` and `active` itself, so the banner appears without a request (and without a shift).
 * When the thread is calm it renders nothing and takes no space.
 *
 * @csspart banner - the message box
 */
export class CommentShieldBanner extends LitElement {
  static override properties: PropertyDeclarations = {
    targetId: { type: String, attribute: 'target-id' },
    endpoint: { type: String },
    level: { type: String, reflect: true },
    active: { type: Boolean, reflect: true },
    lang: { type: String, reflect: true },
    theme: { type: String, reflect: true },
    strings: { attribute: false },
    onProtection: { attribute: false },
  }

  static override styles: CSSResultGroup = [
    baseStyles,
    css`
      :host {
        display: block;
      }
      .banner {
        padding: 0.6rem 0.9rem;
        border: 1px solid var(--_border);
        border-inline-start: 4px solid var(--_accent);
        border-radius: var(--_radius);
        background: var(--_bg);
        color: var(--_fg);
        line-height: 1.5;
      }
    `,
  ]

  /** The target (article, thread or person) whose state is shown. */
  declare targetId: string
  /** The API base path, e.g. `/api/shield`. */
  declare endpoint: string
  /** `calm`, `elevated` or `pile_on`. */
  declare level: string
  /** Protection mode is on (comments from new accounts are held). */
  declare active: boolean
  /** `light` or `dark` forces a theme; empty follows `prefers-color-scheme`. */
  declare theme: string
  /** Overrides of the built-in strings. */
  declare strings: WidgetStringsOverride | undefined
  /** Host-supplied transport; takes precedence over `endpoint`. */
  declare onProtection: ProtectionTransport | undefined

  #abort: AbortController | undefined

  constructor() {
    super()
    this.targetId = ''
    this.endpoint = ''
    this.level = 'calm'
    this.active = false
    this.theme = ''
    this.strings = undefined
    this.onProtection = undefined
  }

  /** The locale the element speaks, from its own or an ancestor's `lang`. */
  get locale(): WidgetLocale {
    return localeOf(this)
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback()
    this.#abort?.abort()
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('targetId') || changed.has('endpoint') || changed.has('onProtection')) void this.refresh()
  }

  /**
   * Reads the state again from the server. Failures keep the last known state.
   *
   * @returns the state read, or undefined when there is no transport or the request failed
   */
  async refresh(): Promise<ProtectionState | undefined> {
    const transport = this.onProtection ?? (this.endpoint ? fetchProtection(this.endpoint) : undefined)
    if (!transport || !this.targetId) return undefined
    this.#abort?.abort()
    const abort = new AbortController()
    this.#abort = abort
    try {
      const state = await transport(this.targetId, abort.signal)
      if (abort.signal.aborted || !LEVELS.has(state?.level)) return undefined
      this.level = state.level
      this.active = state.protection?.active === true
      return state
    } catch {
      // Offline or the endpoint is missing: a banner is advisory, so say nothing rather than an error.
      return undefined
    }
  }

  override render(): TemplateResult {
    const t = stringsFor(this.locale, this.strings)
    const message = this.active
      ? t.protectionActive
      : this.level === 'pile_on'
        ? t.pileOn
        : this.level === 'elevated'
          ? t.elevated
          : ''
    return html`<div class="banner" part="banner" role="status" ?hidden=${!message}>${message}</div>`
  }
}
