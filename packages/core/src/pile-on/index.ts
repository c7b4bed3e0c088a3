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
import { chain, isPromiseLike } from '../store/index.ts'
import type { MaybePromise, Store } from '../store/index.ts'
import { packSignature, packedSimilarityAtLeast, textSignature } from './similarity.ts'
import { binomialUpperTail, poissonUpperTail } from './stats.ts'

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
  /** P(at least `hostile` of `total` | baseline share), exact binomial upper tail; 1 when not above it. */
  sharePValue: number
  /** Distinct authors of hostile comments in the window. */
  authors: number
  /** Share of hostile comments from accounts younger than `newAccountDays`. */
  newAccountShare: number
  /** Hostile minus friendly new-account share: how much more the hostility comes from new accounts. */
  newAccountLift: number
  /** Share of hostile comments from authors known not to follow the target. */
  nonFollowerShare: number
  /** Hostile minus friendly non-follower share. */
  nonFollowerLift: number
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
  /** A closed bucket teaches the baseline only if its counts are this likely under it; default 0.01. */
  learnPValue?: number
  /** Buckets learned as a plain running mean before the `learnPValue` gate applies; default 12 (1 hour). */
  warmupBuckets?: number
  /** Poisson p-value for `elevated`; default 1e-3. */
  elevatedPValue?: number
  /** Poisson p-value for `pile_on`; default 1e-6. */
  pileOnPValue?: number
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
  /**
   * The hostile share of new accounts (non-followers) must also exceed the friendly one by this much, so a
   * viral thread full of strangers is not "amplified"; default 0.25.
   */
  amplifierLift?: number
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
  /**
   * Records a comment and returns only the level: the allocation-free hot path for stream ingestion
   * (level changes still reach `onLevelChange` with the full status).
   */
  record(event: PileOnEvent): MaybePromise<PileOnLevel>
  /** The target's status now, without recording anything (but applying cooldowns, which may emit a change). */
  status(targetId: string): MaybePromise<PileOnStatus>
}

/** The stored per-target state. Short keys: it is serialised on every event by networked stores. */
interface TargetState {
  /** Start of the current bucket (epoch ms, a multiple of bucketMs). */
  b: number
  /** Hostile / all / new-account hostile / non-follower hostile / new-account / non-follower comments, current bucket. */
  h: number
  n: number
  na: number
  nf: number
  an: number
  af: number
  /** The same, previous bucket. */
  ph: number
  pn: number
  pna: number
  pnf: number
  pan: number
  paf: number
  /** EWMA of hostile comments per bucket and of the hostile share; closed buckets learned. */
  mu: number
  sh: number
  nb: number
  /** Buckets that taught the share. */
  sw: number
  /** Hostile author → epoch ms of their last hostile comment (keys prefixed with `~`). */
  au: Record<string, number>
  /** Live entries of `au`. */
  ac: number
  /** Recent sketches: [at, authorId, packed signature, cluster id]. */
  ring: [number, string, string, number][]
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
  const learnPValue = unit('learnPValue', options.learnPValue, 0.01)
  const warmupBuckets = options.warmupBuckets ?? 12
  if (!(warmupBuckets >= 0)) invalidOption('warmupBuckets', warmupBuckets, 'a number ≥ 0')
  const elevatedPValue = unit('elevatedPValue', options.elevatedPValue, 1e-3)
  const pileOnPValue = unit('pileOnPValue', options.pileOnPValue, 1e-6)
  const minHostileShare = unit('minHostileShare', options.minHostileShare, 0.2)
  const elevatedAuthors = positive('elevatedAuthors', options.elevatedAuthors, 5)
  const pileOnAuthors = positive('pileOnAuthors', options.pileOnAuthors, 10)
  const amplifiedAuthors = positive('amplifiedAuthors', options.amplifiedAuthors, 6)
  const newAccountDays = positive('newAccountDays', options.newAccountDays, 7)
  const newAccountShare = unit('newAccountShare', options.newAccountShare, 0.5)
  const nonFollowerShare = unit('nonFollowerShare', options.nonFollowerShare, 0.8)
  const amplifierLift = unit('amplifierLift', options.amplifierLift, 0.25)
  const dupMinScore = unit('dupMinScore', options.dupMinScore, 0.3)
  const dupSimilarity = unit('dupSimilarity', options.dupSimilarity, 0.8)
  const dupWindowMs = positive('dupWindowMs', options.dupWindowMs, 10 * 60_000)
  const dupMinAccounts = positive('dupMinAccounts', options.dupMinAccounts, 5)
  const dupRingSize = positive('dupRingSize', options.dupRingSize, 64)
  const cooldownMs = positive('cooldownMs', options.cooldownMs, 30 * 60_000)
  const maxTrackedAuthors = positive('maxTrackedAuthors', options.maxTrackedAuthors, 2_000)
  const stateTtlMs = positive('stateTtlMs', options.stateTtlMs, 14 * 86_400_000)
  const decay = 1 - alpha

