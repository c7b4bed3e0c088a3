/**
 * The policy engine: turns a {@link Verdict} into a {@link Decision}.
 *
 * @module
 */
import type { Verdict } from '../analyze.ts'
import type { PiiType } from '../pii/index.ts'

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
  /** Machine-readable reason codes, e.g. `pii:phone`. */
  reasons: string[]
  /** PII types and abuse categories that drove the decision. */
  categories: string[]
  /** What to tell the person who wrote the comment. */
  userMessage: LocalizedMessage
  /** Seconds until the author may post again, for mutes and rate limits. */
  retryAfter?: number
}

/** Options of {@link decide}. */
export interface DecideOptions {
  /** What to do when personal information is found: `redact` (default), `warn`, `hold` or `reject`. */
  onPii?: Exclude<DecisionAction, 'allow'>
}

const MESSAGES: Record<DecisionAction, LocalizedMessage> = {
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

/**
 * Decides what to do with an analysed comment.
 *
 * @param verdict - from `analyze`
 * @param options - policy options
 * @returns the decision
 * @example
 * ```ts
 * decide(analyze('call 13800138000')).action // 'redact'
 * ```
 */
export function decide(verdict: Verdict, options: DecideOptions = {}): Decision {
  if (verdict.pii.length === 0)
    return { action: 'allow', reasons: [], categories: [], userMessage: MESSAGES.allow }
  const types = [...new Set<PiiType>(verdict.pii.map((f) => f.type))]
  const action = options.onPii ?? 'redact'
  return { action, reasons: types.map((t) => `pii:${t}`), categories: types, userMessage: MESSAGES[action] }
}
