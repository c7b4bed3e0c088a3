/**
 * Pile-on and water-army detection: `createPileOnDetector({ store, now })` ingests comment events and tells,
 * per target (the person talked about, not just the thread), whether it is `calm`, `elevated` or under a
 * `pile_on`, with the reasons and the numbers behind them.
 *
 * **Signals, per target** (all documented with their defaults in docs/pile-on.md):
 * 1. hostile-comment *rate* against the target's own EWMA baseline (Poisson upper tail), so a small blog and a
 *    celebrity are each judged by their own normal;
 * 2. hostile *share* of all comments against the baseline share (one-sided z test plus an effect size), so a
 *    thread that goes viral with friendly comments, where hostility grows only in proportion, stays calm;
 * 3. distinct hostile authors in the window, and the shares of new accounts and non-followers among hostile
 *    comments (amplifiers);
 * 4. coordinated posting: MinHash near-duplicate clusters across different accounts (≥ 5 accounts posting
 *    ≥ 0.8-similar text within 10 minutes).
 *
 * **State.** One JSON object per target in the {@link Store}, changed with one atomic `update` per event, so
 * the in-memory hot path is one LRU lookup and the Redis path one optimistic read-modify-write, and two servers
 * sharing one Redis see one pile-on.
 *
 * @module
 */
import { invalidOption } from '../errors.ts'
import { chain } from '../store/index.ts'
import type { MaybePromise, Store } from '../store/index.ts'
import { textSignature, signatureSimilarity } from './similarity.ts'
import { poissonUpperTail, proportionZ } from './stats.ts'

/** How a target is doing, from least to most severe. */
export type PileOnLevel = 'calm' | 'elevated' | 'pile_on'

/** Every level, least severe first. */
export const PILE_ON_LEVELS: readonly PileOnLevel[] = ['calm', 'elevated', 'pile_on']

/**
 * Why a level was reached. Stable codes:
 * - `surge`: hostile rate and share both far above the target's own baseline;
 * - `strong_surge`: the same at the pile-on significance level with many distinct authors;
 * - `new_accounts` / `non_followers`: a surge carried mostly by new accounts or non-followers;
 * - `water_army`: a near-duplicate cluster across accounts;
 * - `cooldown`: the level is held because its condition held less than `cooldownMs` ago.
 */
export type PileOnReason =
  'surge' | 'strong_surge' | 'new_accounts' | 'non_followers' | 'water_army' | 'cooldown'

/** A comment as the detector sees it. */
export interface PileOnEvent {
  /** The person the comment is about: the post's author or a mentioned user. */
  targetId: string
  threadId?: string
  authorId: string
  /** Age of the author's account in days, when known. */
  authorAccountAgeDays?: number
  /** Whether the author follows the target, when known. */
  authorFollowsTarget?: boolean
  /** Epoch ms of the comment; default `now()`. */
  at?: number
  /** 0..1 abuse score of the comment (`verdict.abuse.score`). */
  abuseScore: number
  /** The comment text, for near-duplicate detection. */
  text?: string
}

/** The numbers behind a level. Counts cover the window (the current bucket plus the previous one). */
export interface PileOnStats {
  /** Hostile comments in the window. */
  hostile: number
  /** All comments in the window. */
  total: number
  /** Hostile comments the baseline expects in a window this long. */
  expected: number
  /** P(at least `hostile` | baseline), Poisson upper tail; 1 when not above the baseline. */
  pValue: number
  /** `hostile / total`. */
  hostileShare: number
  /** The target's usual hostile share (EWMA, floored). */
  baselineShare: number
  /** One-sided z-score of the hostile share against `baselineShare`. */
  shareZ: number
  /** Distinct authors of hostile comments in the window. */
  authors: number
  /** Share of hostile comments from accounts younger than `newAccountDays`. */
  newAccountShare: number
  /** Share of hostile comments from authors known not to follow the target. */
  nonFollowerShare: number
  /** Accounts in the largest near-duplicate cluster within `dupWindowMs`. */
  cluster: number
  /** Buckets of history behind the baseline. */
  baselineBuckets: number
}

/** What the detector says about a target. Plain data. */
export interface PileOnStatus {
  targetId: string
  level: PileOnLevel
  /** Epoch ms since which the target has been at this level. */
  since: number
  reasons: PileOnReason[]
  stats: PileOnStats
}

