/**
 * The reusable contract suite for the core `Store` interface: every store (in-memory in core, Redis in
 * `@comment-shield/node`) runs the same tests through `describeStoreContract(name, makeStore)`.
 *
 * Time is an injected clock: each test creates its store with a fresh `{ now }` and advances it by hand, so a
 * store must expire entries by the injected time (logical expiry), never by its own clock.
 *
 * @example
 * ```ts
 * describeStoreContract('redis store', ({ now }) => createRedisStore({ redis, now, prefix: `t${++n}:` }))
 * ```
 */
import { describe, expect, it } from 'vitest'
import type { Store } from '@comment-shield/core'

/** The clock handed to `makeStore`: read-only for the store. */
export interface StoreContractClock {
  now(): number
}

/** Options of {@link describeStoreContract}. */
export interface StoreContractOptions {
  /** Called after each test with the store it made (close connections, flush keys). */
  cleanup?: (store: Store) => void | Promise<void>
}

/** 2026-11-18T00:00:00Z: a realistic epoch so stores that mix logical and real expiry see sane numbers. */
const T0 = 1_795_046_400_000

/**
 * Registers the Store contract tests under `describe(name)`.
 *
 * @param name - the store being tested
 * @param makeStore - makes a fresh, empty store (or one whose keys cannot collide with earlier tests) on the clock
 * @param options - cleanup hook
 */
