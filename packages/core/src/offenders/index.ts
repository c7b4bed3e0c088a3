/**
 * The graded offender ledger: strikes per author that decay, classified as first-time, repeat, inciter or
 * follow-on, and a configurable ladder that escalates the action (warn → hold → temporary mute).
 *
 * **The default ladder** (points are the weights of the strikes of the last `decayMs`, 30 days):
 *
 * | points | action | meaning |
 * | --- | --- | --- |
 * | ≥ 1 | `warn` | the author is told; hostile comments get at least a warning |
 * | ≥ 3 | `hold` | the author's hostile or borderline comments wait for review |
 * | ≥ 5 | `mute` 24 h | every comment is rejected until the mute ends |
 * | ≥ 8 | `mute` 7 days | |
 *
 * **Weights.** A strike weighs 1; +1 when it is incitement (`inciter`); +1 when it was posted into an active
 * pile-on (`follow_on`). So an inciter joining a pile-on reaches `hold` with a single comment.
 *
 * @module
 */
import { invalidOption } from '../errors.ts'
import { chain } from '../store/index.ts'
import type { MaybePromise, Store } from '../store/index.ts'

/** How a strike is classified. A strike can be several: `['repeat', 'inciter']`. */
export type StrikeKind = 'first_time' | 'repeat' | 'inciter' | 'follow_on'

/** What the ladder makes of an author's standing. */
export type LadderAction = 'none' | 'warn' | 'hold' | 'mute'

/** One rung of the ladder. */
export interface LadderStep {
  /** Points at which this rung applies. */
  points: number
  action: Exclude<LadderAction, 'none'>
  /** For `mute`: how long. */
  muteMs?: number
}

/** The default ladder (see the module docs). */
export const DEFAULT_LADDER: readonly LadderStep[] = Object.freeze([
  { points: 1, action: 'warn' },
  { points: 3, action: 'hold' },
  { points: 5, action: 'mute', muteMs: 86_400_000 },
  { points: 8, action: 'mute', muteMs: 7 * 86_400_000 },
])

/** What {@link OffenderLedger.record} is told about a hostile comment. */
export interface StrikeInput {
  /** Abuse categories that drove the comment's decision, e.g. `['insult']`. */
  categories?: readonly string[]
  /** Posted into a target that is under an active pile-on. */
  followOn?: boolean
  targetId?: string
}

/** An author's standing. Plain data. */
export interface OffenderStanding {
  authorId: string
  /** Weighted live strikes. */
  points: number
  /** Live strikes. */
  strikes: number
  /** Kinds of the most recent strike (empty without strikes). */
  kinds: StrikeKind[]
  action: LadderAction
  /** Epoch ms a mute ends. */
  mutedUntil?: number
  /** Seconds until the mute ends. */
  retryAfter?: number
}

/** Options of {@link createOffenderLedger}. */
export interface OffenderLedgerOptions {
  store: Store
  /** The clock, epoch ms. */
  now: () => number
  /** Key prefix; default `off:`. */
  prefix?: string
  /** A strike counts for this long; default 30 days. */
  decayMs?: number
  /** Live strikes (this one included) from which a strike is `repeat`; default 3. */
  repeatAfter?: number
  /** Extra weight of an incitement strike; default 1. */
  inciterWeight?: number
  /** Extra weight of a follow-on strike; default 1. */
  followOnWeight?: number
  /** The ladder, any order; default {@link DEFAULT_LADDER}. */
  ladder?: readonly LadderStep[]
  /** Strikes kept per author (oldest dropped); default 50. */
  maxStrikes?: number
}

/** The ledger. Methods return synchronously on a synchronous store. */
export interface OffenderLedger {
  standing(authorId: string): MaybePromise<OffenderStanding>
  /** Records a strike and returns the standing after it (a new mute starts now). */
  record(authorId: string, strike?: StrikeInput): MaybePromise<OffenderStanding>
  /** Forgets an author's strikes and mute (a moderator's pardon). */
  clear(authorId: string): MaybePromise<void>
}

/** Stored per author: strikes as [at, weight, kinds bitmask], and the end of the current mute. */
interface Stored {
  s: [number, number, number][]
  m: number
}

const KIND_BITS: readonly StrikeKind[] = ['first_time', 'repeat', 'inciter', 'follow_on']

function kindsOf(mask: number): StrikeKind[] {
  return KIND_BITS.filter((_, i) => (mask & (1 << i)) !== 0)
}

