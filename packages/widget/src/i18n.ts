/**
 * UI strings in zh-CN, zh-TW and en, chosen from the element's or document's `lang`. Every string can be
 * overridden per element through its `strings` property (a partial {@link WidgetStrings}; the nested
 * `categories`, `categoryHelp` and `reasons` maps merge key by key).
 *
 * Placeholders such as `{id}` are filled by {@link fill}; the result is always rendered as text, never as HTML.
 *
 * @module
 */
import type { ReportReason } from '@comment-shield/core'

// Report reasons live in core (shared with the server's /reports and the evidence ledger).
export { REPORT_REASONS } from '@comment-shield/core'
export type { ReportReason } from '@comment-shield/core'

/** Locales the widget ships strings for. */
export type WidgetLocale = 'zh-CN' | 'zh-TW' | 'en'

/** Every user-visible string of the widget; each can be overridden by the host page. */
export interface WidgetStrings {
  // <comment-shield>: the dialog
  dialogTitle: string
  /** First paragraph of the dialog, per decision action. */
  intro: Record<'warn' | 'redact' | 'hold' | 'reject', string>
  /** Said after a personal-information finding. */
  piiConsequence: string
  /** Said after an abuse finding. */
  abuseConsequence: string
  /** Shown when the server rate-limited the author; `{seconds}`. */
  rateLimited: string
  /** Lead-in of the excerpt with the highlighted spans. */
  excerptLabel: string
  edit: string
  removePii: string
  postAnyway: string
  /** "Post anyway" when the post will be held for review. */
  postForReview: string
  /** Short category names, by PII type or abuse category (used in the inline hint). */
  categories: Record<string, string>
  /** One plain sentence per category (used in the dialog); PII types without one use {@link WidgetStrings.piiHelp}. */
  categoryHelp: Record<string, string>
  /** The sentence for a PII type without its own `categoryHelp`; `{name}` is its short category name. */
  piiHelp: string
  // <comment-shield>: the inline hint; `{categories}` is a list of short category names
  hint: string
  checking: string
  // <comment-shield-report>
  reportButton: string
  reportedButton: string
  reportTitle: string
  reasonLegend: string
  reasons: Record<ReportReason, string>
  noteLabel: string
  send: string
  sending: string
  cancel: string
  close: string
  chooseReason: string
  /** `{id}` is the server's reference id. */
  received: string
  duplicate: string
  queued: string
  /** `{detail}` is the server's explanation. */
  failed: string
  // <comment-shield-banner>
  protectionActive: string
  pileOn: string
  elevated: string
}

/*
 * zh-TW is derived from zh-CN at load time instead of shipped as a third table: it saves about 1 KB of the
 * single-file bundle. Hand-written rather than a converter library (OpenCC's tables are hundreds of KB) and
 * exact only for the shipped strings: first Taiwan wording (phrases, applied in order), then a one-to-one
 * Simplified→Traditional map of just the characters those strings use. `i18n.test.ts` keeps the former
 * hand-written zh-TW table and checks every derived string against it; extend both maps when a string changes.
 */
const TW_PHRASES =
  '个人信息=個人資料 垃圾信息=垃圾訊息 人肉=肉搜 信息=資訊 评论=留言 发布他人=公開他人 你发言=你留言 提交=送出 ' +
  '邮箱=電郵 手机号=手機號碼 护照号=護照號碼 车牌号=車牌號碼 社保号=社會安全號碼 地址=位址 身份=身分 粗口=粗話 ' +
  '才能=才會 水军=網軍 保存=儲存 设备=裝置 联网=連線 该=這個 举报=檢舉'
const SIMPLIFIED =
  '发布请确认这条现会隐审后显无试伤对违样话实换个说频标删证号银学单骂胁击骚扰动来读别里内帮检泄开谣体围补选关闭择谢们编经过处于离线状态讨论异账'
const TRADITIONAL =
  '發佈請確認這則現會隱審後顯無試傷對違樣話實換個說頻標刪證號銀學單罵脅擊騷擾動來讀別裡內幫檢洩開謠體圍補選關閉擇謝們編經過處於離線狀態討論異帳'

function twText(text: string): string {
  for (const pair of TW_PHRASES.split(' ')) {
    const [from, to] = pair.split('=') as [string, string]
    text = text.replaceAll(from, to)
  }
  return text.replace(/./g, (c: string) => TRADITIONAL[SIMPLIFIED.indexOf(c)] ?? c)
}

function toTaiwan<T extends object>(strings: T): T {
  return Object.fromEntries(
    Object.entries(strings).map(([k, v]) => [k, typeof v === 'string' ? twText(v) : toTaiwan(v as object)]),
  ) as T
}

