/**
 * The `Store`: the small set of atomic state primitives behind pile-on detection, protection mode, the offender
 * ledger and rate limits. One in-memory implementation lives here ({@link createMemoryStore}); the Redis one lives
 * in `@comment-shield/node`. Both pass the same contract suite (`describeStoreContract` in the private
 * `@comment-shield/test-utils` package).
 *
 * **Why `T | Promise<T>`.** The in-memory store answers synchronously and the pile-on detector must ingest
 * ≥ 1M events/s on one core, so the hot path cannot pay for a promise (plus a microtask) per call. Every method
 * returns {@link MaybePromise}; callers compose with {@link chain}, which stays synchronous while values are
 * synchronous and switches to `.then` only when a store (Redis) returns a promise. `await` works on both.
 *
 * **Time.** A store never reads the clock: it is created with an injected `now()` and treats every entry as
 * absent once `now() >= expiresAt`. A Redis store passes `now()` into its scripts (logical expiry) and may also
 * set a real `PEXPIRE` for garbage collection, so tests with a fake clock behave the same on both.
 *
 * **Values** are JSON-serialisable data. The memory store keeps references (no copying, for speed), so treat
 * what `get` returns as read-only; mutate only inside an {@link Store.update} callback.
 *
 * @module
 */

import { ModerationError } from '../errors.ts'

export { createMemoryStore } from './memory.ts'
export type { MemoryStore, MemoryStoreOptions } from './memory.ts'

/** A value or a promise of it: synchronous stores return the value, networked stores the promise. */
export type MaybePromise<T> = T | Promise<T>

/** What {@link Store.increment} returns. */
export interface CounterState {
  /** The counter after the increment. */
  count: number
  /** Epoch ms (from the injected clock) at which this window ends and the counter restarts at 0. */
  resetAt: number
}

/**
 * Atomic state primitives with time-to-live, keyed by strings. Keys of different kinds (value, counter, set)
 * must not collide; callers prefix them (`po:`, `prot:`, `off:`, `rl:` …).
 *
 * **Atomicity.** Each method is atomic with respect to other calls on the same key, including calls from
 * other processes sharing a networked store (Redis: one Lua script or `MULTI` per call).
 *
 * @see https://github.com/comment-shield/comment-shield/blob/main/docs/pile-on.md#store
 */
export interface Store {
  /**
   * `true` only for stores whose methods all answer synchronously ({@link SyncStore}); lets callers skip
   * per-call allocations. Omit it in asynchronous stores.
   */
  readonly synchronous?: boolean
  /**
   * Reads a value written by {@link Store.set}, {@link Store.update} or {@link Store.compareAndSet}.
   *
   * @returns the value, or `undefined` when absent or expired
   */
  get<T = unknown>(key: string): MaybePromise<T | undefined>
  /**
   * Writes a value.
   *
   * @param ttlMs - lifetime from now; omitted: no expiry (a bounded store may still evict it)
   */
  set(key: string, value: unknown, ttlMs?: number): MaybePromise<void>
  /**
   * Removes a key of any kind.
   *
   * @returns whether a live entry was removed
   */
  delete(key: string): MaybePromise<boolean>
  /**
   * Writes `next` only if the current value equals `expected` (`undefined` = absent or expired, so
   * `compareAndSet(k, undefined, v)` is set-if-absent). Values compare by their JSON serialisation; pass the
   * value you read. `next === undefined` deletes.
   *
   * @param ttlMs - lifetime of `next` from now; omitted: no expiry
   * @returns whether the write happened
   */
  compareAndSet(key: string, expected: unknown, next: unknown, ttlMs?: number): MaybePromise<boolean>
  /**
   * Atomic read-modify-write. `fn` receives the current value (`undefined` when absent) and returns the next
   * value (`undefined` deletes). `fn` may mutate its argument and return it. A networked store may call `fn`
   * more than once (optimistic retries, see {@link updateWithCompareAndSet}), so `fn` must not have other side
   * effects; record what you need in local variables that each call overwrites.
   *
   * @param ttlMs - lifetime of the written value from now; omitted: no expiry
   * @returns the value written (or `undefined`)
   */
  update<T>(
    key: string,
    fn: (current: T | undefined) => T | undefined,
    ttlMs?: number,
  ): MaybePromise<T | undefined>
  /**
   * Fixed-window counter: adds `by` to the counter at `key`. When the key is absent or its window has ended, the
   * counter restarts at 0 with a window of `windowMs` from now; later increments do not extend the window.
   *
   * @returns the count after the increment and when the window ends
   */
  increment(key: string, by: number, windowMs: number): MaybePromise<CounterState>
  /**
   * Adds (or refreshes) `member` in the set at `key`; each member expires `ttlMs` after its last add, so the
   * set is a sliding window of distinct members.
   *
   * @returns the number of live members after the add
   */
  addToSet(key: string, member: string, ttlMs: number): MaybePromise<number>
  /**
   * @returns the number of live members of the set at `key` (0 when absent)
   */
  setSize(key: string): MaybePromise<number>
}

