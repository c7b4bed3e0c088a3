/**
 * PII detection: recognisers, presets and `detectPii`.
 *
 * `detectPii` normalises the text once (see `normalize/`), hands each recogniser the view it asks for,
 * maps every finding back to the original UTF-16 offsets, drops numbers that context marks as order or
 * tracking numbers, and resolves overlaps.
 *
 * @module
 */
import { detectWith } from './detect.ts'
import { intlPhoneRecognizer } from './phone-intl.ts'
import { enAddressRecognizer } from './street-address.ts'
import { intlAddressRecognizer } from './street-address-intl.ts'
import {
  cardRecognizer,
  cnAddressRecognizer,
  cnIdRecognizer,
  cnLandlineRecognizer,
  cnLicensePlateRecognizer,
  cnMobileRecognizer,
  cnPassportRecognizer,
  emailRecognizer,
  ipRecognizer,
  personNameRecognizer,
  qqRecognizer,
  usSsnRecognizer,
  wechatRecognizer,
} from './recognizers.ts'
import type { PiiFinding, Recognizer } from './types.ts'

export type { PiiEvidence, PiiFinding, PiiType, Recognizer, RecognizerView } from './types.ts'
export {
  cardRecognizer,
  CHINESE_SURNAMES,
  cnAddressRecognizer,
  cnIdRecognizer,
  cnLandlineRecognizer,
  cnLicensePlateRecognizer,
  cnMobileRecognizer,
  cnPassportRecognizer,
  emailRecognizer,
  ipRecognizer,
  personNameRecognizer,
  qqRecognizer,
  usSsnRecognizer,
  wechatRecognizer,
} from './recognizers.ts'
export { intlPhoneRecognizer } from './phone-intl.ts'
export { enAddressRecognizer } from './street-address.ts'
export { intlAddressRecognizer } from './street-address-intl.ts'
export { detectPiiCompact, detectPiiFast, detectWith, resolveOverlaps } from './detect.ts'
export type { PiiDetector } from './detect.ts'
export type { IntlPhoneRecognizerOptions } from './phone-intl.ts'

/**
 * The light preset: every rule-based recogniser, no `libphonenumber-js`, no large gazetteer. What the
 * widget uses (through `createAnalyzer({ recognizers: browserRecognizers })`) to stay inside its size budget.
 */
export const browserRecognizers: readonly Recognizer[] = /* @__PURE__ */ Object.freeze([
  /* @__PURE__ */ emailRecognizer(),
  /* @__PURE__ */ cnMobileRecognizer(),
  /* @__PURE__ */ cnLandlineRecognizer(),
  /* @__PURE__ */ cnIdRecognizer(),
  /* @__PURE__ */ cardRecognizer(),
  /* @__PURE__ */ usSsnRecognizer(),
  /* @__PURE__ */ ipRecognizer(),
  /* @__PURE__ */ wechatRecognizer(),
  /* @__PURE__ */ qqRecognizer(),
  /* @__PURE__ */ cnPassportRecognizer(),
  /* @__PURE__ */ cnLicensePlateRecognizer(),
  /* @__PURE__ */ personNameRecognizer(),
  /* @__PURE__ */ cnAddressRecognizer(),
  /* @__PURE__ */ enAddressRecognizer(),
])

/**
 * The full preset `analyze` and `redact` use when none is given: the light preset plus international phones
 * (`libphonenumber-js`), with the full street-address recogniser (address blocks, more continental shapes)
 * in place of the light one.
 */
export const defaultRecognizers: readonly Recognizer[] = /* @__PURE__ */ fullPreset()

// A function, not an array literal with a spread: bundlers treat a spread as a possible side effect and
// would keep the full preset (and libphonenumber-js) in light bundles. A pure call with no arguments goes.
function fullPreset(): readonly Recognizer[] {
  const address = intlAddressRecognizer()
  const light = browserRecognizers.map((r) => (r.name === 'en-address' ? address : r))
  return Object.freeze([...light, intlPhoneRecognizer()])
}

/** Options of {@link detectPii}. */
export interface DetectPiiOptions {
  /** Recognisers to run; default {@link defaultRecognizers}. */
  recognizers?: readonly Recognizer[]
}

/**
 * Runs the recognisers and returns their findings sorted by start, overlaps resolved in favour of the
 * longer, then more confident, finding. Offsets are half-open UTF-16 offsets into the ORIGINAL `text`,
 * whatever view a recogniser read. Order and tracking numbers, prices and versions (by the words in front
 * of them) are not personal information and are dropped.
 *
 * @param text - any string
 * @param options - which recognisers to run
 * @returns findings with half-open UTF-16 offsets into `text`
 * @example
 * ```ts
 * detectPii('电话 一三八 零零一三 八零零零')[0]?.text // '一三八 零零一三 八零零零'
 * ```
 * @see https://github.com/comment-shield/comment-shield/blob/main/docs/pii.md
 */
export function detectPii(text: string, options?: DetectPiiOptions): PiiFinding[] {
  return detectWith(text, options?.recognizers ?? defaultRecognizers)
}
