import { describe, expect, it } from 'vitest'
import { chain, createMemoryStore, isModerationError, updateWithCompareAndSet } from '@comment-shield/core'
import type { Store } from '@comment-shield/core'

// The contract suite lives in the private test-utils package, outside core's TypeScript project: a
// non-literal specifier keeps tsc from pulling that file into core's program; vitest resolves it at run time.
const contractModule = '@comment-shield/test-utils/store-contract'
const { describeStoreContract } = (await import(/* @vite-ignore */ contractModule)) as {
  describeStoreContract: (name: string, make: (clock: { now(): number }) => Store) => void
}

describeStoreContract('createMemoryStore()', ({ now }) => createMemoryStore({ now }))

describeStoreContract('updateWithCompareAndSet() over an async store', ({ now }) => {
  // An async wrapper whose update goes through get + compareAndSet retries, as a Redis store does.
  const inner = createMemoryStore({ now })
  const tick = <T>(v: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(v), 0))
  const store: Store = {
    get: (k) => tick(inner.get(k)),
    set: (k, v, ttl) => tick(inner.set(k, v, ttl)),
    delete: (k) => tick(inner.delete(k)),
    compareAndSet: (k, e, n, ttl) => tick(inner.compareAndSet(k, e, n, ttl)),
    update: (k, fn, ttl) => updateWithCompareAndSet(store, k, fn, ttl, { maxAttempts: 1_000 }),
    increment: (k, by, w) => tick(inner.increment(k, by, w)),
    addToSet: (k, m, ttl) => tick(inner.addToSet(k, m, ttl)),
    setSize: (k) => tick(inner.setSize(k)),
  }
  return store
})

describe('createMemoryStore()', () => {
  it('answers synchronously', () => {
    const store = createMemoryStore({ now: () => 0 })
    expect(store.increment('c', 1, 10)).toEqual({ count: 1, resetAt: 10 })
    expect(chain(store.increment('c', 1, 10), (c) => c.count)).toBe(2)
  })

  it('keeps at most maxKeys entries under a flood of unique keys', () => {
    const store = createMemoryStore({ now: () => 0, maxKeys: 1_000 })
    for (let i = 0; i < 100_000; i++) {
      store.set(`v:${i}`, { i })
      store.increment(`c:${i}`, 1, 60_000)
      store.addToSet(`s:${i}`, 'a', 60_000)
    }
    expect(store.size).toBe(1_000)
    expect(store.get('v:0')).toBeUndefined()
    expect(store.setSize('s:99999')).toBe(1)
  })

  it('evicts the least recently used key first', () => {
    const store = createMemoryStore({ now: () => 0, maxKeys: 3 })
    store.set('a', 1)
    store.set('b', 2)
    store.set('c', 3)
    store.get('a')
    store.set('d', 4)
    expect(store.get('a')).toBe(1)
    expect(store.get('b')).toBeUndefined()
  })

  it('caps the members of one set, dropping the oldest', () => {
    let t = 0
    const store = createMemoryStore({ now: () => t, maxSetMembers: 100 })
    for (let i = 0; i < 10_000; i++) {
      t++
      store.addToSet('s', `m${i}`, 1e9)
    }
    expect(store.setSize('s')).toBe(100)
  })

  it('rejects bad options with ModerationError', () => {
    expect(() => createMemoryStore({ now: () => 0, maxKeys: 0 })).toThrow(/maxKeys/)
    let caught: unknown
    try {
      createMemoryStore({ now: 5 as unknown as () => number })
    } catch (error) {
      caught = error
    }
    expect(isModerationError(caught)).toBe(true)
  })
})
