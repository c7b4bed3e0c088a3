/**
 * The small key-value state the endpoints router needs (rate limits, report dedupe, report-bombing sets,
 * protection switches), with a bounded in-memory implementation. The Redis store implements it too.
 *
 * @module
 */
import { LRUCache } from 'lru-cache'

/** Shared state of the endpoints. Every method is atomic on its key. */
export interface RouterState {
  /** Adds 1 to a counter that expires `ttlMs` after its first hit; returns the new count. */
  incr(key: string, ttlMs: number): Promise<number>
  /** Sets `key` only when absent; returns the value already there, or undefined when this call set it. */
  setIfAbsent(key: string, value: string, ttlMs: number): Promise<string | undefined>
  get(key: string): Promise<string | undefined>
  set(key: string, value: string, ttlMs?: number): Promise<void>
  /** Adds a member to a set that expires `ttlMs` after its creation; returns the set's size. */
  addToSet(key: string, member: string, ttlMs: number): Promise<number>
}

/** Options of {@link createMemoryRouterState}. */
export interface MemoryRouterStateOptions {
  /** Most keys kept (least recently used go first). Default 100 000. */
  maxKeys?: number
  /** Most members per set. Default 10 000. */
  maxSetSize?: number
  /** Clock. Default `Date.now`. */
  now?: () => number
}

interface Item {
  value: string | number | Set<string>
  expiresAt: number
}

/**
 * Creates bounded in-memory state for one process.
 *
 * @param options - bounds and clock
 * @returns the state
 */
export function createMemoryRouterState(options: MemoryRouterStateOptions = {}): RouterState {
  const now = options.now ?? Date.now
  const maxSetSize = options.maxSetSize ?? 10_000
  const cache = new LRUCache<string, Item>({ max: options.maxKeys ?? 100_000 })
  function live(key: string): Item | undefined {
    const item = cache.get(key)
    if (item && item.expiresAt <= now()) {
      cache.delete(key)
      return undefined
    }
    return item
  }
  return {
    incr(key, ttlMs) {
      const item = live(key)
      if (item && typeof item.value === 'number') {
        item.value++
        return Promise.resolve(item.value)
      }
      cache.set(key, { value: 1, expiresAt: now() + ttlMs })
      return Promise.resolve(1)
    },
    setIfAbsent(key, value, ttlMs) {
      const item = live(key)
      if (item) return Promise.resolve(String(item.value as string))
      cache.set(key, { value, expiresAt: now() + ttlMs })
      return Promise.resolve(undefined)
    },
    get(key) {
      const v = live(key)?.value
      return Promise.resolve(typeof v === 'string' ? v : undefined)
    },
    set(key, value, ttlMs) {
      cache.set(key, { value, expiresAt: ttlMs === undefined ? Infinity : now() + ttlMs })
      return Promise.resolve()
    },
    addToSet(key, member, ttlMs) {
      let item = live(key)
      if (!item || !(item.value instanceof Set)) {
        item = { value: new Set<string>(), expiresAt: now() + ttlMs }
        cache.set(key, item)
      }
      const set = item.value as Set<string>
      if (set.size < maxSetSize) set.add(member)
      return Promise.resolve(set.size)
    },
  }
}