/**
 * Creates an offender ledger.
 *
 * @param options - store, clock, decay and ladder
 * @returns the ledger
 * @example
 * ```ts
 * const ledger = createOffenderLedger({ store, now: Date.now })
 * ledger.record('troll', { categories: ['incitement'] }) // { points: 2, kinds: ['first_time', 'inciter'], action: 'warn' }
 * ```
 * @see https://github.com/comment-shield/comment-shield/blob/main/docs/policy.md#offender-ledger
 */
export function createOffenderLedger(options: OffenderLedgerOptions): OffenderLedger {
  const { store, now } = options
  if (!store || typeof store.update !== 'function') invalidOption('store', store, 'a Store')
  if (typeof now !== 'function') invalidOption('now', now, 'a function returning epoch milliseconds')
  const prefix = options.prefix ?? 'off:'
  const decayMs = options.decayMs ?? 30 * 86_400_000
  const repeatAfter = options.repeatAfter ?? 3
  const inciterWeight = options.inciterWeight ?? 1
  const followOnWeight = options.followOnWeight ?? 1
  const maxStrikes = options.maxStrikes ?? 50
  const ladder = [...(options.ladder ?? DEFAULT_LADDER)].sort((a, b) => a.points - b.points)
  if (!(decayMs > 0)) invalidOption('decayMs', decayMs, 'a positive number')
  if (!(repeatAfter >= 1)) invalidOption('repeatAfter', repeatAfter, 'a number ≥ 1')
  for (const [i, step] of ladder.entries()) {
    if (!(step.points > 0) || !['warn', 'hold', 'mute'].includes(step.action))
      invalidOption(`ladder[${i}]`, JSON.stringify(step), "{ points > 0, action: 'warn' | 'hold' | 'mute' }")
    if (step.action === 'mute' && !(Number(step.muteMs) > 0))
      invalidOption(`ladder[${i}].muteMs`, step.muteMs, 'a positive number for a mute')
  }

  function rung(points: number): LadderStep | undefined {
    let found: LadderStep | undefined
    for (const step of ladder) if (points >= step.points) found = step
    return found
  }

  function live(s: Stored, at: number): void {
    const cutoff = at - decayMs
    let drop = 0
    while (drop < s.s.length && s.s[drop]![0] <= cutoff) drop++
    if (drop > 0) s.s.splice(0, drop)
  }

  function view(authorId: string, s: Stored | undefined, at: number): OffenderStanding {
    if (!s) return { authorId, points: 0, strikes: 0, kinds: [], action: 'none' }
    const strikes = s.s.filter(([t]) => t > at - decayMs)
    const points = strikes.reduce((sum, [, w]) => sum + w, 0)
    const last = strikes.at(-1)
    const standing: OffenderStanding = {
      authorId,
      points,
      strikes: strikes.length,
      kinds: last ? kindsOf(last[2]) : [],
      action: 'none',
    }
    if (s.m > at) {
      standing.action = 'mute'
      standing.mutedUntil = s.m
      standing.retryAfter = Math.max(1, Math.ceil((s.m - at) / 1000))
      return standing
    }
    const step = rung(points)
    // A mute rung whose mute has ended leaves the author on hold until strikes decay below it.
    standing.action = step === undefined ? 'none' : step.action === 'mute' ? 'hold' : step.action
    return standing
  }

  const ttl = decayMs + Math.max(0, ...ladder.map((step) => step.muteMs ?? 0))

  return {
    standing(authorId: string): MaybePromise<OffenderStanding> {
      return chain(store.get<Stored>(prefix + authorId), (s) => view(authorId, s, now()))
    },

    record(authorId: string, strike: StrikeInput = {}): MaybePromise<OffenderStanding> {
      const at = now()
      const written = store.update<Stored>(
        prefix + authorId,
        (current) => {
          const s = current ?? { s: [], m: 0 }
          live(s, at)
          let mask = 0
          let weight = 1
          if (s.s.length === 0) mask |= 1 // first_time
          if (s.s.length + 1 >= repeatAfter) mask |= 2 // repeat
          if (strike.categories?.includes('incitement')) {
            mask |= 4
            weight += inciterWeight
          }
          if (strike.followOn) {
            mask |= 8
            weight += followOnWeight
          }
          s.s.push([at, weight, mask])
          if (s.s.length > maxStrikes) s.s.shift()
          const points = s.s.reduce((sum, [, w]) => sum + w, 0)
          const step = rung(points)
          if (step?.action === 'mute') s.m = Math.max(s.m, at + step.muteMs!)
          return s
        },
        ttl,
      )
      return chain(written, (s) => view(authorId, s, at))
    },

    clear(authorId: string): MaybePromise<void> {
      return chain(store.delete(prefix + authorId), () => undefined)
    },
  }
}