/** Passed to {@link PileOnDetectorOptions.onLevelChange}. */
export interface PileOnLevelChange {
  targetId: string
  from: PileOnLevel
  to: PileOnLevel
  at: number
  status: PileOnStatus
}

/** Options of {@link createPileOnDetector}. Every threshold has a documented default. */
export interface PileOnDetectorOptions {
  store: Store
  /** The clock, epoch ms. */
  now: () => number
  /** Called once per level change (also on the way down). Exceptions thrown by it are ignored. */
  onLevelChange?: (change: PileOnLevelChange) => void
  /** Key prefix in the store; default `po:`. */
  prefix?: string
  /** A comment with `abuseScore ≥ hostileThreshold` is hostile; default 0.5. */
  hostileThreshold?: number
  /** Baseline bucket length; the window is the current plus the previous bucket. Default 5 min. */
  bucketMs?: number
  /** EWMA weight of each closed bucket; default 0.1 (a memory of ~10 buckets). */
  alpha?: number
  /** Floor of the baseline hostile rate per bucket, so a target with no history is not alarmed by 2 comments. Default 0.5. */
  minBaselineRate?: number
  /** Floor of the baseline hostile share; default 0.05. */
  minBaselineShare?: number
  /** Buckets with fewer comments do not teach the baseline share; default 5. */
  minShareSample?: number
  /** Poisson p-value for `elevated`; default 1e-3. */
  elevatedPValue?: number
  /** Poisson p-value for `pile_on`; default 1e-6. */
  pileOnPValue?: number
  /** Share z-score needed for a surge; default 3. */
  shareZ?: number
  /** The hostile share must also reach max(this, 2 × baseline share); default 0.2. */
  minHostileShare?: number
  /** Distinct hostile authors for `elevated`; default 5. */
  elevatedAuthors?: number
  /** Distinct hostile authors for `pile_on`; default 10. */
  pileOnAuthors?: number
  /** Distinct hostile authors for `pile_on` when new accounts or non-followers carry the surge; default 6. */
  amplifiedAuthors?: number
  /** Accounts younger than this many days are new; default 7. */
  newAccountDays?: number
  /** New-account share of hostile comments that amplifies a surge; default 0.5. */
  newAccountShare?: number
  /** Non-follower share of hostile comments that amplifies a surge; default 0.8. */
  nonFollowerShare?: number
  /** Comments with `abuseScore ≥ dupMinScore` are sketched for near-duplicates (coordinated praise is not a pile-on); default 0.3. */
  dupMinScore?: number
  /** Estimated Jaccard similarity that makes two texts near-duplicates; default 0.8. */
  dupSimilarity?: number
  /** Window of a near-duplicate cluster; default 10 min. */
  dupWindowMs?: number
  /** Accounts in a cluster for the `water_army` signal (`elevated`); twice as many, or with a surge, is `pile_on`. Default 5. */
  dupMinAccounts?: number
  /** Recent sketches kept per target; default 64. */
  dupRingSize?: number
  /** A level is held this long after its condition last held; default 30 min. */
  cooldownMs?: number
  /** Distinct hostile authors tracked per target (the count saturates there); default 2 000. */
  maxTrackedAuthors?: number
  /** Lifetime of an idle target's state (its baseline); default 14 days. */
  stateTtlMs?: number
}

/** The detector. Methods return synchronously on a synchronous store. */
export interface PileOnDetector {
  /** Records a comment and returns the target's status after it. */
  ingest(event: PileOnEvent): MaybePromise<PileOnStatus>
  /** The target's status now, without recording anything (but applying cooldowns, which may emit a change). */
  status(targetId: string): MaybePromise<PileOnStatus>
}

/** The stored per-target state. Short keys: it is serialised on every event by networked stores. */
interface TargetState {
  /** Start of the current bucket (epoch ms, a multiple of bucketMs). */
  b: number
  /** Hostile / all / new-account hostile / non-follower hostile comments, current bucket. */
  h: number
  n: number
  na: number
  nf: number
  /** The same, previous bucket. */
  ph: number
  pn: number
  pna: number
  pnf: number
  /** EWMA of hostile comments per bucket and of the hostile share; closed buckets learned. */
  mu: number
  sh: number
  nb: number
  /** Hostile author → epoch ms of their last hostile comment (keys prefixed with `~`). */
  au: Record<string, number>
  /** Live entries of `au`. */
  ac: number
  /** Recent sketches: [at, authorId, signature, cluster id]. */
  ring: [number, string, number[], number][]
  /** Next cluster id. */
  ci: number
  /** Largest near-duplicate cluster and when it was seen. */
  cl: number
  ca: number
  /** Level, since when, and when the pile_on / elevated conditions last held. */
  lv: PileOnLevel
  ls: number
  pt: number
  et: number
}

