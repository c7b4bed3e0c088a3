/**
 * Registers the Comment Shield custom elements: `<comment-shield>`, `<comment-shield-report>` and
 * `<comment-shield-banner>`. Import this module for its side effect; it is the only module of the package
 * that has one. The single-file bundle `dist/comment-shield.js` is this module with everything inlined.
 *
 * @module
 * @example
 * ```html
 * <script type="module" src="/comment-shield.js"></script>
 * ```
 */
import { CommentShield } from './comment-shield.ts'
import { CommentShieldBanner } from './protection-banner.ts'
import { CommentShieldReport } from './report-button.ts'
import { DecisionEvent, ReportEvent } from './events.ts'

if (!customElements.get('comment-shield')) customElements.define('comment-shield', CommentShield)
if (!customElements.get('comment-shield-report'))
  customElements.define('comment-shield-report', CommentShieldReport)
if (!customElements.get('comment-shield-banner'))
  customElements.define('comment-shield-banner', CommentShieldBanner)

declare global {
  interface HTMLElementTagNameMap {
    'comment-shield': CommentShield
    'comment-shield-report': CommentShieldReport
    'comment-shield-banner': CommentShieldBanner
  }
}

// Re-exported so a page that loads only the bundle can still reach the classes (e.g. for `instanceof`).
export { CommentShield, CommentShieldBanner, CommentShieldReport, DecisionEvent, ReportEvent }
