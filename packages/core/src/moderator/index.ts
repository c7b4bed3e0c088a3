/**
 * `createModerator()`: one call per comment that ties the engines together: local analysis, optional async
 * scorers (e.g. Claude as a second opinion), pile-on ingest, protection mode, the offender ledger and the
 * policy. The node package's endpoints and the widget call `moderate(comment)`.
 *
 * **Order of work in `moderate`:**
 * 1. `analyze(text)` (local, synchronous);
 * 2. each scorer in turn, given the current abuse result as `local`; a scorer that throws or rejects leaves
 *    the current result and marks it `degraded: true`;
 * 3. with a `targetId`: ingest into the pile-on detector (this comment counts), then let protection mode see
 *    the level (it may switch itself on);
 * 4. protection mode's check for this author on this target (hold / rate limit / collapse);
 * 5. if the comment is abusive enough to hold (or abusive at all inside an active pile-on), a strike in the
 *    offender ledger; the author's standing after it (read beside steps 3–4 unless the comment is abusive enough to hold);
 * 6. `decide(verdict, context)`.
 *
 * A failing store (e.g. Redis down) never fails the comment: steps 3–5 are skipped, the content decision
 * stands and the result says `degraded: true` (and `onError` hears about it).
 *
 * @module
 */
import { analyze as defaultAnalyze } from '../analyze.ts'
import type { Verdict } from '../analyze.ts'
import { invalidOption } from '../errors.ts'
import { createOffenderLedger } from '../offenders/index.ts'
import type { OffenderLedger, OffenderLedgerOptions, OffenderStanding } from '../offenders/index.ts'
import { createPileOnDetector } from '../pile-on/index.ts'
import type { PileOnDetector, PileOnDetectorOptions, PileOnStatus } from '../pile-on/index.ts'
import { abuseAction, decide } from '../policy/index.ts'
import type { Decision, DecideOptions } from '../policy/index.ts'
import { createProtection } from '../protection/index.ts'
import type { Protection, ProtectionCheck, ProtectionOptions } from '../protection/index.ts'
import { refineAbuse } from '../score/index.ts'
import type { AbuseScorer } from '../score/index.ts'
import { createMemoryStore } from '../store/index.ts'
import type { Store } from '../store/index.ts'

/** A comment to moderate. Only `text` is required; the rest switches on the per-target features. */
export interface ModerateInput {
  text: string
  /** The person the comment is about (post author or mentioned user): enables pile-on and protection. */
  targetId?: string
  threadId?: string
  /** The commenter: enables protection's per-author rules and the offender ledger. */
  authorId?: string
  authorAccountAgeDays?: number
  authorFollowsTarget?: boolean
  /** `{ minor: true }` when the target is a minor. */
  protectedTarget?: { minor?: boolean }
  /** Epoch ms of the comment; default `now()`. */
  at?: number
  /** Aborts the scorers (e.g. the request was cancelled). */
  signal?: AbortSignal
}

/** What `moderate` returns. Plain data. */
export interface ModerationResult {
  decision: Decision
  /** The analysis, with the scorers' abuse result merged in. */
  verdict: Verdict
  /** The target's pile-on status after this comment (with a `targetId`). */
  pileOn?: PileOnStatus
  /** Protection mode's check (with a `targetId`). */
  protection?: ProtectionCheck
  /** The author's standing after this comment (with an `authorId`). */
  offender?: OffenderStanding
  /** A scorer or the store failed; the decision rests on what worked. */
  degraded: boolean
}

/** Where a failure reported to {@link ModeratorOptions.onError} happened. */
export type ModeratorErrorStage = 'scorer' | 'store'

/** Options of {@link createModerator}. */
export interface ModeratorOptions {
  /** The clock, epoch ms. */
  now: () => number
  /** State for pile-ons, protection and the ledger; default a bounded in-memory store on `now`. */
  store?: Store
  /** Async scorers run after the local analysis, in order. */
  scorers?: readonly AbuseScorer[]
  /** The local analysis; default core's `analyze` (pass a lighter one in the browser). */
  analyze?: (text: string) => Verdict
  /** Policy options: `onPii`, per-category `thresholds`, `minorFactor`. */
  policy?: DecideOptions
  /** Pile-on detector options, or `false` to switch it off. */
  pileOn?: Omit<PileOnDetectorOptions, 'store' | 'now'> | false
  /** Protection-mode options, or `false` to switch it off. */
  protection?: Omit<ProtectionOptions, 'store' | 'now'> | false
  /** Offender-ledger options, or `false` to switch it off. */
  ledger?: Omit<OffenderLedgerOptions, 'store' | 'now'> | false
  /** Hears scorer and store failures (the comment is still moderated). */
  onError?: (error: unknown, stage: ModeratorErrorStage) => void
}

