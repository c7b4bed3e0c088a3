/**
 * Redaction: replaces each PII finding in the original text, by type, with a mask, a label, nothing, or a
 * keyed hash.
 *
 * `mask`, `label` and `remove` are synchronous ({@link redact}). `hash` is a keyed HMAC-SHA-256 computed
 * with WebCrypto (`globalThis.crypto.subtle`, present in browsers, Node ≥ 20, Deno, Bun and workers), which
 * is asynchronous: use {@link redactAsync} for it. `redact` throws a `ModerationError` (`INVALID_OPTION`)
 * when asked to hash, rather than silently doing something else.
 *
 * Redaction is idempotent: a finding that lies inside an earlier redaction token (`[手机号]`,
 * `[phone:3a7bd3e2…]`) or a mask (`138****8000`) is left alone, so redacting redacted text changes nothing.
 *
 * @module
 */
import { invalidOption } from '../errors.ts'
import { detectPii } from '../pii/index.ts'
import type { PiiFinding, PiiType, Recognizer } from '../pii/index.ts'

/**
 * How one kind of finding is replaced: `mask` keeps what the policy allows (`138****8000`: first three and
 * last four characters of long numbers), `label` writes a localised label (`[手机号]` / `[phone]`),
 * `remove` deletes it, `hash` writes the label with a keyed HMAC-SHA-256 prefix (`[phone:1f0e…]`, 16 hex
 * digits; same input and key, same token: lets moderators link repeats without seeing the value).
 */
export type RedactionOperator = 'mask' | 'label' | 'remove' | 'hash'

/** Locale of redaction labels. */
export type RedactionLocale = 'zh-CN' | 'zh-TW' | 'en'

/** Options of {@link redact}. */
export interface RedactOptions {
  /** Operator per PII type; `default` applies to types not listed. Defaults to `mask` for phones, `label` otherwise. */
  operators?: Partial<Record<PiiType | 'default', RedactionOperator>>
  /** Language of `label` replacements. Default `zh-CN`. */
  locale?: RedactionLocale
  /** Recognisers to run; default {@link defaultRecognizers}. Ignored when `findings` is given. */
  recognizers?: readonly Recognizer[]
  /** Findings already computed for this exact text (e.g. by `analyze`), to skip detection. */
  findings?: readonly PiiFinding[]
}

/** Options of {@link redactAsync}: those of {@link redact}, plus the key of the `hash` operator. */
export interface RedactAsyncOptions extends RedactOptions {
  /**
   * Secret key of the `hash` operator: a string (UTF-8), bytes, or a WebCrypto HMAC `CryptoKey` (import it
   * once with `crypto.subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])`
   * to save the import per call). Required when any operator is `hash`.
   */
  hashKey?: string | Uint8Array | CryptoKey
}

/** What {@link redact} returns. */
export interface Redaction {
  /** The redacted text. */
  text: string
  /** The findings that were replaced, with offsets into the original text. */
  findings: PiiFinding[]
}

/** Localised labels used by the `label` operator. */
export const REDACTION_LABELS: Readonly<Record<RedactionLocale, Readonly<Record<PiiType, string>>>> = {
  'zh-CN': {
    email: '邮箱',
    phone: '手机号',
    cn_id: '身份证号',
    bank_card: '银行卡号',
    credit_card: '信用卡号',
    us_ssn: '社保号',
    ip_address: 'IP地址',
    wechat: '微信号',
    qq: 'QQ号',
    address: '地址',
    passport: '护照号',
    license_plate: '车牌号',
    person_name: '姓名',
    school: '学校',
    workplace: '工作单位',
    family: '家庭信息',
  },
  'zh-TW': {
    email: '電郵',
    phone: '手機號碼',
    cn_id: '身分證號',
    bank_card: '銀行卡號',
    credit_card: '信用卡號',
    us_ssn: '社會安全號碼',
    ip_address: 'IP位址',
    wechat: '微信號',
    qq: 'QQ號',
    address: '地址',
    passport: '護照號碼',
    license_plate: '車牌號碼',
    person_name: '姓名',
    school: '學校',
    workplace: '工作單位',
    family: '家庭資訊',
  },
  en: {
    email: 'email',
    phone: 'phone',
    cn_id: 'ID number',
    bank_card: 'bank card',
    credit_card: 'credit card',
    us_ssn: 'SSN',
    ip_address: 'IP address',
    wechat: 'WeChat ID',
    qq: 'QQ number',
    address: 'address',
    passport: 'passport',
    license_plate: 'licence plate',
    person_name: 'name',
    school: 'school',
    workplace: 'workplace',
    family: 'family',
  },
}