export function describeStoreContract(
  name: string,
  makeStore: (clock: StoreContractClock) => Store | Promise<Store>,
  options: StoreContractOptions = {},
): void {
  async function setup(): Promise<{
    store: Store
    advance: (ms: number) => void
    done: () => Promise<void>
  }> {
    let t = T0
    const store = await makeStore({ now: () => t })
    return {
      store,
      advance: (ms) => {
        t += ms
      },
      done: async () => {
        await options.cleanup?.(store)
      },
    }
  }

  describe(`${name} (Store contract)`, () => {
    describe('get/set/delete', () => {
      it('returns undefined for a missing key', async () => {
        const { store, done } = await setup()
        expect(await store.get('missing')).toBeUndefined()
        await done()
      })

      it('round-trips JSON values', async () => {
        const { store, done } = await setup()
        const value = { a: 1, b: [1, 'two', null, true], c: { d: 'é目标😀' } }
        await store.set('v', value)
        expect(await store.get('v')).toEqual(value)
        await store.set('n', 0)
        expect(await store.get('n')).toBe(0)
        await store.set('s', '')
        expect(await store.get('s')).toBe('')
        await done()
      })

      it('expires a value exactly ttlMs after the write, by the injected clock', async () => {
        const { store, advance, done } = await setup()
        await store.set('v', 'x', 1_000)
        advance(999)
        expect(await store.get('v')).toBe('x')
        advance(1)
        expect(await store.get('v')).toBeUndefined()
        await done()
      })

      it('keeps a value without ttl', async () => {
        const { store, advance, done } = await setup()
        await store.set('v', 'x')
        advance(365 * 86_400_000)
        expect(await store.get('v')).toBe('x')
        await done()
      })

      it('overwriting resets the ttl', async () => {
        const { store, advance, done } = await setup()
        await store.set('v', 1, 1_000)
        advance(800)
        await store.set('v', 2, 1_000)
        advance(800)
        expect(await store.get('v')).toBe(2)
        await done()
      })

      it('delete tells whether a live entry was removed', async () => {
        const { store, advance, done } = await setup()
        await store.set('v', 1, 1_000)
        expect(await store.delete('v')).toBe(true)
        expect(await store.get('v')).toBeUndefined()
        expect(await store.delete('v')).toBe(false)
        await store.set('w', 1, 1_000)
        advance(1_000)
        expect(await store.delete('w')).toBe(false)
        await done()
      })

      it('accepts Unicode keys', async () => {
        const { store, done } = await setup()
        await store.set('目标:张三:😀', 'ok')
        expect(await store.get('目标:张三:😀')).toBe('ok')
        expect(await store.get('目标:张三')).toBeUndefined()
        await done()
      })
    })

    describe('compareAndSet', () => {
      it('sets when absent only if expected is undefined', async () => {
        const { store, done } = await setup()
        expect(await store.compareAndSet('k', undefined, { v: 1 })).toBe(true)
        expect(await store.compareAndSet('k', undefined, { v: 2 })).toBe(false)
        expect(await store.get('k')).toEqual({ v: 1 })
        await done()
      })

      it('replaces when the current value equals expected, and not otherwise', async () => {
        const { store, done } = await setup()
        await store.set('k', { v: 1, w: [1, 2] })
        expect(await store.compareAndSet('k', { v: 9, w: [1, 2] }, { v: 3 })).toBe(false)
        const current = await store.get('k')
        expect(await store.compareAndSet('k', current, { v: 2 })).toBe(true)
        expect(await store.get('k')).toEqual({ v: 2 })
        await done()
      })

      it('treats an expired value as absent', async () => {
        const { store, advance, done } = await setup()
        await store.set('k', 1, 100)
        advance(100)
        expect(await store.compareAndSet('k', 1, 2)).toBe(false)
        expect(await store.compareAndSet('k', undefined, 3, 100)).toBe(true)
        advance(99)
        expect(await store.get('k')).toBe(3)
        advance(1)
        expect(await store.get('k')).toBeUndefined()
        await done()
      })

      it('deletes when next is undefined', async () => {
        const { store, done } = await setup()
        await store.set('k', 'a')
        expect(await store.compareAndSet('k', 'a', undefined)).toBe(true)
        expect(await store.get('k')).toBeUndefined()
        await done()
      })

      it('lets exactly one of many concurrent set-if-absent calls win', async () => {
        const { store, done } = await setup()
        const wins = await Promise.all(
          Array.from({ length: 20 }, async (_, i) => store.compareAndSet('lock', undefined, i)),
        )
        expect(wins.filter(Boolean)).toHaveLength(1)
        expect(await store.get('lock')).toBe(wins.indexOf(true))
        await done()
      })
    })

    describe('update', () => {
      it('creates, modifies and deletes', async () => {
        const { store, done } = await setup()
        expect(await store.update<number>('u', (v) => (v ?? 0) + 1)).toBe(1)
        expect(await store.update<number>('u', (v) => (v ?? 0) + 1)).toBe(2)
        expect(await store.get('u')).toBe(2)
        expect(await store.update<number>('u', () => undefined)).toBeUndefined()
        expect(await store.get('u')).toBeUndefined()
        await done()
      })

      it('persists a callback that mutates its argument', async () => {
        const { store, done } = await setup()
        await store.set('u', { n: 1, list: [1] })
        await store.update<{ n: number; list: number[] }>('u', (v) => {
          if (!v) return { n: 0, list: [] }
          v.n += 1
          v.list.push(v.n)
          return v
        })
        expect(await store.get('u')).toEqual({ n: 2, list: [1, 2] })
        await done()
      })

      it('applies the ttl to the written value', async () => {
        const { store, advance, done } = await setup()
        await store.update<number>('u', () => 1, 500)
        advance(499)
        expect(await store.get('u')).toBe(1)
        advance(1)
        expect(await store.get('u')).toBeUndefined()
        expect(await store.update<number>('u', (v) => (v ?? 10) + 1)).toBe(11)
        await done()
      })

      it('loses no update under concurrency', async () => {
        const { store, done } = await setup()
        await Promise.all(
          Array.from({ length: 25 }, async () =>
            store.update<{ n: number }>('c', (v) => ({ n: (v?.n ?? 0) + 1 }), 60_000),
          ),
        )
        expect(await store.get('c')).toEqual({ n: 25 })
        await done()
      })
      it('gives each concurrent caller the value its own callback wrote, in one serial order', async () => {
        const { store, done } = await setup()
        const results = await Promise.all(
          Array.from({ length: 12 }, async (_, i) =>
            store.update<number[]>('list', (v) => [...(v ?? []), i], 60_000),
          ),
        )
        const final = (await store.get<number[]>('list'))!
        expect([...final].sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, i) => i))
        // Caller i sees the list up to and including its own entry, as if the updates had run one by one.
        for (const [i, written] of results.entries()) {
          expect(written!.at(-1)).toBe(i)
          expect(written).toEqual(final.slice(0, final.indexOf(i) + 1))
        }
        await done()
      })

      it('fails only the update whose callback throws', async () => {
        const { store, done } = await setup()
        const add = (by: number) => () =>
          Promise.resolve().then(() => store.update<number>('n', (v) => (v ?? 0) + by, 60_000))
        const boom = () =>
          Promise.resolve().then(() =>
            store.update<number>('n', () => {
              throw new Error('callback failed')
            }),
          )
        const settled = await Promise.allSettled([add(1)(), boom(), add(10)()])
        expect(settled.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
        expect((settled[1] as PromiseRejectedResult).reason).toMatchObject({ message: 'callback failed' })
        expect(await store.get('n')).toBe(11)
        await done()
      })

      it('sees writes made by set, compareAndSet and delete between updates', async () => {
        const { store, done } = await setup()
        await store.update<number>('k', () => 1, 60_000)
        await store.set('k', 5)
        expect(await store.update<number>('k', (v) => (v ?? 0) + 1, 60_000)).toBe(6)
        expect(await store.compareAndSet('k', 6, 20)).toBe(true)
        expect(await store.update<number>('k', (v) => (v ?? 0) + 1, 60_000)).toBe(21)
        expect(await store.delete('k')).toBe(true)
        expect(await store.update<number>('k', (v) => (v ?? 100) + 1, 60_000)).toBe(101)
        await done()
      })

      it('passes undefined once a value it wrote has expired', async () => {
        const { store, advance, done } = await setup()
        await store.update<number>('k', () => 1, 100)
        expect(await store.update<number>('k', (v) => (v ?? 0) + 1, 100)).toBe(2)
        advance(100)
        expect(await store.update<number | string>('k', (v) => v ?? 'fresh', 100)).toBe('fresh')
        await done()
      })
    })

    describe('increment', () => {
      it('counts within a fixed window that later increments do not extend', async () => {
        const { store, advance, done } = await setup()
        const first = await store.increment('c', 1, 1_000)
        expect(first.count).toBe(1)
        advance(600)
        const second = await store.increment('c', 2, 1_000)
        expect(second).toEqual({ count: 3, resetAt: first.resetAt })
        advance(399)
        expect((await store.increment('c', 1, 1_000)).count).toBe(4)
        advance(1)
        const fresh = await store.increment('c', 1, 1_000)
        expect(fresh.count).toBe(1)
        expect(fresh.resetAt).toBe(first.resetAt + 1_000)
        await done()
      })

      it('reports resetAt as now + windowMs for a new window', async () => {
        const { store, done } = await setup()
        const c = await store.increment('c', 1, 5_000)
        expect(c.resetAt).toBe(T0 + 5_000)
        await done()
      })

      it('keeps separate keys separate', async () => {
        const { store, done } = await setup()
        await store.increment('a', 5, 1_000)
        expect((await store.increment('b', 1, 1_000)).count).toBe(1)
        await done()
      })

      it('loses no increment under concurrency', async () => {
        const { store, done } = await setup()
        const counts = await Promise.all(
          Array.from({ length: 50 }, async () => store.increment('c', 1, 60_000)),
        )
        expect(counts.map((c) => c.count).sort((a, b) => a - b)).toEqual(
          Array.from({ length: 50 }, (_, i) => i + 1),
        )
        await done()
      })

      it('can be removed with delete', async () => {
        const { store, done } = await setup()
        await store.increment('c', 3, 1_000)
        expect(await store.delete('c')).toBe(true)
        expect((await store.increment('c', 1, 1_000)).count).toBe(1)
        await done()
      })
    })

    describe('sets', () => {
      it('counts distinct members', async () => {
        const { store, done } = await setup()
        expect(await store.addToSet('s', 'ann', 1_000)).toBe(1)
        expect(await store.addToSet('s', 'bob', 1_000)).toBe(2)
        expect(await store.addToSet('s', 'ann', 1_000)).toBe(2)
        expect(await store.setSize('s')).toBe(2)
        expect(await store.setSize('other')).toBe(0)
        await done()
      })

      it('expires each member ttlMs after its last add (a sliding window)', async () => {
        const { store, advance, done } = await setup()
        await store.addToSet('s', 'ann', 100)
        advance(50)
        await store.addToSet('s', 'bob', 100)
        advance(50)
        expect(await store.setSize('s')).toBe(1)
        await store.addToSet('s', 'bob', 100) // refresh bob at +100 → lives until +200
        advance(99)
        expect(await store.setSize('s')).toBe(1)
        advance(1)
        expect(await store.setSize('s')).toBe(0)
        expect(await store.addToSet('s', 'ann', 100)).toBe(1)
        await done()
      })

      it('stays exact when members get different ttls', async () => {
        const { store, advance, done } = await setup()
        await store.addToSet('s', 'long', 1_000)
        await store.addToSet('s', 'short', 10)
        advance(10)
        expect(await store.setSize('s')).toBe(1)
        advance(990)
        expect(await store.setSize('s')).toBe(0)
        await done()
      })

      it('counts every concurrent add', async () => {
        const { store, done } = await setup()
        await Promise.all(Array.from({ length: 40 }, async (_, i) => store.addToSet('s', `u${i}`, 60_000)))
        expect(await store.setSize('s')).toBe(40)
        await done()
      })

      it('can be removed with delete', async () => {
        const { store, done } = await setup()
        await store.addToSet('s', 'ann', 1_000)
        expect(await store.delete('s')).toBe(true)
        expect(await store.setSize('s')).toBe(0)
        await done()
      })
    })
  })
}
