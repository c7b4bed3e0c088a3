/**
 * The in-memory {@link Store}: one bounded `lru-cache` holding every key, with expiry checked against the
 * injected clock. Memory stays flat under a flood of unique keys: at most `maxKeys` entries (least recently
 * used evicted first) and at most `maxSetMembers` members per set (oldest evicted first).
 *
 * **Why our own expiry instead of lru-cache's `ttl`.** lru-cache reads `performance.now()` for its TTLs; the
 * core never reads a clock (STYLE.md §2) and tests drive time by hand. Each entry carries its `expiresAt` and
 * a read of an expired entry deletes it. Expired entries nobody reads again age out through LRU eviction, so
 * the bound holds either way.
 *
 * @module
 */
import { LRUCache } from 'lru-cache'
import { invalidOption } from '../errors.ts'
import type { CounterState, SyncStore } from './index.ts'

/** Options of {@link createMemoryStore}. */
export interface MemoryStoreOptions {
  /** The clock, epoch ms. Injected: the store never reads one itself. */
  now: () => number
  /** Most keys kept; the least recently used go first. Default 100 000. */
  maxKeys?: number
  /** Most live members per set; the oldest go first (the size then saturates). Default 10 000. */
  maxSetMembers?: number
}

/** The in-memory store, plus introspection for tests and benchmarks. */
export interface MemoryStore extends SyncStore {
  /** Entries held, expired ones not yet evicted included; never above `maxKeys`. */
  readonly size: number
  /** Drops every entry. */
  clear(): void
}

const VALUE = 0
const COUNTER = 1
const SET = 2

/** A set's members with their expiry; `ordered` stays true while expiries arrive non-decreasing. */
interface SetState {
  members: Map<string, number>
  last: number
  ordered: boolean
}

interface Entry {
  kind: typeof VALUE | typeof COUNTER | typeof SET
  value: unknown
  /** Epoch ms; Infinity for no expiry. */
  expiresAt: number
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true
  if (a === undefined || b === undefined) return false
  return JSON.stringify(a) === JSON.stringify(b)
}

function expiryOf(now: number, ttlMs: number | undefined): number {
  return ttlMs === undefined ? Number.POSITIVE_INFINITY : now + ttlMs
}

/** Drops expired members; cheap (front only) while expiries are ordered, a full scan otherwise. */
function prune(set: SetState, now: number): void {
  const { members } = set
  if (set.ordered) {
    for (const [member, expiresAt] of members) {
      if (expiresAt > now) break
      members.delete(member)
    }
    return
  }
  for (const [member, expiresAt] of members) if (expiresAt <= now) members.delete(member)
  set.ordered = true
  set.last = 0
  for (const expiresAt of members.values()) {
    if (expiresAt < set.last) set.ordered = false
    set.last = expiresAt
  }
}

/**
 * Creates a bounded in-memory store. Synchronous: every method returns a plain value.
 *
 * @param options - clock and bounds
 * @returns the store
 * @example
 * ```ts
 * let t = 0
 * const store = createMemoryStore({ now: () => t, maxKeys: 10_000 })
 * store.increment('rl:ann', 1, 60_000) // { count: 1, resetAt: 60000 }
 * t = 60_000
 * store.increment('rl:ann', 1, 60_000) // { count: 1, resetAt: 120000 }
 * ```
 * @see https://github.com/comment-shield/comment-shield/blob/main/docs/pile-on.md#store
 */
