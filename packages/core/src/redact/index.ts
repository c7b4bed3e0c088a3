/**
 * Redaction: replaces each PII finding in the original text, by type, with a mask, a label or nothing.
 *
 * @module
 */
import { detectPii } from '../pii/index.ts'
import type { PiiFinding, PiiType, Recognizer } from '../pii/index.ts'

/** How one kind of finding is replaced. */
export type RedactionOperator = 'mask' | 'label' | 'remove'

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

/**
 * Masks a number the way Chinese platforms do: keeps the first three and last four digits of a phone
 * (`138****8000`) and replaces every other digit or letter with `*`. Separators are kept.
 */
function mask(value: string): string {
  const chars = Array.from(value)
  const significant = chars.filter((c) => /[0-9A-Za-z]/.test(c)).length
  const keepHead = significant >= 11 ? 3 : 0
  const keepTail = significant >= 11 ? 4 : 0
  let seen = 0
  return chars
    .map((c) => {
      if (!/[0-9A-Za-z]/.test(c)) return c
      const i = seen++
      return i < keepHead || i >= significant - keepTail ? c : '*'
    })
    .join('')
}

/**
 * Redacts personal information from a text.
 *
 * @param text - any string
 * @param options - operators per type, label locale, recognisers
 * @returns the redacted text and what was replaced
 * @example
 * ```ts
 * redact('call 13800138000').text // 'call 138****8000'
 * ```
 */
export function redact(text: string, options: RedactOptions = {}): Redaction {
  const findings = options.findings
    ? [...options.findings]
    : detectPii(text, { recognizers: options.recognizers })
  const operators = { ...DEFAULT_OPERATORS, ...options.operators }
  const labels = REDACTION_LABELS[options.locale ?? 'zh-CN']
  let out = ''
  let cursor = 0
  for (const f of findings) {
    out += text.slice(cursor, f.start)
    const op = operators[f.type] ?? operators.default ?? 'label'
    if (op === 'mask') out += mask(f.text)
    else if (op === 'label') out += `[${labels[f.type]}]`
    cursor = f.end
  }
  out += text.slice(cursor)
  return { text: out, findings }
}
