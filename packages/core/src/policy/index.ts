/**
 * The policy engine: turns an analysis ({@link Verdict}) plus what is known about the target and the author
 * (pile-on level, protection mode, offender standing, a minor being targeted) into a {@link Decision}.
 *
 * **Combination order.** Each input proposes an action; the decision takes the most severe
 * (`allow` < `warn` < `redact` < `hold` < `reject`) and keeps every reason:
 * 1. personal information → `onPii` (default `redact`); a minor as target raises it to at least `hold`;
 * 2. each abuse category against its `warn` / `hold` / `reject` thresholds (lowered by `minorFactor` when
 *    `protectedTarget.minor`);
 * 3. an active pile-on raises an abusive comment (`warn` or worse) to at least `hold` (`pile_on:follow_on`);
 * 4. protection mode: `hold` for new accounts and non-followers, `reject` with `retryAfter` when the author
 *    is over the rate limit, and `collapse` for flagged comments;
 * 5. the offender ladder: `mute` → `reject` with `retryAfter`; `hold` → abusive or borderline comments held;
 *    `warn` → abusive comments at least warned.
 *
 * `decide(verdict)` and `decide(verdict, { onPii: 'warn' })` behave as before: only the PII rule and the
 * abuse thresholds apply when no context is given.
 *
 * @module
 */
import type { Verdict } from '../analyze.ts'
import { invalidOption } from '../errors.ts'
import type { OffenderStanding } from '../offenders/index.ts'
import type { PileOnLevel } from '../pile-on/index.ts'
import type { PiiType } from '../pii/index.ts'
import type { ProtectionCheck } from '../protection/index.ts'
import type { AbuseCategory } from '../score/index.ts'

/** What to do with a comment, from least to most severe. */
export type DecisionAction = 'allow' | 'warn' | 'redact' | 'hold' | 'reject'

/** A message in both languages of the product. */
export interface LocalizedMessage {
  'zh-CN': string
  en: string
}

/** The outcome of {@link decide}. Plain data. */
export interface Decision {
  action: DecisionAction
  /**
   * Machine-readable reason codes, most severe first: `pii:<type>`, `abuse:<category>`, `minor`,
   * `pile_on:follow_on`, `protection:new_account|non_follower|rate_limited`, `offender:warn|hold|mute`,
   * `offender:<strike kind>`.
   */
  reasons: string[]
  /** PII types and abuse categories that drove the decision. */
  categories: string[]
  /** What to tell the person who wrote the comment. */
  userMessage: LocalizedMessage
  /** Seconds until the author may post again, for mutes and rate limits. */
  retryAfter?: number
  /** Personal information should be masked in what is stored or shown (set whenever `onPii` is `redact`). */
  redact?: boolean
  /** Show the comment collapsed (protection mode, flagged comment). */
  collapse?: boolean
}

/** `warn` / `hold` / `reject` thresholds of one abuse category; a value above 1 disables that step. */
export interface CategoryThresholds {
  warn: number
  hold: number
  reject: number
}

/**
 * The default per-category thresholds. Threats, incitement and sexual harassment act earliest; profanity is
 * never more than a warning ("这个视频太牛逼了" is profane, not abusive); doxing (the PII engine's risk score)
 * holds only critical risk, the PII rule redacts the rest.
 */
export const DEFAULT_THRESHOLDS: Readonly<Record<AbuseCategory, Readonly<CategoryThresholds>>> =
  Object.freeze({
    insult: { warn: 0.5, hold: 0.8, reject: 0.95 },
    threat: { warn: 0.4, hold: 0.6, reject: 0.85 },
    identity_attack: { warn: 0.5, hold: 0.75, reject: 0.9 },
    sexual_harassment: { warn: 0.4, hold: 0.65, reject: 0.9 },
    incitement: { warn: 0.4, hold: 0.6, reject: 0.85 },
    profanity: { warn: 0.8, hold: 2, reject: 2 },
    doxing: { warn: 2, hold: 0.9, reject: 2 },
  })

/** Options of {@link decide} that configure the policy (as opposed to describing the situation). */
export interface DecideOptions {
  /** What to do when personal information is found: `redact` (default), `warn`, `hold` or `reject`. */
  onPii?: Exclude<DecisionAction, 'allow'>
  /** Per-category overrides of {@link DEFAULT_THRESHOLDS}. */
  thresholds?: Partial<Record<AbuseCategory, Partial<CategoryThresholds>>>
  /** Factor applied to every threshold when the target is a minor; default 0.7. */
  minorFactor?: number
}

/** Everything {@link decide} may take into account besides the verdict. */
export interface DecideContext extends DecideOptions {
  /** The person the comment is about; `minor: true` lowers thresholds ("the interests of minors come first"). */
  protectedTarget?: { minor?: boolean }
  /** The target's pile-on level (from the detector). */
  pileOn?: { level: PileOnLevel }
  /** Protection mode's verdict on this comment. */
  protection?: ProtectionCheck
  /** The author's standing in the offender ledger. */
  offender?: OffenderStanding
}

const SEVERITY: Record<DecisionAction, number> = { allow: 0, warn: 1, redact: 2, hold: 3, reject: 4 }

