/**
 * Protection mode: a per-target shield like Weibo's one-click protection, Instagram's Limits or X's Safety
 * Mode, but open and portable. Switched on automatically when the pile-on detector reaches `pile_on`
 * (configurable) or by the target or a moderator, for a duration (default 7 days) that ends by itself, with a
 * one-time notice before it does. While on:
 * - comments from accounts newer than `newAccountDays` and from non-followers are held for review;
 * - each author is rate-limited on the target;
 * - flagged comments are collapsed (`collapse: true`).
 *
 * The state is plain data for the widget's banner (`GET {base}/targets/:id/protection`).
 *
 * @module
 */
import { invalidOption } from '../errors.ts'
import type { PileOnLevel } from '../pile-on/index.ts'
import { chain } from '../store/index.ts'
import type { MaybePromise, Store } from '../store/index.ts'

/** Why protection is on: the detector's level, or a person's decision. */
export type ProtectionReason = 'pile_on' | 'elevated' | 'manual'

/** Who switched protection on or off. */
export type ProtectionActor = 'auto' | 'target' | 'moderator'

/** A target's protection state. Plain data. */
export interface ProtectionState {
  active: boolean
  /** Epoch ms it was switched on. */
  since?: number
  /** Epoch ms it ends by itself. */
  until?: number
  reason?: ProtectionReason
  by?: ProtectionActor
  /** True within `noticeMs` of `until`: time to tell the target it is about to end. */
  expiresSoon?: boolean
}

/** What {@link Protection.check} says about one comment. */
export interface ProtectionCheck {
  state: ProtectionState
  /** `hold` for review, `rate_limited` (reject with `retryAfter`), or `allow`. */
  action: 'allow' | 'hold' | 'rate_limited'
  /** `protection:new_account`, `protection:non_follower`, `protection:rate_limited`. */
  reasons: string[]
  /** Show the comment collapsed (flagged while protection is on). */
  collapse: boolean
  /** Seconds until the author may comment on this target again (rate limit). */
  retryAfter?: number
}

/** The author and comment facts protection needs. */
export interface ProtectionSubject {
  targetId: string
  authorId?: string
  authorAccountAgeDays?: number
  authorFollowsTarget?: boolean
  /** 0..1; at or above `collapseAt` the comment is collapsed while protection is on. */
  abuseScore?: number
  /**
   * The pile-on detector's level for this comment's target. When given, `check` first does what
   * {@link Protection.observe} does (switches protection on at `autoOn`) and reuses the state it read: one store
   * read per comment instead of two, which is one network round trip less on a Redis store.
   */
  level?: PileOnLevel
}

/** Passed to {@link ProtectionOptions.onChange}. */
export interface ProtectionChange {
  targetId: string
  state: ProtectionState
  at: number
}

/** Options of {@link createProtection}. */
export interface ProtectionOptions {
  store: Store
  /** The clock, epoch ms. */
  now: () => number
  /** Key prefix; default `prot:`. */
  prefix?: string
  /** Default duration; 7 days. */
  durationMs?: number
  /** How long before the end the one-time notice fires (`onExpiring`, `expiresSoon`); default 24 h. */
  noticeMs?: number
  /** Detector level that switches protection on by itself, or `false`; default `'pile_on'`. */
  autoOn?: Exclude<PileOnLevel, 'calm'> | false
  /** After a person switches protection off, the detector may not switch it back on for this long; default 1 h. */
  manualOffHoldMs?: number
  /** Accounts younger than this are held while on; default 7 days. */
  newAccountDays?: number
  /** Hold comments from new accounts; default true. */
  holdNewAccounts?: boolean
  /** Hold comments from authors known not to follow the target; default true. */
  holdNonFollowers?: boolean
  /** Per-author limit on the target while on, or `false`; default 3 comments per 10 minutes. */
  rateLimit?: { max: number; windowMs: number } | false
  /** Abuse score at which comments are collapsed while on; default 0.5. */
  collapseAt?: number
  /** Called when protection is switched on or off (not on silent expiry). Exceptions are ignored. */
  onChange?: (change: ProtectionChange) => void
  /** Called once per protection period when it enters the notice window. Exceptions are ignored. */
  onExpiring?: (change: ProtectionChange) => void
}

/** Options of {@link Protection.enable}. */
export interface EnableProtectionOptions {
  durationMs?: number
  reason?: ProtectionReason
  by?: ProtectionActor
}

