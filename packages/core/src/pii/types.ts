/**
 * Types shared by every PII recogniser.
 *
 * @module
 */

/**
 * The kinds of personal information Comment Shield recognises. Stable names: they appear in verdicts,
 * redaction labels and the HTTP API.
 */
export type PiiType =
  | 'email'
  | 'phone'
  | 'cn_id'
  | 'bank_card'
  | 'credit_card'
  | 'us_ssn'
  | 'ip_address'
  | 'wechat'
  | 'qq'
  | 'address'
  | 'passport'
  | 'license_plate'
  | 'person_name'
  | 'school'
  | 'workplace'
  | 'family'

/** Why a finding was accepted: a checksum passed, the shape matched, or context words around it said so. */
export type PiiEvidence = 'checksum' | 'format' | 'context'

/**
 * One piece of personal information found in a text.
 *
 * Offsets are **half-open UTF-16 code unit offsets into the original text**, `[start, end)`, the
 * convention of `String.prototype.slice`: `text.slice(start, end) === finding.text`.
 */
export interface PiiFinding {
  type: PiiType
  /** Inclusive start offset (UTF-16 code units) in the original text. */
  start: number
  /** Exclusive end offset (UTF-16 code units) in the original text. */
  end: number
  /** The original characters, `text.slice(start, end)`. */
  text: string
  /** 0..1; context words raise it, format-only matches sit lower. */
  confidence: number
  evidence: PiiEvidence
}

/**
 * Which normalised view of the text `detectPii` hands a recogniser (offsets are mapped back to the original
 * either way):
 * - `folded`: invisibles removed, NFKC, enclosed digits, confusables, e-mail obfuscation (folding stages 1–5);
 * - `digits`: `folded` plus digit runs rebuilt from Chinese numerals, spelled-out digits and separators
 *   (stages 6–8). A `digits` recogniser also runs on the `folded` view when the two differ, so a number
 *   written plainly next to another number is still found.
 * - `raw`: the original text.
 */
export type RecognizerView = 'raw' | 'folded' | 'digits'

/** A recogniser: given the text, returns its findings. Made by a small factory such as `emailRecognizer()`. */
export interface Recognizer {
  /** Stable name, used in presets and diagnostics. */
  readonly name: string
  /** The PII types this recogniser can return. */
  readonly types: readonly PiiType[]
  /** The view `detectPii` runs it on; default `folded`. */
  readonly view?: RecognizerView
  /** Returns findings with half-open UTF-16 offsets into the `text` it is given. Must not throw. */
  find(text: string): PiiFinding[]
}