const PII_MESSAGES: Record<DecisionAction, LocalizedMessage> = {
  allow: { 'zh-CN': '', en: '' },
  warn: {
    'zh-CN': '你的评论可能包含他人的个人信息，请再确认一下。',
    en: "Your comment may contain someone's personal information. Please check it again.",
  },
  redact: {
    'zh-CN': '你的评论中的个人信息已被隐去。发布他人的个人信息可能伤害对方，也可能违法。',
    en: "Personal information in your comment was hidden. Posting other people's personal information can hurt them and may be illegal.",
  },
  hold: {
    'zh-CN': '你的评论需要人工审核后才能显示。',
    en: 'Your comment will appear after a moderator reviews it.',
  },
  reject: {
    'zh-CN': '你的评论包含他人的个人信息，无法发布。',
    en: "Your comment contains someone's personal information and cannot be posted.",
  },
}

const ABUSE_MESSAGES: Record<'warn' | 'hold' | 'reject', LocalizedMessage> = {
  warn: {
    'zh-CN': '你的评论可能会伤害到别人，发布前请再想一想。',
    en: 'Your comment may hurt someone. Please think again before posting.',
  },
  hold: {
    'zh-CN': '你的评论可能含有攻击性内容，需要人工审核后才能显示。',
    en: 'Your comment may be abusive and will appear after a moderator reviews it.',
  },
  reject: {
    'zh-CN': '你的评论含有辱骂、威胁、骚扰或煽动内容，无法发布。',
    en: 'Your comment contains insults, threats, harassment or incitement and cannot be posted.',
  },
}

const MESSAGES = {
  minor: {
    'zh-CN': '这条评论涉及未成年人，需要人工审核后才能显示。未成年人的利益优先。',
    en: 'This comment concerns a minor and will appear after a moderator reviews it. The interests of minors come first.',
  },
  pileOn: {
    'zh-CN': '这里正有大量针对同一个人的负面评论，你的评论需要审核后才能显示。',
    en: 'Many hostile comments are targeting this person right now; your comment will appear after review.',
  },
  protectionHold: {
    'zh-CN': '对方已开启评论保护：新账号和未关注者的评论需要审核后才能显示。',
    en: 'This person has turned on protection: comments from new accounts and non-followers appear after review.',
  },
  rateLimited: {
    'zh-CN': '你在短时间内对这个人的评论太多了，请稍后再试。',
    en: 'You have commented on this person too often in a short time. Please try again later.',
  },
  muted: {
    'zh-CN': '由于近期多次违规，你暂时无法发表评论，请稍后再试。',
    en: 'Because of repeated violations you cannot comment for a while. Please try again later.',
  },
  offenderHold: {
    'zh-CN': '由于你近期的违规记录，你的评论需要审核后才能显示。',
    en: 'Because of your recent violations, your comment will appear after a moderator reviews it.',
  },
  offenderWarn: {
    'zh-CN': '你近期已有违规记录，请注意文明发言，再次违规可能导致评论被审核或被禁言。',
    en: 'You have recent violations. Please keep it civil: more may get your comments held or you muted.',
  },
} satisfies Record<string, LocalizedMessage>

/** One input's proposal: an action, reasons, and the message to show if it wins. */
interface Proposal {
  action: DecisionAction
  reasons: string[]
  message: LocalizedMessage
  retryAfter?: number
}

/**
 * Resolves the thresholds of every category: defaults, overrides, then the minor factor.
 *
 * @param options - policy options
 * @param minor - the target is a minor
 * @returns thresholds per category
 */
export function resolveThresholds(
  options: DecideOptions = {},
  minor = false,
): Record<AbuseCategory, CategoryThresholds> {
  const factor = minor ? (options.minorFactor ?? 0.7) : 1
  if (!(factor > 0 && factor <= 1)) invalidOption('minorFactor', factor, 'a number in (0, 1]')
  const out = {} as Record<AbuseCategory, CategoryThresholds>
  for (const category of Object.keys(DEFAULT_THRESHOLDS) as AbuseCategory[]) {
    const t = { ...DEFAULT_THRESHOLDS[category], ...options.thresholds?.[category] }
    out[category] = { warn: t.warn * factor, hold: t.hold * factor, reject: t.reject * factor }
  }
  return out
}

/**
 * The action the abuse scores alone call for, with the categories that drove it.
 *
 * @param verdict - from `analyze`
 * @param options - policy options
 * @param minor - the target is a minor
 * @returns the action and the categories at or above its threshold
 * @example
 * ```ts
 * abuseAction(verdict).action // 'hold' when e.g. threat ≥ 0.6
 * ```
 */