/** Protection mode for many targets. Methods return synchronously on a synchronous store. */
export interface Protection {
  /** The state now; fires `onExpiring` once when inside the notice window. */
  get(targetId: string): MaybePromise<ProtectionState>
  /** Switches on (or extends) protection. */
  enable(targetId: string, options?: EnableProtectionOptions): MaybePromise<ProtectionState>
  /** Switches off. */
  disable(targetId: string, by?: ProtectionActor): MaybePromise<ProtectionState>
  /** Feeds the detector's level; switches on when it reaches `autoOn`. */
  observe(targetId: string, level: PileOnLevel): MaybePromise<ProtectionState>
  /**
   * What protection does to one comment (and counts it against the author's rate limit). With
   * `subject.level` it observes that level first, in the same store read.
   */
  check(subject: ProtectionSubject): MaybePromise<ProtectionCheck>
}

/** Stored per target: on, or a recent manual "off" that holds the detector back. */
interface Stored {
  on: boolean
  since: number
  until: number
  reason: ProtectionReason
  by: ProtectionActor
  /** The expiry notice has fired for this period. */
  noticed: boolean
}

const OFF: ProtectionState = Object.freeze({ active: false })
const LEVEL_RANK: Record<PileOnLevel, number> = { calm: 0, elevated: 1, pile_on: 2 }

/**
 * Creates protection mode over a store.
 *
 * @param options - store, clock, rules and callbacks
 * @returns the protection controller
 * @example
 * ```ts
 * const protection = createProtection({ store, now: Date.now, onExpiring: (c) => notify(c.targetId) })
 * protection.enable('ann', { by: 'target' })
 * protection.check({ targetId: 'ann', authorId: 'u1', authorAccountAgeDays: 2 }) // { action: 'hold', … }
 * ```
 * @see https://github.com/comment-shield/comment-shield/blob/main/docs/policy.md#protection-mode
 */