/** "Never" as a JSON-safe number (±Infinity would serialise as null in a networked store). */
const NEVER = -8.64e15

function positive(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !(value > 0) || !Number.isFinite(value))
    invalidOption(name, value, 'a positive finite number')
  return value
}

function unit(name: string, value: number | undefined, fallback: number): number {
  if (value === undefined) return fallback
  if (typeof value !== 'number' || !(value >= 0 && value <= 1))
    invalidOption(name, value, 'a number in [0, 1]')
  return value
}

/**
 * Creates a pile-on detector.
 *
 * @param options - store, clock, callbacks and thresholds
 * @returns the detector
 * @example
 * ```ts
 * const detector = createPileOnDetector({
 *   store: createMemoryStore({ now: Date.now }),
 *   now: Date.now,
 *   onLevelChange: (c) => console.log(c.targetId, c.from, '→', c.to, c.status.reasons),
 * })
 * detector.ingest({ targetId: 'ann', authorId: 'u1', abuseScore: 0.9, text: '滚出去' })
 * ```
 * @see https://github.com/comment-shield/comment-shield/blob/main/docs/pile-on.md
 */
export function createPileOnDetector(options: PileOnDetectorOptions): PileOnDetector {
  const { store, now, onLevelChange } = options
  if (!store || typeof store.update !== 'function') invalidOption('store', store, 'a Store')
  if (typeof now !== 'function') invalidOption('now', now, 'a function returning epoch milliseconds')
  const prefix = options.prefix ?? 'po:'
  const hostileThreshold = unit('hostileThreshold', options.hostileThreshold, 0.5)
  const bucketMs = positive('bucketMs', options.bucketMs, 5 * 60_000)
  const alpha = unit('alpha', options.alpha, 0.1)
  const minBaselineRate = positive('minBaselineRate', options.minBaselineRate, 0.5)
  const minBaselineShare = unit('minBaselineShare', options.minBaselineShare, 0.05)
  const minShareSample = positive('minShareSample', options.minShareSample, 5)
  const elevatedPValue = unit('elevatedPValue', options.elevatedPValue, 1e-3)
  const pileOnPValue = unit('pileOnPValue', options.pileOnPValue, 1e-6)
  const shareZ = positive('shareZ', options.shareZ, 3)
  const minHostileShare = unit('minHostileShare', options.minHostileShare, 0.2)
  const elevatedAuthors = positive('elevatedAuthors', options.elevatedAuthors, 5)
  const pileOnAuthors = positive('pileOnAuthors', options.pileOnAuthors, 10)
  const amplifiedAuthors = positive('amplifiedAuthors', options.amplifiedAuthors, 6)
  const newAccountDays = positive('newAccountDays', options.newAccountDays, 7)
  const newAccountShare = unit('newAccountShare', options.newAccountShare, 0.5)
  const nonFollowerShare = unit('nonFollowerShare', options.nonFollowerShare, 0.8)
  const dupMinScore = unit('dupMinScore', options.dupMinScore, 0.3)
  const dupSimilarity = unit('dupSimilarity', options.dupSimilarity, 0.8)
  const dupWindowMs = positive('dupWindowMs', options.dupWindowMs, 10 * 60_000)
  const dupMinAccounts = positive('dupMinAccounts', options.dupMinAccounts, 5)
  const dupRingSize = positive('dupRingSize', options.dupRingSize, 64)
  const cooldownMs = positive('cooldownMs', options.cooldownMs, 30 * 60_000)
  const maxTrackedAuthors = positive('maxTrackedAuthors', options.maxTrackedAuthors, 2_000)
  const stateTtlMs = positive('stateTtlMs', options.stateTtlMs, 14 * 86_400_000)
  const windowMs = 2 * bucketMs
  const decay = 1 - alpha

  function fresh(bucket: number, at: number): TargetState {
    return {
      b: bucket,
      h: 0,
      n: 0,
      na: 0,
      nf: 0,
      ph: 0,
      pn: 0,
      pna: 0,
      pnf: 0,
      mu: minBaselineRate,
      sh: minBaselineShare,
      nb: 0,
      au: {},
      ac: 0,
      ring: [],
      ci: 0,
      cl: 0,
      ca: 0,
      lv: 'calm',
      ls: at,
      pt: NEVER,
      et: NEVER,
    }
  }

  /** Closes buckets up to the one containing `at`, teaching the baseline, and prunes old authors and sketches. */
  function roll(s: TargetState, at: number): void {
    const bucket = Math.floor(at / bucketMs) * bucketMs
    if (bucket <= s.b) return // same bucket, or a late event: counted in the current bucket
    const steps = Math.round((bucket - s.b) / bucketMs)
    // The baseline learns only while calm: an attack must not teach the detector that attacks are normal.
    if (s.lv === 'calm') {
      s.mu = decay * s.mu + alpha * s.h
      if (s.n >= minShareSample) s.sh = decay * s.sh + alpha * (s.h / s.n)
    }
    s.nb++
    if (steps === 1) {
      s.ph = s.h
      s.pn = s.n
      s.pna = s.na
      s.pnf = s.nf
    } else {
      // steps - 1 empty buckets: the rate decays as if each had been learned with 0 hostile comments.
      const empty = Math.min(steps - 1, 1_000)
      if (s.lv === 'calm') s.mu *= decay ** empty
      s.nb += empty
      s.ph = s.pn = s.pna = s.pnf = 0
    }
    s.h = s.n = s.na = s.nf = 0
    s.b = bucket
    if (s.mu < minBaselineRate) s.mu = minBaselineRate
    if (s.sh < minBaselineShare) s.sh = minBaselineShare
    if (s.ac > 0) {
      const cutoff = at - windowMs
      let live = 0
      for (const key in s.au) {
        if (s.au[key]! <= cutoff) delete s.au[key]
        else live++
      }
      s.ac = live
    }
    const ringCutoff = at - dupWindowMs
    let drop = 0
    while (drop < s.ring.length && s.ring[drop]![0] <= ringCutoff) drop++
    if (drop > 0) s.ring.splice(0, drop)
  }

  /**
   * Adds a sketch and returns the accounts in its near-duplicate cluster (itself included). Leader-style
   * single linkage: the new text joins the cluster of its most similar recent text, so paraphrases of
   * paraphrases chain into one cluster, as a water army's rotating templates do.
   */
  function cluster(s: TargetState, at: number, authorId: string, sig: number[]): number {
    const cutoff = at - dupWindowMs
    let best = dupSimilarity
    let id = -1
    for (const [t, , other, otherId] of s.ring) {
      if (t <= cutoff) continue
      const similarity = signatureSimilarity(sig, other)
      if (similarity >= best) {
        best = similarity
        id = otherId
      }
    }
    if (id < 0) id = s.ci++
    s.ring.push([at, authorId, sig, id])
    if (s.ring.length > dupRingSize) s.ring.shift()
    const accounts = new Set<string>()
    for (const [t, author, , otherId] of s.ring) if (otherId === id && t > cutoff) accounts.add(author)
    return accounts.size
  }

  function evaluate(targetId: string, s: TargetState, at: number): PileOnStatus {
    const hostile = s.h + s.ph
    const total = s.n + s.pn
    const elapsed = Math.min(1, Math.max(0, (at - s.b) / bucketMs))
    // The window spans the previous bucket (if any) plus the elapsed part of the current one.
    const expected = s.mu * (1 + elapsed)
    const pValue = hostile >= elevatedAuthors ? poissonUpperTail(hostile, expected) : 1
    const baselineShare = Math.min(0.95, s.sh)
    const hostileShare = total > 0 ? hostile / total : 0
    const z = proportionZ(hostile, total, baselineShare)
    const newShare = hostile > 0 ? (s.na + s.pna) / hostile : 0
    const nonFollow = hostile > 0 ? (s.nf + s.pnf) / hostile : 0
    const clusterSize = s.ca > at - dupWindowMs ? s.cl : 0
    const authors = s.ac

    const reasons: PileOnReason[] = []
    const shareOk = z >= shareZ && hostileShare >= Math.max(minHostileShare, 2 * baselineShare)
    const surge = shareOk && pValue <= elevatedPValue && authors >= elevatedAuthors
    let condition = 0
    if (surge) {
      condition = 1
      reasons.push('surge')
      if (pValue <= pileOnPValue && authors >= pileOnAuthors) {
        condition = 2
        reasons.push('strong_surge')
      }
      const byNew = newShare >= newAccountShare
      const byStrangers = nonFollow >= nonFollowerShare
      if (byNew) reasons.push('new_accounts')
      if (byStrangers) reasons.push('non_followers')
      if ((byNew || byStrangers) && authors >= amplifiedAuthors) condition = 2
    }
    if (clusterSize >= dupMinAccounts) {
      reasons.push('water_army')
      condition = Math.max(condition, surge || clusterSize >= 2 * dupMinAccounts ? 2 : 1)
    }
    if (condition >= 2) s.pt = at
    if (condition >= 1) s.et = at
    // Hysteresis: a level holds until its condition has been absent for cooldownMs.
    let rank = condition
    if (rank < 2 && at - s.pt < cooldownMs) rank = 2
    else if (rank < 1 && at - s.et < cooldownMs) rank = 1
    if (rank > condition) reasons.push('cooldown')
    const level = PILE_ON_LEVELS[rank]!
    if (level !== s.lv) {
      s.lv = level
      s.ls = at
    }
    return {
      targetId,
      level,
      since: s.ls,
      reasons,
      stats: {
        hostile,
        total,
        expected,
        pValue,
        hostileShare,
        baselineShare,
        shareZ: z,
        authors,
        newAccountShare: newShare,
        nonFollowerShare: nonFollow,
        cluster: clusterSize,
        baselineBuckets: s.nb,
      },
    }
  }

  function calmStatus(targetId: string, at: number): PileOnStatus {
    return evaluate(targetId, fresh(Math.floor(at / bucketMs) * bucketMs, at), at)
  }

  function emit(from: PileOnLevel, status: PileOnStatus, at: number): void {
    if (!onLevelChange || from === status.level) return
    try {
      onLevelChange({ targetId: status.targetId, from, to: status.level, at, status })
    } catch {
      // A listener's failure must not fail the comment that triggered it.
    }
  }

  return {
    ingest(event: PileOnEvent): MaybePromise<PileOnStatus> {
      const { targetId, authorId } = event
      if (typeof targetId !== 'string' || targetId === '')
        invalidOption('event.targetId', targetId, 'a non-empty string')
      const at = event.at ?? now()
      const score = Number.isFinite(event.abuseScore) ? event.abuseScore : 0
      const isHostile = score >= hostileThreshold
      // Sketch outside the update: networked stores may retry the callback, the signature stays the same.
      const sig =
        score >= dupMinScore && event.text !== undefined && authorId ? textSignature(event.text) : undefined
      let status: PileOnStatus | undefined
      let from: PileOnLevel = 'calm'
      const written = store.update<TargetState>(
        prefix + targetId,
        (current) => {
          const s = current ?? fresh(Math.floor(at / bucketMs) * bucketMs, at)
          from = s.lv
          roll(s, at)
          s.n++
          if (isHostile) {
            s.h++
            if (event.authorAccountAgeDays !== undefined && event.authorAccountAgeDays < newAccountDays)
              s.na++
            if (event.authorFollowsTarget === false) s.nf++
            const key = '~' + String(authorId)
            const seen = s.au[key]
            if (seen !== undefined) s.au[key] = Math.max(seen, at)
            else if (s.ac < maxTrackedAuthors) {
              s.au[key] = at
              s.ac++
            }
          }
          if (sig) {
            const size = cluster(s, at, String(authorId), sig)
            if (size >= s.cl || s.ca <= at - dupWindowMs) {
              s.cl = size
              s.ca = at
            }
          }
          status = evaluate(targetId, s, at)
          return s
        },
        stateTtlMs,
      )
      return chain(written, () => {
        const result = status!
        emit(from, result, at)
        return result
      })
    },

    status(targetId: string): MaybePromise<PileOnStatus> {
      const at = now()
      let status: PileOnStatus | undefined
      let from: PileOnLevel = 'calm'
      const written = store.update<TargetState>(
        prefix + targetId,
        (current) => {
          if (current === undefined) return undefined
          from = current.lv
          roll(current, at)
          status = evaluate(targetId, current, at)
          return current
        },
        stateTtlMs,
      )
      return chain(written, () => {
        if (!status) return calmStatus(targetId, at)
        emit(from, status, at)
        return status
      })
    },
  }
}
