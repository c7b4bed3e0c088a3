/**
 * Recognisers of the walking skeleton: e-mail addresses and Chinese mobile numbers.
 * The full, evasion-aware set (with normalisation) lives beside these.
 *
 * @module
 */
import type { PiiFinding, Recognizer } from './types.ts'

// Linear-time patterns: every quantifier is bounded or over a character class that cannot overlap
// its neighbour, so there is no catastrophic backtracking (see docs/pii.md, "Bad input").
const EMAIL = /[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\.[A-Za-z0-9-]{1,63}){0,8}\.[A-Za-z]{2,24}/g
// 1[3-9]x xxxx xxxx, optionally after +86 / 0086, not inside a longer digit run.
const CN_MOBILE = /(?<![0-9])(?:(?:\+|00)86[ -]?)?1[3-9][0-9](?:[ -]?[0-9]{4}){2}(?![0-9])/g

/**
 * Finds plain e-mail addresses.
 *
 * @returns a recogniser of type `email`
 * @example
 * ```ts
 * emailRecognizer().find('write to a@b.co') // [{ type: 'email', start: 9, end: 15, … }]
 * ```
 */
export function emailRecognizer(): Recognizer {
  return {
    name: 'email',
    types: ['email'],
    find(text) {
      const out: PiiFinding[] = []
      for (const m of text.matchAll(EMAIL)) {
        out.push({
          type: 'email',
          start: m.index,
          end: m.index + m[0].length,
          text: m[0],
          confidence: 0.95,
          evidence: 'format',
        })
      }
      return out
    },
  }
}

/**
 * Finds Chinese mobile numbers (`1[3-9]x xxxx xxxx`, with or without `+86`).
 *
 * @returns a recogniser of type `phone`
 */
export function cnMobileRecognizer(): Recognizer {
  return {
    name: 'cn-mobile',
    types: ['phone'],
    find(text) {
      const out: PiiFinding[] = []
      for (const m of text.matchAll(CN_MOBILE)) {
        out.push({
          type: 'phone',
          start: m.index,
          end: m.index + m[0].length,
          text: m[0],
          confidence: 0.9,
          evidence: 'format',
        })
      }
      return out
    },
  }
}