const ZH_CN: WidgetStrings = {
  dialogTitle: '发布前请确认',
  intro: {
    warn: '发布前请再看一下这条评论。',
    redact: '如果现在发布，其中的个人信息会被隐去。',
    hold: '如果现在发布，这条评论需要人工审核后才能显示。',
    reject: '这条评论目前无法发布，请修改后再试。',
  },
  piiConsequence: '发布他人的个人信息可能伤害对方，也可能违法。',
  abuseConsequence: '这样的话会伤害真实的人。要不要换个说法？',
  rateLimited: '你发言太频繁了，请 {seconds} 秒后再试。',
  excerptLabel: '评论中被标出的部分：',
  edit: '修改',
  removePii: '删除个人信息',
  postAnyway: '仍然发布',
  postForReview: '提交审核',
  categories: {
    email: '邮箱',
    phone: '手机号',
    cn_id: '身份证号',
    bank_card: '银行卡号',
    credit_card: '信用卡号',
    us_ssn: '社保号',
    ip_address: 'IP 地址',
    wechat: '微信号',
    qq: 'QQ 号',
    address: '住址',
    passport: '护照号',
    license_plate: '车牌号',
    person_name: '真实姓名',
    school: '学校',
    workplace: '工作单位',
    family: '家庭信息',
    insult: '辱骂',
    threat: '威胁',
    identity_attack: '身份攻击',
    sexual_harassment: '性骚扰',
    incitement: '煽动',
    profanity: '粗口',
    doxing: '人肉信息',
  },
  piiHelp: '这看起来像某人的{name}。',
  categoryHelp: {
    insult: '这句话读起来像是在辱骂别人。',
    threat: '这句话读起来像是在威胁别人。',
    identity_attack: '这句话读起来像是因身份而攻击别人。',
    sexual_harassment: '这句话读起来像是性骚扰。',
    incitement: '这句话读起来像是在号召别人去攻击某人。',
    profanity: '这句话里有粗口。',
    doxing: '这些内容可能帮助别人找到或骚扰某人。',
  },
  hint: '看起来包含：{categories}',
  checking: '正在检查…',
  reportButton: '举报',
  reportedButton: '已举报',
  reportTitle: '举报这条评论',
  reasonLegend: '举报原因',
  reasons: {
    doxing: '泄露他人个人信息（人肉、开盒）',
    threat: '威胁他人',
    threat_to_family: '威胁我或我的家人',
    insult: '辱骂、人身攻击',
    sexual_harassment: '性骚扰、性谣言',
    incitement: '煽动他人攻击',
    pile_on: '群体围攻',
    spam_or_water_army: '垃圾信息或水军',
    other: '其他',
  },
  noteLabel: '补充说明（选填）',
  send: '提交举报',
  sending: '正在提交…',
  cancel: '取消',
  close: '关闭',
  chooseReason: '请选择一个举报原因。',
  received: '感谢举报，我们已收到。编号：{id}',
  duplicate: '这条评论已经被举报过了。编号：{id}',
  queued: '你似乎处于离线状态。举报已保存在本设备上，联网后会自动提交。',
  failed: '举报未能提交：{detail}',
  protectionActive: '该讨论正受到异常关注，新账号的评论需审核后才会显示。',
  pileOn: '该讨论正受到异常关注。请友善发言，对事不对人。',
  elevated: '现在评论的人很多，请友善发言。',
}

