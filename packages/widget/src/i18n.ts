/**
 * UI strings in zh-CN, zh-TW and en, chosen from the element's or document's `lang`. Every string can be
 * overridden per element through its `strings` property (a partial {@link WidgetStrings}; the nested
 * `categories`, `categoryHelp` and `reasons` maps merge key by key).
 *
 * Placeholders such as `{id}` are filled by {@link fill}; the result is always rendered as text, never as HTML.
 *
 * @module
 */

/** Locales the widget ships strings for. */
export type WidgetLocale = 'zh-CN' | 'zh-TW' | 'en'

/** Why a reader reports a comment; the values of the `reason` field of `POST {base}/reports`. */
export type ReportReason =
  | 'doxing'
  | 'threat'
  | 'threat_to_family'
  | 'insult'
  | 'sexual_harassment'
  | 'incitement'
  | 'pile_on'
  | 'spam_or_water_army'
  | 'other'

/** Every report reason, in the order the picker shows them. */
export const REPORT_REASONS: readonly ReportReason[] = [
  'doxing',
  'threat',
  'threat_to_family',
  'insult',
  'sexual_harassment',
  'incitement',
  'pile_on',
  'spam_or_water_army',
  'other',
]

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

/** The shipped strings. */
export const STRINGS: Readonly<Record<WidgetLocale, WidgetStrings>> = {
  'zh-CN': {
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
  },
  'zh-TW': {
    dialogTitle: '發佈前請確認',
    intro: {
      warn: '發佈前請再看一下這則留言。',
      redact: '如果現在發佈，其中的個人資料會被隱去。',
      hold: '如果現在發佈，這則留言需要人工審核後才會顯示。',
      reject: '這則留言目前無法發佈，請修改後再試。',
    },
    piiConsequence: '公開他人的個人資料可能傷害對方，也可能違法。',
    abuseConsequence: '這樣的話會傷害真實的人。要不要換個說法？',
    rateLimited: '你留言太頻繁了，請 {seconds} 秒後再試。',
    excerptLabel: '留言中被標出的部分：',
    edit: '修改',
    removePii: '刪除個人資料',
    postAnyway: '仍然發佈',
    postForReview: '送出審核',
    categories: {
      email: '電郵',
      phone: '手機號碼',
      cn_id: '身分證號',
      bank_card: '銀行卡號',
      credit_card: '信用卡號',
      us_ssn: '社會安全號碼',
      ip_address: 'IP 位址',
      wechat: '微信號',
      qq: 'QQ 號',
      address: '住址',
      passport: '護照號碼',
      license_plate: '車牌號碼',
      person_name: '真實姓名',
      school: '學校',
      workplace: '工作單位',
      family: '家庭資訊',
      insult: '辱罵',
      threat: '威脅',
      identity_attack: '身分攻擊',
      sexual_harassment: '性騷擾',
      incitement: '煽動',
      profanity: '粗話',
      doxing: '肉搜資訊',
    },
    piiHelp: '這看起來像某人的{name}。',
    categoryHelp: {
      insult: '這句話讀起來像是在辱罵別人。',
      threat: '這句話讀起來像是在威脅別人。',
      identity_attack: '這句話讀起來像是因身分而攻擊別人。',
      sexual_harassment: '這句話讀起來像是性騷擾。',
      incitement: '這句話讀起來像是在號召別人去攻擊某人。',
      profanity: '這句話裡有粗話。',
      doxing: '這些內容可能幫助別人找到或騷擾某人。',
    },
    hint: '看起來包含：{categories}',
    checking: '正在檢查…',
    reportButton: '檢舉',
    reportedButton: '已檢舉',
    reportTitle: '檢舉這則留言',
    reasonLegend: '檢舉原因',
    reasons: {
      doxing: '洩露他人個人資料（肉搜、開盒）',
      threat: '威脅他人',
      threat_to_family: '威脅我或我的家人',
      insult: '辱罵、人身攻擊',
      sexual_harassment: '性騷擾、性謠言',
      incitement: '煽動他人攻擊',
      pile_on: '群體圍攻',
      spam_or_water_army: '垃圾訊息或網軍',
      other: '其他',
    },
    noteLabel: '補充說明（選填）',
    send: '送出檢舉',
    sending: '正在送出…',
    cancel: '取消',
    close: '關閉',
    chooseReason: '請選擇一個檢舉原因。',
    received: '感謝檢舉，我們已收到。編號：{id}',
    duplicate: '這則留言已經被檢舉過了。編號：{id}',
    queued: '你似乎處於離線狀態。檢舉已儲存在本裝置上，連線後會自動送出。',
    failed: '檢舉未能送出：{detail}',
    protectionActive: '這個討論正受到異常關注，新帳號的留言需審核後才會顯示。',
    pileOn: '這個討論正受到異常關注。請友善發言，對事不對人。',
    elevated: '現在留言的人很多，請友善發言。',
  },
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