/** The moderator, with its parts for the endpoints that need them directly. */
export interface Moderator {
  moderate(input: ModerateInput): Promise<ModerationResult>
  readonly store: Store
  readonly detector?: PileOnDetector
  readonly protection?: Protection
  readonly ledger?: OffenderLedger
}

/**
 * Creates a moderator.
 *
 * @param options - clock, store, scorers, policy and per-feature options
 * @returns the moderator
 * @example
 * ```ts
 * const moderator = createModerator({ now: Date.now })
 * const { decision } = await moderator.moderate({ text: '滚出去', targetId: 'ann', authorId: 'u1' })
 * ```
 * @see https://github.com/comment-shield/comment-shield/blob/main/docs/policy.md#createmoderator
 */
export function createModerator(options: ModeratorOptions): Moderator {
  const { now } = options
  if (typeof now !== 'function') invalidOption('now', now, 'a function returning epoch milliseconds')
  const store = options.store ?? createMemoryStore({ now })
  const analyze = options.analyze ?? defaultAnalyze
  const scorers = options.scorers ?? []
  const policy = options.policy ?? {}
  const onError = options.onError
  const detector =
    options.pileOn === false ? undefined : createPileOnDetector({ ...options.pileOn, store, now })
  const protection =
    options.protection === false ? undefined : createProtection({ ...options.protection, store, now })
  const ledger =
    options.ledger === false ? undefined : createOffenderLedger({ ...options.ledger, store, now })

  function report(error: unknown, stage: ModeratorErrorStage): void {
    try {
      onError?.(error, stage)
    } catch {
      // onError must not fail the comment either.
    }
  }

  async function moderate(input: ModerateInput): Promise<ModerationResult> {
    if (typeof input?.text !== 'string') invalidOption('input.text', input?.text, 'a string')
    const { text, targetId, authorId } = input
    const verdict = analyze(text)
    let degraded = false

    // 2. Scorers: each refines the current result; a failure keeps it (and marks it degraded).
    const abuse = await refineAbuse(text, verdict.abuse, scorers, {
      signal: input.signal,
      onError: (error) => report(error, 'scorer'),
    })
    if (abuse.degraded) degraded = true
    verdict.abuse = abuse

    let pileOn: PileOnStatus | undefined
    let check: ProtectionCheck | undefined
    let offender: OffenderStanding | undefined
    const ledgerOn = authorId !== undefined && authorId !== '' && ledger !== undefined
    const content = ledgerOn ? abuseAction(verdict, policy, input.protectedTarget?.minor === true) : undefined
    // Most comments only read the author's standing (no strike): start that read now, beside the pile-on and
    // protection steps (other keys, nothing to order), so a networked store pays its round trip in parallel.
    // It is discarded if a pile-on turns the comment into a follow-on strike.
    const early =
      ledgerOn && content!.action !== 'hold' && content!.action !== 'reject'
        ? Promise.resolve(ledger.standing(authorId))
        : undefined
    early?.catch(() => undefined) // awaited (and its failure reported) below, or discarded
    try {
      // 3. Pile-on ingest, then protection sees the level.
      if (targetId !== undefined && detector) {
        pileOn = await detector.ingest({
          targetId,
          threadId: input.threadId,
          authorId: authorId ?? '',
          authorAccountAgeDays: input.authorAccountAgeDays,
          authorFollowsTarget: input.authorFollowsTarget,
          at: input.at,
          abuseScore: abuse.score,
          text,
        })
      }
      // 4. Protection mode for this author; it observes the pile-on level in the same store read.
      if (targetId !== undefined && protection) {
        check = await protection.check({
          targetId,
          authorId,
          authorAccountAgeDays: input.authorAccountAgeDays,
          authorFollowsTarget: input.authorFollowsTarget,
          abuseScore: abuse.score,
          level: pileOn?.level,
        })
      }
      // 5. The ledger: a strike for a comment abusive enough to hold, or abusive at all inside a pile-on.
      if (ledgerOn) {
        const followOn = pileOn?.level === 'pile_on' && content!.action !== 'allow'
        if (content!.action === 'hold' || content!.action === 'reject' || followOn) {
          offender = await ledger.record(authorId, { categories: content!.categories, followOn, targetId })
        } else offender = await early
      }
    } catch (error) {
      degraded = true
      report(error, 'store')
    }

    const decision = decide(verdict, {
      ...policy,
      protectedTarget: input.protectedTarget,
      pileOn,
      protection: check,
      offender,
    })
    return { decision, verdict, pileOn, protection: check, offender, degraded }
  }

  return { moderate, store, detector, protection, ledger }
}