const DEFAULT_OPERATORS: Partial<Record<PiiType | 'default', RedactionOperator>> = {
  phone: 'mask',
  default: 'label',
}

const OPERATORS: ReadonlySet<string> = new Set(['mask', 'label', 'remove', 'hash'])
// Letters, digits and numerals of any script (一, ①) are significant: they are what a mask hides.
const SIGNIFICANT = /[\p{L}\p{N}]/u

/**
 * Masks a value the way Chinese platforms do, keeping only what the policy allows: phones keep their first
 * three and last four significant characters when they have at least 11 (`138****8000`), cards their last
 * four (`**** **** **** 1111`); everything else is hidden entirely. Separators stay. Keeping less than a
 * whole number's worth of digits is what makes redaction idempotent: no kept fragment can form a new match.
 */
function mask(value: string, type: PiiType): string {
  const chars = Array.from(value)
  const significant = chars.filter((c) => SIGNIFICANT.test(c)).length
  const phone = type === 'phone' && significant >= 11
  const card = type === 'bank_card' || type === 'credit_card'
  const keepHead = phone ? 3 : 0
  const keepTail = phone || card ? 4 : 0
  let seen = 0
  return chars
    .map((c) => {
      if (!SIGNIFICANT.test(c)) return c
      const i = seen++
      return i < keepHead || i >= significant - keepTail ? c : '*'
    })
    .join('')
}

// A redaction token written by this module: `[label]` or `[label:hexhash]`, every locale's labels.
const ALL_LABELS = new Set(Object.values(REDACTION_LABELS).flatMap((l) => Object.values(l)))
const TOKEN = /\[([^[\]\n:]{1,24})(?::[0-9a-f]{16})?\]/g

/** Spans of redaction tokens and masks already in the text, so findings inside them are skipped. */
function redactedSpans(text: string): Array<[number, number]> {
  const spans: Array<[number, number]> = []
  if (text.includes('[')) {
    TOKEN.lastIndex = 0
    let m: RegExpExecArray | null
    while ((m = TOKEN.exec(text)) !== null) {
      if (ALL_LABELS.has(m[1] ?? '')) spans.push([m.index, m.index + m[0].length])
    }
  }
  return spans
}

function overlapsAny(f: PiiFinding, spans: ReadonlyArray<[number, number]>): boolean {
  for (const [s, e] of spans) if (f.start < e && s < f.end) return true
  return false
}

/** A finding that is already a mask (`138****8000`, `***-**-****`): at least 4 `*` in it. */
function isMasked(f: PiiFinding): boolean {
  let stars = 0
  for (const c of f.text) if (c === '*') stars++
  return stars >= 4
}

interface Plan {
  findings: PiiFinding[]
  ops: RedactionOperator[]
  labels: Readonly<Record<PiiType, string>>
}

type Detect = (text: string) => PiiFinding[]

/**
 * Detects, then detects again on the text with every finding blanked out (same length, so offsets hold),
 * until nothing new appears (at most three passes). A number glued to another one (`…八零零零1101…`) is
 * only separable once its neighbour is gone; finding it now, not on the next `redact` call, is what makes
 * `redact(redact(x).text)` equal `redact(x)`.
 */
