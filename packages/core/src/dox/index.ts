/**
 * Doxing risk: how likely a comment is to expose a person to harassment.
 *
 * The score combines three signals (see docs/pii.md, "Doxing risk"):
 * 1. how many distinct identifying categories appear: ID, phone/contact, address, real name,
 *    school/workplace, family members (each has a weight; they combine as independent evidence,
 *    `1 - Π(1 - wᵢ)`);
 * 2. disclosure cues (人肉, 开盒, 扒出来, 挂人, 起底, "dox", "here's her address");
 * 3. calls to action (去问候, 大家冲, 打电话骂, "go say hi", "flood her DMs").
 * Self-disclosure ("我的邮箱", "contact me at") halves the score: a lone e-mail address in a support
 * request is low risk; a name + phone + address + "大家去问候一下" is critical.
 *
 * @module
 */
import type { PiiFinding, PiiType } from '../pii/index.ts'

/** Severity bands of {@link DoxRisk.score}. */
export type DoxLevel = 'none' | 'low' | 'medium' | 'high' | 'critical'

/** What {@link doxRisk} returns. Plain data. */
export interface DoxRisk {
  /** 0..1 */
  score: number
  level: DoxLevel
  /**
   * Machine-readable reason codes: `categories:3`, `category:address`, `disclosure`, `call_to_action`,
   * `self_disclosure`.
   */
  reasons: string[]
}

/** The identifying categories doxRisk counts. */
type DoxCategory = 'id' | 'contact' | 'address' | 'name' | 'school_work' | 'family' | 'online'

const CATEGORY_OF: Readonly<Record<PiiType, DoxCategory>> = {
  cn_id: 'id',
  passport: 'id',
  us_ssn: 'id',
  bank_card: 'id',
  credit_card: 'id',
  phone: 'contact',
  wechat: 'contact',
  qq: 'contact',
  email: 'online',
  ip_address: 'online',
  address: 'address',
  license_plate: 'address',
  person_name: 'name',
  school: 'school_work',
  workplace: 'school_work',
  family: 'family',
}

const WEIGHT: Readonly<Record<DoxCategory, number>> = {
  id: 0.45,
  contact: 0.3,
  address: 0.4,
  name: 0.25,
  school_work: 0.2,
  family: 0.2,
  online: 0.12,
}

// Categories that show in words rather than as a PII finding.
const SCHOOL_WORK =
  /(?:[\u4e00-\u9fa5]{2,12}(?:大学|中学|小学|学院|高中|初中|幼儿园|公司|集团|医院|银行|派出所)|在[\u4e00-\u9fa5]{2,10}(?:上班|工作|读书|上学)|工作单位|单位是|\b(?:works?|studies|goes to school)\s+at\b|\b(?:her|his|their)\s+(?:school|office|workplace|employer)\b)/i
const FAMILY =
  /(?:他妈|她妈|他爸|她爸|他家人|她家人|父母|老婆|老公|妻子|丈夫|女儿|儿子|孩子|家属|全家|一家|\b(?:his|her|their)\s+(?:wife|husband|kids?|children|daughter|son|mother|mom|father|dad|parents|family)\b)/i
const DISCLOSURE =
  /(?:人肉|开盒|開盒|扒出来|扒出|扒一扒|挂人|挂出来|起底|曝光他|曝光她|真实身份|家庭住址|\bdoxx?(?:ed|ing)?\b|\bhere'?s\s+(?:his|her|their)\s+(?:address|number|phone|info)|\bfound\s+(?:his|her|their)\s+(?:address|number|home)|\b(?:his|her)\s+real\s+name\b)/i
const CALL_TO_ACTION =
  /(?:去问候|问候一下|问候他|问候她|大家去|大家冲|都去|冲他|冲她|冲了|打电话骂|打爆|轰炸|爆破|上门|堵他|堵她|寄花圈|寄刀片|让他社死|让她社死|\bgo\s+say\s+hi\b|\bflood\s+(?:his|her|their)\s+(?:dms?|inbox|phone)|\b(?:let'?s|everyone|y'?all)\s+(?:go|visit|call|pay)\b|\bpay\s+(?:him|her|them)\s+a\s+visit\b|\bmake\s+(?:his|her|their)\s+life\s+hell\b|\bcall\s+(?:him|her|them)\s+(?:now|up)\b)/i
const SELF =
  /(?:我的(?:邮箱|电话|手机|微信|地址|qq)|联系我|请联系|客服|\b(?:my|our)\s+(?:e-?mail|phone|number|address)\b|\bcontact\s+(?:me|us)\b|\breach\s+(?:me|us)\b)/i

// No \`u\` flag: every pattern is BMP-only, and V8 runs case-insensitive alternations 10–20 times faster
// without Unicode case folding (\b and the CJK ranges mean the same either way).
// Cue patterns are bounded alternations; only the first 10 000 units are scanned for cues (findings
// cover the whole text), which keeps doxRisk linear and cheap on megabyte inputs.
const CUE_WINDOW = 10_000

/**
 * Scores the doxing risk of a text given its PII findings.
 *
 * @param text - the comment
 * @param findings - from `detectPii` (or `analyze(text).pii`)
 * @returns `{ score 0..1, level, reasons }`
 * @example
 * ```ts
 * const text = '姓名：王小明，电话13800138000，住在阳光路12号，大家去问候一下'
 * doxRisk(text, detectPii(text)).level // 'critical'
 * ```
 * @see https://github.com/comment-shield/comment-shield/blob/main/docs/pii.md#doxing-risk
 */
export function doxRisk(text: string, findings: readonly PiiFinding[]): DoxRisk {
  const head = typeof text === 'string' ? text.slice(0, CUE_WINDOW) : ''
  const pii = findings.length > 0
  const disclosure = DISCLOSURE.test(head)
  const action = CALL_TO_ACTION.test(head)
  // Without findings or cues the answer is known: skip the category and self-disclosure patterns.
  if (!pii && !disclosure && !action) return { score: 0, level: 'none', reasons: [] }
  const categories = new Set<DoxCategory>()
  for (const f of findings) {
    const c = CATEGORY_OF[f.type]
    if (c) categories.add(c)
  }
  if (pii || disclosure) {
    if (SCHOOL_WORK.test(head)) categories.add('school_work')
    if (FAMILY.test(head)) categories.add('family')
  }
  const self = !disclosure && !action && SELF.test(head)

  // Words alone (a school name, "her family") are not doxing without some personal information or cue.
  const counted = pii || disclosure ? [...categories] : []
  let keep = 1
  for (const c of counted) keep *= 1 - WEIGHT[c]
  let score = 1 - keep
  const reasons: string[] = []
  if (counted.length > 0) reasons.push(`categories:${counted.length}`, ...counted.map((c) => `category:${c}`))
  if (disclosure) {
    score += pii ? 0.25 : 0.15
    reasons.push('disclosure')
  }
  if (action) {
    score += pii || disclosure ? 0.3 : 0.05
    reasons.push('call_to_action')
  }
  if (self) {
    score *= 0.5
    reasons.push('self_disclosure')
  }
  score = Math.round(Math.min(1, Math.max(0, score)) * 1000) / 1000
  return { score, level: levelOf(score), reasons }
}

function levelOf(score: number): DoxLevel {
  if (score === 0) return 'none'
  if (score < 0.3) return 'low'
  if (score < 0.55) return 'medium'
  if (score < 0.8) return 'high'
  return 'critical'
}
