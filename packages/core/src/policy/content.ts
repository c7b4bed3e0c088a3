/**
 * The content half of the policy: what personal information and the abuse scores alone call for. It is
 * {@link decide} without context (no pile-on, protection mode, offender standing or minor), and it lives in its
 * own module so a browser bundle that only ever decides on content (the widget's local hint and dialog) leaves
 * the context rules and their messages out: `decideContent(verdict, options)` returns exactly what
 * `decide(verdict, options)` returns for the same options.
 *
 * @module
 */
import type { Verdict } from '../analyze.ts'
import { invalidOption } from '../errors.ts'
import type { PiiType } from '../pii/index.ts'
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
 * The default per-category thresholds. Threats, incitement and sexual harassment act earliest; profanity alone
 * triggers nothing by default ("这个视频太牛逼了" is profane, not abusive; a "may hurt someone" nudge would be
 * wrong there): sites that want a profanity nudge set `thresholds: { profanity: { warn: 0.8 } }`.
 * Doxing (the PII engine's risk score) is graded: the PII rule redacts every finding; a high risk (≥ 0.7: e.g.
 * a name and a phone, or an address with a call to action such as "大家去问候一下") is held for review; a critical
 * one (≥ 0.95: name, address and contact with a call to action or a disclosure cue) is rejected.
 */
export const DEFAULT_THRESHOLDS: Readonly<Record<AbuseCategory, Readonly<CategoryThresholds>>> =
  Object.freeze({
    insult: { warn: 0.5, hold: 0.8, reject: 0.95 },
    threat: { warn: 0.4, hold: 0.6, reject: 0.85 },
    identity_attack: { warn: 0.5, hold: 0.75, reject: 0.9 },
    sexual_harassment: { warn: 0.4, hold: 0.65, reject: 0.9 },
    incitement: { warn: 0.4, hold: 0.6, reject: 0.85 },
    profanity: { warn: 2, hold: 2, reject: 2 },
    doxing: { warn: 2, hold: 0.7, reject: 0.95 },
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

/** One input's proposal: an action, reasons, and the message to show if it wins. */
export interface Proposal {
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

/** The proposals of the content rules, with the categories and the redact flag they set. */
export interface ContentProposals {
  proposals: Proposal[]
  categories: string[]
  redact: boolean | undefined
  /** The abuse scores call for at least `warn`. */
  abusive: boolean
}

/**
 * Steps 1 and 2 of {@link decide}: the PII rule and the abuse thresholds.
 *
 * @param verdict - from `analyze`
 * @param options - policy options
 * @param minorMessage - when the target is a minor, the message of the raised actions (omitted: not a minor)
 * @returns the proposals, categories and redact flag
 */
export function contentProposals(
  verdict: Verdict,
  options: DecideOptions,
  minorMessage?: LocalizedMessage,
): ContentProposals {
  const minor = minorMessage !== undefined
  const proposals: Proposal[] = []
  const categories: string[] = []
  let redact: boolean | undefined

  // 1. Personal information.
  const pii = verdict.pii ?? []
  if (pii.length > 0) {
    const types = [...new Set<PiiType>(pii.map((f) => f.type))]
    let action: DecisionAction = options.onPii ?? 'redact'
    if (action === 'redact') redact = true
    const reasons = types.map((t) => `pii:${t}`)
    let message = PII_MESSAGES[action]
    if (minor && SEVERITY[action] < SEVERITY.hold) {
      action = 'hold'
      reasons.push('minor')
      message = minorMessage
    }
    proposals.push({ action, reasons, message })
    categories.push(...types)
  }

  // 2. Abuse categories.
  const abuse = abuseAction(verdict, options, minor)
  if (abuse.action !== 'allow') {
    const reasons = abuse.categories.map((c) => `abuse:${c}`)
    if (minor) reasons.push('minor')
    const message = minor && abuse.action === 'hold' ? minorMessage : ABUSE_MESSAGES[abuse.action]
    proposals.push({ action: abuse.action, reasons, message })
    for (const c of abuse.categories) if (!categories.includes(c)) categories.push(c)
  }
  return { proposals, categories, redact, abusive: abuse.action !== 'allow' }
}

/**
 * Combines proposals into a decision: the most severe wins (the first of equals), every reason is kept.
 *
 * @param proposals - in rule order
 * @param categories - PII types and abuse categories
 * @param flags - `redact` and `collapse`
 * @returns the decision
 */
export function combine(
  proposals: readonly Proposal[],
  categories: string[],
  flags: { redact?: boolean; collapse?: boolean } = {},
): Decision {
  if (proposals.length === 0)
    return { action: 'allow', reasons: [], categories: [], userMessage: PII_MESSAGES.allow }
  let winner = proposals[0]!
  for (const p of proposals) if (SEVERITY[p.action] > SEVERITY[winner.action]) winner = p
  const reasons = [...winner.reasons]
  for (const p of proposals) for (const r of p.reasons) if (!reasons.includes(r)) reasons.push(r)
  const decision: Decision = { action: winner.action, reasons, categories, userMessage: winner.message }
  const retryAfter = Math.max(0, ...proposals.map((p) => p.retryAfter ?? 0))
  if (retryAfter > 0 && winner.action === 'reject') decision.retryAfter = retryAfter
  if (flags.redact) decision.redact = true
  if (flags.collapse) decision.collapse = true
  return decision
}

/**
 * Decides on content alone: the PII rule and the abuse thresholds, without any context. Returns the same
 * decision as `decide(verdict, options)`; use it where no context exists (the browser) to keep bundles small.
 *
 * @param verdict - from `analyze`
 * @param options - policy options (`onPii`, `thresholds`)
 * @returns the decision
 * @example
 * ```ts
 * decideContent(analyze('call 13800138000'), { onPii: 'warn' }).action // 'warn'
 * ```
 * @see https://github.com/comment-shield/comment-shield/blob/main/docs/policy.md
 */
export function decideContent(verdict: Verdict, options: DecideOptions = {}): Decision {
  const { proposals, categories, redact } = contentProposals(verdict, options)
  return combine(proposals, categories, { redact })
}