function detectToFixpoint(text: string, detect: Detect): PiiFinding[] {
  let found = detect(text)
  for (let pass = 0; pass < 2 && found.length > 0; pass++) {
    let blanked = ''
    let cursor = 0
    for (const f of found) {
      blanked += text.slice(cursor, f.start) + '*'.repeat(f.end - f.start)
      cursor = f.end
    }
    blanked += text.slice(cursor)
    const more = detect(blanked)
      .filter((f) => !found.some((g) => f.start < g.end && g.start < f.end))
      .map((f) => ({ ...f, text: text.slice(f.start, f.end) }))
    if (more.length === 0) break
    found = [...found, ...more].sort((a, b) => a.start - b.start)
  }
  return found
}

function plan(text: string, options: RedactOptions, detect: Detect): Plan {
  // The defaults need no merge or validation: the common call, redact(text), allocates nothing here.
  const operators = options.operators ? { ...DEFAULT_OPERATORS, ...options.operators } : DEFAULT_OPERATORS
  if (options.operators) {
    for (const [k, v] of Object.entries(operators)) {
      if (v !== undefined && !OPERATORS.has(v))
        invalidOption(`operators.${k}`, v, 'mask, label, remove or hash')
    }
  }
  const locale = options.locale ?? 'zh-CN'
  if (!Object.hasOwn(REDACTION_LABELS, locale)) invalidOption('locale', locale, 'zh-CN, zh-TW or en')
  const found = options.findings
    ? [...options.findings].sort((a, b) => a.start - b.start)
    : detectToFixpoint(text, detect)
  if (found.length === 0) return { findings: [], ops: [], labels: REDACTION_LABELS[locale] }
  const skip = redactedSpans(text)
  const findings: PiiFinding[] = []
  let cursor = 0
  for (const f of found) {
    // Defensive against caller-supplied findings: in range, ordered, non-overlapping.
    if (!(f.start >= cursor && f.end > f.start && f.end <= text.length)) continue
    if (overlapsAny(f, skip) || isMasked(f)) continue
    findings.push(f)
    cursor = f.end
  }
  const ops = findings.map((f) => operators[f.type] ?? operators.default ?? 'label')
  return { findings, ops, labels: REDACTION_LABELS[locale] }
}

function assemble(text: string, p: Plan, replacement: (i: number) => string): string {
  let out = ''
  let cursor = 0
  p.findings.forEach((f, i) => {
    out += text.slice(cursor, f.start) + replacement(i)
    cursor = f.end
  })
  return out + text.slice(cursor)
}

function replace(p: Plan, i: number): string {
  const f = p.findings[i]!
  const op = p.ops[i]
  if (op === 'mask') return mask(f.text, f.type)
  if (op === 'label') return `[${p.labels[f.type]}]`
  return ''
}

/**
 * Redacts personal information from a text with the synchronous operators (`mask`, `label`, `remove`).
 * For `hash`, use {@link redactAsync}.
 *
 * @param text - any string
 * @param options - operators per type, label locale, recognisers
 * @returns the redacted text and what was replaced (offsets into the original text)
 * @throws ModerationError INVALID_OPTION when an operator is `hash` or unknown, or the locale is unknown
 * @example
 * ```ts
 * redact('call 13800138000').text // 'call 138****8000'
 * redact('mail a@b.io', { locale: 'en' }).text // 'mail [email]'
 * ```
 * @see https://github.com/comment-shield/comment-shield/blob/main/docs/pii.md#redaction
 */
export function redact(text: string, options: RedactOptions = {}): Redaction {
  const recognizers = options.recognizers
  return redactWith(text, options, recognizers ? (t) => detectPii(t, { recognizers }) : detectDefault)
}

// The detector of the common call, redact(text): made once, not a closure and an options object per call.
const detectDefault: Detect = (t) => detectPii(t)

/**
 * `redact` with an explicit detector (used by `createAnalyzer`, so light bundles skip the full preset).
 *
 * @internal
 */
