/**
 * `@comment-shield/widget`: web components for any comment box. Importing this module registers nothing;
 * import `@comment-shield/widget/define` (or load the single-file bundle) to register the elements.
 *
 * @module
 */

// Elements
export { CommentShield } from './comment-shield.ts'

// Events
export { DecisionEvent } from './events.ts'

// i18n
export { resolveLocale, STRINGS } from './i18n.ts'
export type { WidgetLocale, WidgetStrings } from './i18n.ts'