  /** The state of a target seen for the first time: baseline at its floors, calm, no history. */
  function fresh(bucket: number, at: number): TargetState {
    return {
      b: bucket,
      h: 0,
      n: 0,
      na: 0,
      nf: 0,
      an: 0,
      af: 0,
      ph: 0,
      pn: 0,
      pna: 0,
      pnf: 0,
      pan: 0,
      paf: 0,
      mu: minBaselineRate,
      sh: minBaselineShare,
      nb: 0,
      sw: 0,
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
    // The baseline learns only while calm, and only from buckets that look normal (p > learnPValue): an
    // attack, even one that ramps up slowly enough to stay below the alarm, must not teach the detector
    // that attacks are normal ("boiling frog"). Ordinary growth is learned.
    // During the first warmupBuckets the baseline is a plain running mean (nothing to compare with yet).
    if (s.lv === 'calm') {
      const warm = s.nb >= warmupBuckets
      // A bucket whose rate or composition is itself suspicious teaches neither.
      const normal =
        !warm ||
        (poissonUpperTail(s.h, s.mu) > learnPValue &&
          (s.n < minShareSample || binomialUpperTail(s.h, s.n, Math.min(0.95, s.sh)) > learnPValue))
      if (normal) {
        const a = warm ? alpha : Math.max(alpha, 1 / (s.nb + 1))
        s.mu = (1 - a) * s.mu + a * s.h
        if (s.n >= minShareSample) {
          s.sw++
          const b = s.sw > warmupBuckets ? alpha : Math.max(alpha, 1 / s.sw)
          s.sh = (1 - b) * s.sh + b * (s.h / s.n)
        }
      }
    }
    s.nb++
    if (steps === 1) {
      s.ph = s.h
      s.pn = s.n
      s.pna = s.na
      s.pnf = s.nf
      s.pan = s.an
      s.paf = s.af
    } else {
      // steps - 1 empty buckets: the rate decays as if each had been learned with 0 hostile comments.
      const empty = Math.min(steps - 1, 1_000)
      if (s.lv === 'calm') s.mu *= decay ** empty
      s.nb += empty
      s.ph = s.pn = s.pna = s.pnf = s.pan = s.paf = 0
    }
    s.h = s.n = s.na = s.nf = s.an = s.af = 0
    s.b = bucket
    if (s.mu < minBaselineRate) s.mu = minBaselineRate
    if (s.sh < minBaselineShare) s.sh = minBaselineShare
    if (s.ac > 0) {
      // Authors count over the same window as the hostile comments: the previous bucket and this one.
      const cutoff = bucket - bucketMs
      let live = 0
      for (const key in s.au) {
        if (s.au[key]! < cutoff) delete s.au[key]
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
  function cluster(s: TargetState, at: number, authorId: string, sig: string): number {
    const cutoff = at - dupWindowMs
    let best = dupSimilarity
    let id = -1
    for (const [t, , other, otherId] of s.ring) {
      // typeof: state written before signatures were packed holds arrays; they age out within dupWindowMs.
      if (t <= cutoff || typeof other !== 'string') continue
      const similarity = packedSimilarityAtLeast(sig, other, dupSimilarity)
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

  // Reason bits set by assess(), read by describe(): no allocation on the hot path.
  const R_SURGE = 1
  const R_STRONG = 2
  const R_NEW = 4
  const R_STRANGERS = 8
  const R_ARMY = 16
  const R_COOLDOWN = 32
  let reasonBits = 0

  /**
   * Decides the level from the state and records it (with the hysteresis times) in `s`. Cheap gates first:
   * the two exact tail probabilities are only computed when counts and shares could make them significant.
   */
  function assess(s: TargetState, at: number): number {
    const hostile = s.h + s.ph
    const total = s.n + s.pn
    const baselineShare = Math.min(0.95, s.sh)
    reasonBits = 0
    let condition = 0
    // A surge needs the hostile share far above the target's normal (the viral-but-friendly thread fails
    // here) and either the hostile rate far above its normal or an overwhelming share shift (a slow attack
    // that the rate test alone would miss).
    if (
      hostile >= elevatedAuthors &&
      s.ac >= elevatedAuthors &&
      hostile >= total * Math.max(minHostileShare, 2 * baselineShare)
    ) {
      const shareP = binomialUpperTail(hostile, total, baselineShare)
      if (shareP <= elevatedPValue) {
        const pValue = poissonUpperTail(hostile, expectedIn(s, at))
        if (pValue <= elevatedPValue || shareP <= pileOnPValue) {
          condition = 1
          reasonBits |= R_SURGE
          if (Math.min(pValue, shareP) <= pileOnPValue && s.ac >= pileOnAuthors) {
            condition = 2
            reasonBits |= R_STRONG
          }
          const friendly = total - hostile
          const hostileNew = (s.na + s.pna) / hostile
          const friendlyNew = friendly > 0 ? (s.an + s.pan - s.na - s.pna) / friendly : 0
          const hostileStrangers = (s.nf + s.pnf) / hostile
          const friendlyStrangers = friendly > 0 ? (s.af + s.paf - s.nf - s.pnf) / friendly : 0
          if (hostileNew >= newAccountShare && hostileNew - friendlyNew >= amplifierLift) reasonBits |= R_NEW
          if (hostileStrangers >= nonFollowerShare && hostileStrangers - friendlyStrangers >= amplifierLift)
            reasonBits |= R_STRANGERS
          if (reasonBits & (R_NEW | R_STRANGERS) && s.ac >= amplifiedAuthors) condition = 2
        }
      }
    }
    const clusterSize = s.ca > at - dupWindowMs ? s.cl : 0
    if (clusterSize >= dupMinAccounts) {
      reasonBits |= R_ARMY
      condition = Math.max(condition, condition >= 1 || clusterSize >= 2 * dupMinAccounts ? 2 : 1)
    }
    if (condition >= 2) s.pt = at
    if (condition >= 1) s.et = at
    // Hysteresis: a level holds until its condition has been absent for cooldownMs.
    let rank = condition
    if (rank < 2 && at - s.pt < cooldownMs) rank = 2
    else if (rank < 1 && at - s.et < cooldownMs) rank = 1
    if (rank > condition) reasonBits |= R_COOLDOWN
    const level = PILE_ON_LEVELS[rank]!
    if (level !== s.lv) {
      s.lv = level
      s.ls = at
    }
    return rank
  }

  /** Hostile comments the baseline expects in the window: the previous bucket plus the elapsed part of this one. */
  function expectedIn(s: TargetState, at: number): number {
    return s.mu * (1 + Math.min(1, Math.max(0, (at - s.b) / bucketMs)))
  }

  /** The full status after {@link assess}: every number, for callers and level-change events. */
  function describe(targetId: string, s: TargetState, at: number): PileOnStatus {
    const hostile = s.h + s.ph
    const total = s.n + s.pn
    const friendly = total - hostile
    const expected = expectedIn(s, at)
    const baselineShare = Math.min(0.95, s.sh)
    const newShare = hostile > 0 ? (s.na + s.pna) / hostile : 0
    const strangers = hostile > 0 ? (s.nf + s.pnf) / hostile : 0
    const reasons: PileOnReason[] = []
    if (reasonBits & R_SURGE) reasons.push('surge')
    if (reasonBits & R_STRONG) reasons.push('strong_surge')
    if (reasonBits & R_NEW) reasons.push('new_accounts')
    if (reasonBits & R_STRANGERS) reasons.push('non_followers')
    if (reasonBits & R_ARMY) reasons.push('water_army')
    if (reasonBits & R_COOLDOWN) reasons.push('cooldown')
    return {
      targetId,
      level: s.lv,
      since: s.ls,
      reasons,
      stats: {
        hostile,
        total,
        expected,
        pValue: poissonUpperTail(hostile, expected),
        hostileShare: total > 0 ? hostile / total : 0,
        baselineShare,
        sharePValue: binomialUpperTail(hostile, total, baselineShare),
        authors: s.ac,
        newAccountShare: newShare,
        newAccountLift: newShare - (friendly > 0 ? (s.an + s.pan - s.na - s.pna) / friendly : 0),
        nonFollowerShare: strangers,
        nonFollowerLift: strangers - (friendly > 0 ? (s.af + s.paf - s.nf - s.pnf) / friendly : 0),
        cluster: s.ca > at - dupWindowMs ? s.cl : 0,
        baselineBuckets: s.nb,
      },
    }
  }

  function calmStatus(targetId: string, at: number): PileOnStatus {
    const s = fresh(Math.floor(at / bucketMs) * bucketMs, at)
    assess(s, at)
    return describe(targetId, s, at)
  }

  /** Calls `onLevelChange` once per transition; a throwing listener cannot fail the comment. */
  function emit(from: PileOnLevel, status: PileOnStatus, at: number): void {
    if (!onLevelChange || from === status.level) return
    try {
      onLevelChange({ targetId: status.targetId, from, to: status.level, at, status })
    } catch {
      // A listener's failure must not fail the comment that triggered it.
    }
  }

  /** One ingest in flight: its inputs, and what the store callback found. */
  interface Step {
    targetId: string
    authorId: string
    at: number
    hostile: boolean
    isNew: boolean
    stranger: boolean
    sig: string | undefined
    full: boolean
    from: PileOnLevel
    level: PileOnLevel
    status: PileOnStatus | undefined
  }

  /** The store callback: applies one comment to a target's state. */
  function step(c: Step, current: TargetState | undefined): TargetState {
    const { at } = c
    const s = current ?? fresh(Math.floor(at / bucketMs) * bucketMs, at)
    c.from = s.lv
    roll(s, at)
    s.n++
    if (c.isNew) s.an++
    if (c.stranger) s.af++
    if (c.hostile) {
      s.h++
      if (c.isNew) s.na++
      if (c.stranger) s.nf++
      // Prefixed: an author id such as "__proto__" must stay an ordinary key.
      const key = '~' + c.authorId
      const seen = s.au[key]
      if (seen !== undefined) s.au[key] = Math.max(seen, at)
      else if (s.ac < maxTrackedAuthors) {
        s.au[key] = at
        s.ac++
      }
    }
    if (c.sig) {
      const size = cluster(s, at, c.authorId, c.sig)
      if (size >= s.cl || s.ca <= at - dupWindowMs) {
        s.cl = size
        s.ca = at
      }
    }
    assess(s, at)
    c.level = s.lv
    c.status = c.full || c.level !== c.from ? describe(c.targetId, s, at) : undefined
    return s
  }

  // Synchronous stores (the in-memory one) run the callback before `update` returns, so one scratch step
  // and one bound callback serve every call: no allocation per comment on the hot path. Asynchronous
  // stores get a fresh step and closure per call, since their callbacks run later and may run twice.
  const synchronous = (store as { synchronous?: unknown }).synchronous === true
  const scratch: Step = {
    targetId: '',
    authorId: '',
    at: 0,
    hostile: false,
    isNew: false,
    stranger: false,
    sig: undefined,
    full: false,
    from: 'calm',
    level: 'calm',
    status: undefined,
  }
  const scratchStep = (current: TargetState | undefined): TargetState => step(scratch, current)

  function finish(c: Step): PileOnStatus | PileOnLevel {
    if (c.status) emit(c.from, c.status, c.at)
    return c.full ? c.status! : c.level
  }

  /** Records an event; builds the full status only when asked to or when the level changes. */
  function apply(event: PileOnEvent, full: boolean): MaybePromise<PileOnStatus | PileOnLevel> {
    const { targetId } = event
    if (typeof targetId !== 'string' || targetId === '')
      invalidOption('event.targetId', targetId, 'a non-empty string')
    const authorId = event.authorId === undefined ? '' : String(event.authorId)
    const score = Number.isFinite(event.abuseScore) ? event.abuseScore : 0
    const c: Step = synchronous ? scratch : { ...scratch }
    c.targetId = targetId
    c.authorId = authorId
    c.at = event.at ?? now()
    c.hostile = score >= hostileThreshold
    c.isNew = event.authorAccountAgeDays !== undefined && event.authorAccountAgeDays < newAccountDays
    c.stranger = event.authorFollowsTarget === false
    // Sketched outside the callback: networked stores may retry it, the signature stays the same.
    const sig =
      score >= dupMinScore && event.text !== undefined && authorId ? textSignature(event.text) : undefined
    c.sig = sig && packSignature(sig)
    c.full = full
    c.status = undefined
    const written = store.update<TargetState>(
      prefix + targetId,
      synchronous ? scratchStep : (current) => step(c, current),
      stateTtlMs,
    )
    if (!isPromiseLike(written)) {
      if (c.status === undefined) return c.level // the common case: no change, nothing to build
      // onLevelChange may ingest again and reuse the scratch step: finish on a copy.
      return finish(synchronous ? { ...c } : c)
    }
    return written.then(() => finish(c))
  }

  return {
    ingest(event: PileOnEvent): MaybePromise<PileOnStatus> {
      return apply(event, true) as MaybePromise<PileOnStatus>
    },

    record(event: PileOnEvent): MaybePromise<PileOnLevel> {
      return apply(event, false) as MaybePromise<PileOnLevel>
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
          assess(current, at)
          status = describe(targetId, current, at)
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