/**
 * A {@link Store} that answers synchronously (the in-memory one): the same methods, plain return values.
 * Code written against `Store` with {@link chain} runs on it without a single promise.
 */
export interface SyncStore extends Store {
  /** Declares that every method answers synchronously, `update` running its callback before it returns. */
  readonly synchronous: true
  get<T = unknown>(key: string): T | undefined
  set(key: string, value: unknown, ttlMs?: number): void
  delete(key: string): boolean
  compareAndSet(key: string, expected: unknown, next: unknown, ttlMs?: number): boolean
  update<T>(key: string, fn: (current: T | undefined) => T | undefined, ttlMs?: number): T | undefined
  increment(key: string, by: number, windowMs: number): CounterState
  addToSet(key: string, member: string, ttlMs: number): number
  setSize(key: string): number
}

/**
 * Tells a promise (or any thenable) from a plain value. Store values are JSON data, never thenables.
 *
 * @param value - a value or a promise
 * @returns true for a thenable
 */
export function isPromiseLike<T>(value: MaybePromise<T>): value is Promise<T> {
  return (
    typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function'
  )
}

/**
 * Applies `fn` to a value that may be a promise, staying synchronous when it is not: the glue that keeps the
 * in-memory hot path free of promises while the same code runs on an async store.
 *
 * @param value - a value or a promise
 * @param fn - what to do with the value
 * @returns `fn(value)`, synchronously when `value` is not a promise
 * @example
 * ```ts
 * const store = createMemoryStore({ now: () => 0 })
 * chain(store.increment('k', 1, 60_000), (c) => c.count) // 1, synchronously
 * ```
 */
export function chain<T, R>(value: MaybePromise<T>, fn: (value: T) => MaybePromise<R>): MaybePromise<R> {
  return isPromiseLike(value) ? value.then(fn) : fn(value)
}

/** Options of {@link updateWithCompareAndSet}. */
export interface UpdateWithCompareAndSetOptions {
  /** Attempts before giving up with a `STORE_UNAVAILABLE` error; default 32. */
  maxAttempts?: number
}

/**
 * Implements {@link Store.update} with `get` + `compareAndSet` retries (optimistic concurrency), for stores
 * whose server cannot run the callback itself (Redis). `fn` works on a copy, so it may mutate its argument.
 *
 * @param store - the store's own `get` and `compareAndSet`
 * @param key - the key
 * @param fn - the update
 * @param ttlMs - lifetime of the written value
 * @param options - retry budget
 * @returns the value written
 * @example
 * ```ts
 * // inside a Redis store:
 * update: (key, fn, ttlMs) => updateWithCompareAndSet(this, key, fn, ttlMs)
 * ```
 */
export async function updateWithCompareAndSet<T>(
  store: Pick<Store, 'get' | 'compareAndSet'>,
  key: string,
  fn: (current: T | undefined) => T | undefined,
  ttlMs?: number,
  options: UpdateWithCompareAndSetOptions = {},
): Promise<T | undefined> {
  const maxAttempts = options.maxAttempts ?? 32
  for (let attempt = 0; attempt < maxAttempts; attempt++) {
    const current = await store.get<T>(key)
    // fn may mutate its argument: give it a copy so `current` still matches what the store holds.
    const copy = current === undefined ? undefined : (JSON.parse(JSON.stringify(current)) as T)
    const next = fn(copy)
    if (await store.compareAndSet(key, current, next, ttlMs)) return next
  }
  throw new ModerationError('STORE_UNAVAILABLE', `update of ${key} lost ${maxAttempts} races in a row.`)
}