export function createMemoryStore(options: MemoryStoreOptions): MemoryStore {
  const { now } = options
  if (typeof now !== 'function') invalidOption('now', now, 'a function returning epoch milliseconds')
  const maxKeys = options.maxKeys ?? 100_000
  const maxSetMembers = options.maxSetMembers ?? 10_000
  if (!Number.isInteger(maxKeys) || maxKeys < 1) invalidOption('maxKeys', maxKeys, 'a positive integer')
  if (!Number.isInteger(maxSetMembers) || maxSetMembers < 1)
    invalidOption('maxSetMembers', maxSetMembers, 'a positive integer')
  const cache = new LRUCache<string, Entry>({ max: maxKeys })

  /** The live entry at `key`, deleting it when expired. */
  function live(key: string, t: number): Entry | undefined {
    const entry = cache.get(key)
    if (entry === undefined) return undefined
    if (entry.expiresAt <= t) {
      cache.delete(key)
      return undefined
    }
    return entry
  }

  function liveValue(key: string, t: number): unknown {
    const entry = live(key, t)
    return entry?.kind === VALUE ? entry.value : undefined
  }

  function write(key: string, entry: Entry | undefined, value: unknown, expiresAt: number): void {
    if (entry?.kind === VALUE) {
      // Same object in the cache: update in place, no second hash lookup.
      entry.value = value
      entry.expiresAt = expiresAt
    } else cache.set(key, { kind: VALUE, value, expiresAt })
  }

  function liveSet(key: string, t: number): SetState | undefined {
    const entry = live(key, t)
    if (entry?.kind !== SET) return undefined
    const set = entry.value as SetState
    prune(set, t)
    return set
  }

  return {
    synchronous: true,
    get size() {
      return cache.size
    },
    clear() {
      cache.clear()
    },
    // Values: one entry per key; a read of an expired entry deletes it (lazy expiry, see the module docs).
    get<T = unknown>(key: string): T | undefined {
      return liveValue(key, now()) as T | undefined
    },
    set(key: string, value: unknown, ttlMs?: number): void {
      const t = now()
      // Storing undefined would make "absent" and "present" indistinguishable: treat it as a delete.
      if (value === undefined) {
        cache.delete(key)
        return
      }
      write(key, cache.get(key), value, expiryOf(t, ttlMs))
    },
    delete(key: string): boolean {
      const existed = live(key, now()) !== undefined
      cache.delete(key)
      return existed
    },
    compareAndSet(key: string, expected: unknown, next: unknown, ttlMs?: number): boolean {
      // Identity first (the caller usually passes the very object it read), JSON equality otherwise: the same
      // rule a Redis store applies to the serialised value.
      const t = now()
      const entry = live(key, t)
      const current = entry?.kind === VALUE ? entry.value : undefined
      if (!sameJson(current, expected)) return false
      if (next === undefined) cache.delete(key)
      else write(key, entry, next, expiryOf(t, ttlMs))
      return true
    },
    update<T>(key: string, fn: (current: T | undefined) => T | undefined, ttlMs?: number): T | undefined {
      const t = now()
      const entry = live(key, t)
      // JS is single-threaded and fn is synchronous: get → fn → write is atomic without retries.
      const next = fn(entry?.kind === VALUE ? (entry.value as T) : undefined)
      if (next === undefined) {
        if (entry) cache.delete(key)
      } else write(key, entry, next, expiryOf(t, ttlMs))
      return next
    },
    increment(key: string, by: number, windowMs: number): CounterState {
      // Fixed window from the first increment (Redis: INCRBY + PEXPIRE NX); later increments keep resetAt.
      const t = now()
      const entry = live(key, t)
      if (entry?.kind === COUNTER) {
        const count = (entry.value as number) + by
        entry.value = count
        return { count, resetAt: entry.expiresAt }
      }
      const resetAt = t + windowMs
      cache.set(key, { kind: COUNTER, value: by, expiresAt: resetAt })
      return { count: by, resetAt }
    },
    addToSet(key: string, member: string, ttlMs: number): number {
      // Per-member expiry (Redis: a sorted set scored by expiry, ZREMRANGEBYSCORE before ZCARD), so the size
      // is the number of distinct members seen within the last ttlMs: a sliding window.
      const t = now()
      const expiresAt = t + ttlMs
      const entry = live(key, t)
      if (entry?.kind !== SET) {
        const members = new Map([[member, expiresAt]])
        cache.set(key, { kind: SET, value: { members, last: expiresAt, ordered: true }, expiresAt })
        return 1
      }
      const set = entry.value as SetState
      prune(set, t)
      const { members } = set
      // Delete first so Map order stays "least recently added first": the front is what expires next.
      if (!members.delete(member) && members.size >= maxSetMembers) {
        const oldest = members.keys().next()
        if (!oldest.done) members.delete(oldest.value)
      }
      members.set(member, expiresAt)
      if (expiresAt < set.last) set.ordered = false
      else set.last = expiresAt
      if (expiresAt > entry.expiresAt) entry.expiresAt = expiresAt
      return members.size
    },
    setSize(key: string): number {
      return liveSet(key, now())?.members.size ?? 0
    },
  }
}
