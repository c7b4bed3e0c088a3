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
import type { OffenderStanding } from '../offenders/index.ts'
import type { PileOnLevel } from '../pile-on/index.ts'
import type { ProtectionCheck } from '../protection/index.ts'
import { combine, contentProposals } from './content.ts'
import type { Decision, DecideOptions, LocalizedMessage } from './content.ts'

// The content rules (PII, abuse thresholds) live in ./content.ts so light bundles can use them alone.
export { abuseAction, decideContent, DEFAULT_THRESHOLDS, resolveThresholds } from './content.ts'
export type {
  CategoryThresholds,
  Decision,
  DecisionAction,
  DecideOptions,
  LocalizedMessage,
} from './content.ts'

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
  // 1 and 2. Personal information and the abuse categories.
  const content = contentProposals(verdict, context, minor ? MESSAGES.minor : undefined)
  const { proposals, categories, abusive } = content

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

  // The most severe proposal wins (the first of equals: PII, abuse, pile-on, protection, ladder).
  return combine(proposals, categories, { redact: content.redact, collapse })
}