export function createProtection(options: ProtectionOptions): Protection {
  const { store, now } = options
  if (!store || typeof store.update !== 'function') invalidOption('store', store, 'a Store')
  if (typeof now !== 'function') invalidOption('now', now, 'a function returning epoch milliseconds')
  const prefix = options.prefix ?? 'prot:'
  const durationMs = options.durationMs ?? 7 * 86_400_000
  const noticeMs = options.noticeMs ?? 86_400_000
  const manualOffHoldMs = options.manualOffHoldMs ?? 3_600_000
  const autoOn = options.autoOn ?? 'pile_on'
  const newAccountDays = options.newAccountDays ?? 7
  const holdNewAccounts = options.holdNewAccounts ?? true
  const holdNonFollowers = options.holdNonFollowers ?? true
  const rateLimit = options.rateLimit ?? { max: 3, windowMs: 10 * 60_000 }
  const collapseAt = options.collapseAt ?? 0.5
  for (const [name, value] of [
    ['durationMs', durationMs],
    ['noticeMs', noticeMs],
    ['manualOffHoldMs', manualOffHoldMs],
    ['newAccountDays', newAccountDays],
  ] as const) {
    if (!(value > 0) || !Number.isFinite(value)) invalidOption(name, value, 'a positive finite number')
  }
  if (autoOn !== false && autoOn !== 'elevated' && autoOn !== 'pile_on')
    invalidOption('autoOn', autoOn, "'elevated', 'pile_on' or false")
  if (rateLimit !== false && !(rateLimit.max >= 1 && rateLimit.windowMs > 0))
    invalidOption('rateLimit', JSON.stringify(rateLimit), '{ max ≥ 1, windowMs > 0 } or false')

  /** The public state of a stored record at `at`: a tombstone or an ended period reads as off. */
  function view(s: Stored | undefined, at: number): ProtectionState {
    if (!s?.on || s.until <= at) return OFF
    return {
      active: true,
      since: s.since,
      until: s.until,
      reason: s.reason,
      by: s.by,
      expiresSoon: s.until - at <= noticeMs,
    }
  }

  function safely(fn: ((c: ProtectionChange) => void) | undefined, change: ProtectionChange): void {
    try {
      fn?.(change)
    } catch {
      // A listener's failure must not fail the request that triggered it.
    }
  }

  /**
   * Starts (or restarts) a protection period of `durationMs` from now. Re-enabling an active period keeps its
   * `since` and restarts the clock, so a target can extend protection; `onChange` fires only when it was off.
   */
  function enable(targetId: string, opts: EnableProtectionOptions = {}): MaybePromise<ProtectionState> {
    const at = now()
    const duration = opts.durationMs ?? durationMs
    if (!(duration > 0)) invalidOption('durationMs', duration, 'a positive number')
    let was = false
    const written = store.update<Stored>(
      prefix + targetId,
      (current) => {
        was = !!current?.on && current.until > at
        const until = at + duration
        return {
          on: true,
          since: was ? current!.since : at,
          until,
          reason: opts.reason ?? 'manual',
          by: opts.by ?? 'moderator',
          noticed: was && current!.until === until ? current!.noticed : false,
        }
      },
      // Kept until the end of the period: the state expires by itself.
      duration,
    )
    return chain(written, (s) => {
      const state = view(s, at)
      if (!was) safely(options.onChange, { targetId, state, at })
      return state
    })
  }

  function get(targetId: string): MaybePromise<ProtectionState> {
    const key = prefix + targetId
    return chain(store.get<Stored>(key), (current) => {
      const at = now()
      const state = view(current, at)
      if (!state.expiresSoon || current!.noticed) return state
      // Compare-and-set: of many concurrent readers (or servers), exactly one sends the notice.
      const next: Stored = { ...current!, noticed: true }
      return chain(store.compareAndSet(key, current, next, current!.until - at), (won) => {
        if (won) safely(options.onExpiring, { targetId, state, at })
        return state
      })
    })
  }

  function observe(targetId: string, level: PileOnLevel): MaybePromise<ProtectionState> {
    if (autoOn === false || LEVEL_RANK[level] < LEVEL_RANK[autoOn]) return get(targetId)
    return chain(store.get<Stored>(prefix + targetId), (current) => {
      const at = now()
      if (current?.on && current.until > at) return view(current, at)
      if (current && !current.on && current.by !== 'auto') return OFF // a person just switched it off
      return enable(targetId, { reason: level === 'pile_on' ? 'pile_on' : 'elevated', by: 'auto' })
    })
  }

  return {
    get,

    enable,

    disable(targetId: string, by: ProtectionActor = 'moderator'): MaybePromise<ProtectionState> {
      const at = now()
      let was = false
      const written = store.update<Stored>(
        prefix + targetId,
        (current) => {
          was = !!current?.on && current.until > at
          // A tombstone: the detector may not switch it straight back on (see manualOffHoldMs).
          return { on: false, since: at, until: at, reason: 'manual', by, noticed: false }
        },
        manualOffHoldMs,
      )
      return chain(written, () => {
        if (was) safely(options.onChange, { targetId, state: OFF, at })
        return OFF
      })
    },

    observe,

    // Holds first, then the per-author, per-target fixed-window
    // rate limit: every comment while protection is on counts, held or not, so holding cannot be used to
    // flood the review queue.
    check(subject: ProtectionSubject): MaybePromise<ProtectionCheck> {
      const { targetId, authorId, level } = subject
      return chain(level === undefined ? get(targetId) : observe(targetId, level), (state) => {
        const allow: ProtectionCheck = { state, action: 'allow', reasons: [], collapse: false }
        // The target's own comments are never held or limited on their own page.
        if (!state.active || authorId === undefined || authorId === targetId) return allow
        const reasons: string[] = []
        if (
          holdNewAccounts &&
          subject.authorAccountAgeDays !== undefined &&
          subject.authorAccountAgeDays < newAccountDays
        )
          reasons.push('protection:new_account')
        if (holdNonFollowers && subject.authorFollowsTarget === false) reasons.push('protection:non_follower')
        const collapse = (subject.abuseScore ?? 0) >= collapseAt
        const held: ProtectionCheck = {
          state,
          action: reasons.length > 0 ? 'hold' : 'allow',
          reasons,
          collapse,
        }
        if (rateLimit === false) return held
        return chain(
          store.increment(`${prefix}rl:${targetId}:${authorId}`, 1, rateLimit.windowMs),
          ({ count, resetAt }) => {
            if (count <= rateLimit.max) return held
            return {
              state,
              action: 'rate_limited',
              reasons: [...reasons, 'protection:rate_limited'],
              collapse,
              retryAfter: Math.max(1, Math.ceil((resetAt - now()) / 1000)),
            }
          },
        )
      })
    },
  }
}