/** The shipped strings. */
export const STRINGS: Readonly<Record<WidgetLocale, WidgetStrings>> = {
  'zh-CN': ZH_CN,
  'zh-TW': toTaiwan(ZH_CN),
  en: {
    dialogTitle: 'Before you post',
    intro: {
      warn: 'Please take another look at your comment before posting it.',
      redact: 'If you post this now, the personal information in it will be hidden.',
      hold: 'If you post this now, a moderator will review it before it appears.',
      reject: 'This comment cannot be posted as it is. Please edit it and try again.',
    },
    piiConsequence: "Posting other people's personal information can hurt them and may be illegal.",
    abuseConsequence: 'Words like these hurt real people. Would you like to rephrase?',
    rateLimited: "You're posting very quickly. Please try again in {seconds} seconds.",
    excerptLabel: 'In your comment:',
    edit: 'Edit',
    removePii: 'Remove personal information',
    postAnyway: 'Post anyway',
    postForReview: 'Post for review',
    categories: {
      email: 'email address',
      phone: 'phone number',
      cn_id: 'ID card number',
      bank_card: 'bank card number',
      credit_card: 'credit card number',
      us_ssn: 'social security number',
      ip_address: 'IP address',
      wechat: 'WeChat ID',
      qq: 'QQ number',
      address: 'home address',
      passport: 'passport number',
      license_plate: 'licence plate',
      person_name: 'real name',
      school: 'school',
      workplace: 'workplace',
      family: 'family details',
      insult: 'insult',
      threat: 'threat',
      identity_attack: 'identity attack',
      sexual_harassment: 'sexual harassment',
      incitement: 'incitement',
      profanity: 'strong language',
      doxing: 'identifying details',
    },
    piiHelp: "This looks like someone's {name}.",
    categoryHelp: {
      insult: 'This reads as an insult.',
      threat: 'This reads as a threat.',
      identity_attack: 'This reads as an attack on people for who they are.',
      sexual_harassment: 'This reads as sexual harassment.',
      incitement: 'This reads as a call for others to go after someone.',
      profanity: 'This contains strong language.',
      doxing: 'Together, these details could help people find or harass someone.',
    },
    hint: 'Looks like it contains: {categories}',
    checking: 'Checking…',
    reportButton: 'Report',
    reportedButton: 'Reported',
    reportTitle: 'Report this comment',
    reasonLegend: 'Why are you reporting it?',
    reasons: {
      doxing: "It shares someone's personal information (doxing)",
      threat: 'It threatens someone',
      threat_to_family: 'It threatens me or my family',
      insult: 'Insult or personal attack',
      sexual_harassment: 'Sexual harassment or sexual rumours',
      incitement: 'It urges others to attack someone',
      pile_on: 'Part of a pile-on',
      spam_or_water_army: 'Spam or paid posters (water army)',
      other: 'Something else',
    },
    noteLabel: 'Anything else we should know? (optional)',
    send: 'Send report',
    sending: 'Sending…',
    cancel: 'Cancel',
    close: 'Close',
    chooseReason: 'Please choose a reason.',
    received: 'Thank you, we received your report. Reference: {id}',
    duplicate: 'This comment has already been reported. Reference: {id}',
    queued:
      "You seem to be offline. Your report is saved on this device and will be sent when you're back online.",
    failed: 'The report could not be sent: {detail}',
    protectionActive:
      'Comments from new accounts are being held for review while this thread is under unusual attention.',
    pileOn: 'This thread is under unusual attention. Please be kind: disagree with ideas, not people.',
    elevated: 'Many people are commenting right now. Please be kind.',
  },
}

/**
 * Picks a locale from a BCP 47 tag: `zh-TW`, `zh-HK`, `zh-MO`, `zh-Hant*` → zh-TW; other `zh*` → zh-CN; else en.
 *
 * @param lang - a language tag, possibly empty
 * @returns the widget locale
 * @example
 * ```ts
 * resolveLocale('zh-Hant-HK') // 'zh-TW'
 * ```
 */
export function resolveLocale(lang: string | null | undefined): WidgetLocale {
  const tag = (lang ?? '').toLowerCase()
  if (!tag.startsWith('zh')) return 'en'
  return /^zh-(?:tw|hk|mo)|^zh-hant/.test(tag) ? 'zh-TW' : 'zh-CN'
}

/** A host page's overrides: any string, and any key of the nested maps. */
export type WidgetStringsOverride = Partial<
  Omit<WidgetStrings, 'intro' | 'categories' | 'categoryHelp' | 'reasons'>
> & {
  intro?: Partial<WidgetStrings['intro']>
  categories?: Record<string, string>
  categoryHelp?: Record<string, string>
  reasons?: Partial<Record<ReportReason, string>>
}

/**
 * The strings for an element: its locale's shipped strings with the host's overrides merged in.
 *
 * @param locale - from {@link resolveLocale}
 * @param override - the element's `strings` property
 * @returns the merged strings
 */
export function stringsFor(locale: WidgetLocale, override?: WidgetStringsOverride): WidgetStrings {
  const base = STRINGS[locale]
  if (!override) return base
  return {
    ...base,
    ...override,
    intro: { ...base.intro, ...override.intro },
    categories: { ...base.categories, ...override.categories },
    categoryHelp: { ...base.categoryHelp, ...override.categoryHelp },
    reasons: { ...base.reasons, ...override.reasons },
  }
}

/**
 * Fills `{name}` placeholders. The result is plain text for a Lit text binding, never HTML.
 *
 * @param template - a string with `{name}` placeholders
 * @param values - the values by name
 * @returns the filled string; unknown placeholders are left as they are
 * @example
 * ```ts
 * fill('Reference: {id}', { id: 'R-1' }) // 'Reference: R-1'
 * ```
 */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w{1,32})\}/g, (whole, name: string) =>
    name in values ? String(values[name]) : whole,
  )
}

/**
 * The locale of an element: its own `lang`, else the nearest ancestor's (crossing shadow roots), else the
 * document's.
 *
 * @param el - the element
 * @returns the widget locale
 */
export function localeOf(el: Element): WidgetLocale {
  let node: Node | null = el
  while (node) {
    if (node instanceof Element && node.getAttribute('lang')) return resolveLocale(node.getAttribute('lang'))
    node = node.parentNode ?? (node instanceof ShadowRoot ? node.host : null)
  }
  return resolveLocale(el.ownerDocument.documentElement.lang)
}
