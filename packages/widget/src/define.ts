/**
 * Registers the Comment Shield custom elements. Import this module for its side effect; it is the only
 * module of the package that has one.
 *
 * @module
 */
import { CommentShield } from './comment-shield.ts'

if (!customElements.get('comment-shield')) customElements.define('comment-shield', CommentShield)

declare global {
  interface HTMLElementTagNameMap {
    'comment-shield': CommentShield
  }
}

export { CommentShield }