export function redactWith(text: string, options: RedactOptions, detect: Detect): Redaction {
  const input = typeof text === 'string' ? text : String(text)
  const p = plan(input, options, detect)
  if (p.ops.includes('hash'))
    invalidOption('operators', 'hash', 'mask, label or remove in redact(); use redactAsync() to hash')
  // Nothing detected (or all of it already redacted): the text is its own fixpoint, skip the settle passes.
  if (p.findings.length === 0 && !options.findings) return { text: input, findings: p.findings }
  let out = assemble(input, p, (i) => replace(p, i))
  // Settle: removing or labelling one value can bring a context word next to another number
  // ("QQ 12345678…"). Redact the output again until it stops changing (at most twice more), so that
  // redacting redacted text changes nothing. `findings` stays the first pass, in original offsets.
  for (let pass = 0; pass < 2; pass++) {
    const again = plan(out, { ...options, findings: undefined }, detect)
    if (again.findings.length === 0) break
    out = assemble(out, again, (i) => replace(again, i))
  }
  return { text: out, findings: p.findings }
}

/**
 * Redacts like {@link redact}, and also supports the `hash` operator: a keyed HMAC-SHA-256 of the finding's
 * text (after NFKC and whitespace removal, so `138 0013 8000` and `13800138000` hash alike), through
 * WebCrypto, written as `[label:16 hex digits]`.
 *
 * @param text - any string
 * @param options - as for `redact`, plus `hashKey`
 * @returns a promise of the redacted text and the findings (first pass, original offsets)
 * @throws ModerationError INVALID_OPTION (as a rejected promise) when `hash` is used without a key
 * @example
 * ```ts
 * const r = await redactAsync('电话 13800138000', { operators: { phone: 'hash' }, hashKey: 'secret' })
 * r.text // '电话 [手机号:…16 hex digits…]'
 * ```
 */
export async function redactAsync(text: string, options: RedactAsyncOptions = {}): Promise<Redaction> {
  const input = typeof text === 'string' ? text : String(text)
  const detect: Detect = (t) => detectPii(t, { recognizers: options.recognizers })
  const first = plan(input, options, detect)
  if (first.findings.length === 0 && !options.findings) return { text: input, findings: first.findings }
  let out = await assembleAsync(input, first, options.hashKey)
  for (let pass = 0; pass < 2; pass++) {
    const again = plan(out, { ...options, findings: undefined }, detect)
    if (again.findings.length === 0) break
    out = await assembleAsync(out, again, options.hashKey)
  }
  return { text: out, findings: first.findings }
}

async function assembleAsync(
  input: string,
  p: Plan,
  hashKey: RedactAsyncOptions['hashKey'],
): Promise<string> {
  const hashes: string[] = []
  if (p.ops.includes('hash')) {
    const key = await hmacKey(hashKey)
    for (const [i, f] of p.findings.entries()) {
      if (p.ops[i] !== 'hash') continue
      const value = f.text.normalize('NFKC').replace(/\s+/g, '')
      const mac = await globalThis.crypto.subtle.sign('HMAC', key, new TextEncoder().encode(value))
      hashes[i] = hex(new Uint8Array(mac)).slice(0, 16)
    }
  }
  return assemble(input, p, (i) =>
    p.ops[i] === 'hash' ? `[${p.labels[p.findings[i]!.type]}:${hashes[i] ?? ''}]` : replace(p, i),
  )
}

async function hmacKey(key: RedactAsyncOptions['hashKey']): Promise<CryptoKey> {
  if (key === undefined || key === '') invalidOption('hashKey', key, 'a non-empty string, bytes or CryptoKey')
  const subtle = globalThis.crypto?.subtle
  if (!subtle) invalidOption('hashKey', 'WebCrypto', 'usable: globalThis.crypto.subtle is missing here')
  if (typeof key !== 'string' && !(key instanceof Uint8Array)) return key
  const bytes = typeof key === 'string' ? new TextEncoder().encode(key) : new Uint8Array(key)
  return subtle.importKey('raw', bytes, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
}

function hex(bytes: Uint8Array): string {
  let s = ''
  for (const b of bytes) s += b.toString(16).padStart(2, '0')
  return s
}
