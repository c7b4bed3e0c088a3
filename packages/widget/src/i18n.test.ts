import { describe, expect, it } from 'vitest'
import { fill, resolveLocale, STRINGS, stringsFor } from './i18n.ts'

/**
 * The zh-TW table as it was written by hand before zh-TW became derived from zh-CN at runtime (to save
 * bundle bytes). The derived strings must stay identical to it, character for character.
 */
const HAND_WRITTEN_ZH_TW = {
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
}

describe('i18n', () => {
  it('derives zh-TW from zh-CN exactly as the hand-written table', () => {
    expect(STRINGS['zh-TW']).toEqual(HAND_WRITTEN_ZH_TW)
  })

  it('keeps every key of zh-CN and en in zh-TW', () => {
    const keys = (o: object): string[] =>
      Object.entries(o).flatMap(([k, v]: [string, unknown]) =>
        typeof v === 'string' ? [k] : keys(v as object).map((s) => `${k}.${s}`),
      )
    expect(keys(STRINGS['zh-TW'])).toEqual(keys(STRINGS['zh-CN']))
    expect(keys(STRINGS.en).sort()).toEqual(keys(STRINGS['zh-TW']).sort())
  })

  it('merges overrides into the derived zh-TW strings', () => {
    const s = stringsFor('zh-TW', { edit: '編輯', reasons: { other: '別的' } })
    expect(s.edit).toBe('編輯')
    expect(s.reasons.other).toBe('別的')
    expect(s.reasons.threat).toBe('威脅他人')
    expect(fill(s.received, { id: 'R-1' })).toBe('感謝檢舉，我們已收到。編號：R-1')
  })

  it('picks zh-TW for Traditional Chinese tags', () => {
    expect(resolveLocale('zh-Hant-HK')).toBe('zh-TW')
    expect(resolveLocale('zh-HK')).toBe('zh-TW')
    expect(resolveLocale('zh-Hans')).toBe('zh-CN')
    expect(resolveLocale('en-GB')).toBe('en')
  })
})