export function abuseAction(
  verdict: Pick<Verdict, 'abuse'>,
  options: DecideOptions = {},
  minor = false,
): { action: 'allow' | 'warn' | 'hold' | 'reject'; categories: AbuseCategory[] } {
  const thresholds = resolveThresholds(options, minor)
  let action: 'allow' | 'warn' | 'hold' | 'reject' = 'allow'
  const byAction: Record<'warn' | 'hold' | 'reject', AbuseCategory[]> = { warn: [], hold: [], reject: [] }
  const scores = verdict.abuse?.categories ?? {}
  for (const category of Object.keys(thresholds) as AbuseCategory[]) {
    const score = scores[category] ?? 0
    const t = thresholds[category]
    const step =
      score >= t.reject ? 'reject' : score >= t.hold ? 'hold' : score >= t.warn ? 'warn' : undefined
    if (!step) continue
    byAction[step].push(category)
    if (SEVERITY[step] > SEVERITY[action]) action = step
  }
  const categories =
    action === 'allow' ? [] : [...byAction.reject, ...byAction.hold, ...byAction.warn].slice(0, 7)
  return { action, categories }
}

/**
 * Decides what to do with an analysed comment.
 *
 * @param verdict - from `analyze` (or a moderator's merged analysis)
 * @param context - policy options and what is known about target and author
 * @returns the decision
 * @example
 * ```ts
 * decide(analyze('call 13800138000')).action // 'redact'
 * decide(verdict, { protectedTarget: { minor: true }, pileOn: { level: 'pile_on' } })
 * ```
 * @see https://github.com/comment-shield/comment-shield/blob/main/docs/policy.md
 */
export function decide(verdict: Verdict, context: DecideContext = {}): Decision {
  const minor = context.protectedTarget?.minor === true
  const proposals: Proposal[] = []
  const categories: string[] = []
  let redact: boolean | undefined

  // 1. Personal information.
  const pii = verdict.pii ?? []
  if (pii.length > 0) {
    const types = [...new Set<PiiType>(pii.map((f) => f.type))]
    let action: DecisionAction = context.onPii ?? 'redact'
    if (action === 'redact') redact = true
    const reasons = types.map((t) => `pii:${t}`)
    let message = PII_MESSAGES[action]
    if (minor && SEVERITY[action] < SEVERITY.hold) {
      action = 'hold'
      reasons.push('minor')
      message = MESSAGES.minor
    }
    proposals.push({ action, reasons, message })
    categories.push(...types)
  }

  // 2. Abuse categories.
  const abuse = abuseAction(verdict, context, minor)
  if (abuse.action !== 'allow') {
    const reasons = abuse.categories.map((c) => `abuse:${c}`)
    if (minor) reasons.push('minor')
    const message = minor && abuse.action === 'hold' ? MESSAGES.minor : ABUSE_MESSAGES[abuse.action]
    proposals.push({ action: abuse.action, reasons, message })
    for (const c of abuse.categories) if (!categories.includes(c)) categories.push(c)
  }
  const abusive = abuse.action !== 'allow'

  // 3. An active pile-on: joining it is a follow-on.
  if (abusive && context.pileOn?.level === 'pile_on')
    proposals.push({ action: 'hold', reasons: ['pile_on:follow_on'], message: MESSAGES.pileOn })

  // 4. Protection mode.
  const protection = context.protection
  let collapse: boolean | undefined
  if (protection?.state.active) {
    if (protection.collapse || abusive) collapse = true
    if (protection.action === 'rate_limited')
      proposals.push({
        action: 'reject',
        reasons: protection.reasons.filter((r) => r === 'protection:rate_limited'),
        message: MESSAGES.rateLimited,
        retryAfter: protection.retryAfter,
      })
    const holds = protection.reasons.filter((r) => r !== 'protection:rate_limited')
    if (holds.length > 0) proposals.push({ action: 'hold', reasons: holds, message: MESSAGES.protectionHold })
  }

  // 5. The offender ladder.
  const offender = context.offender
  if (offender && offender.action !== 'none') {
    const kinds = offender.kinds.map((k) => `offender:${k}`)
    if (offender.action === 'mute')
      proposals.push({
        action: 'reject',
        reasons: ['offender:mute', ...kinds],
        message: MESSAGES.muted,
        retryAfter: offender.retryAfter,
      })
    else if (offender.action === 'hold' && abusive)
      proposals.push({ action: 'hold', reasons: ['offender:hold', ...kinds], message: MESSAGES.offenderHold })
    else if (offender.action === 'warn' && abusive)
      proposals.push({ action: 'warn', reasons: ['offender:warn', ...kinds], message: MESSAGES.offenderWarn })
  }

  if (proposals.length === 0)
    return { action: 'allow', reasons: [], categories: [], userMessage: PII_MESSAGES.allow }

  // The most severe proposal wins (the first of equals: PII, abuse, pile-on, protection, ladder).
  let winner = proposals[0]!
  for (const p of proposals) if (SEVERITY[p.action] > SEVERITY[winner.action]) winner = p
  const reasons = [...winner.reasons]
  for (const p of proposals) for (const r of p.reasons) if (!reasons.includes(r)) reasons.push(r)
  const decision: Decision = { action: winner.action, reasons, categories, userMessage: winner.message }
  const retryAfter = Math.max(0, ...proposals.map((p) => p.retryAfter ?? 0))
  if (retryAfter > 0 && winner.action === 'reject') decision.retryAfter = retryAfter
  if (redact) decision.redact = true
  if (collapse) decision.collapse = true
  return decision
}
