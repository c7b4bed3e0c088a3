import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtemp } from 'node:fs/promises'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { Redis } from 'ioredis'
import { createModerator, createPileOnDetector, isModerationError } from '@comment-shield/core'
import { describeStoreContract, requireProgram } from '@comment-shield/test-utils'
import type {} from '@comment-shield/test-utils/global-setup' // declares inject('redisUrl')
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest'
import { createEvidenceLedger } from './evidence/index.ts'
import { createFetchHandler } from './handler.ts'
import { createShieldRouter } from './router.ts'
import { createRedisLedgerStorage, createRedisStore } from './redis.ts'
import type { RedisStore } from './redis.ts'

let redis: Redis
let n = 0
const prefix = (): string => `test:${process.pid}:${++n}:`

beforeAll(() => {
  redis = new Redis(inject('redisUrl'))
})
afterAll(async () => {
  await redis.quit()
})

describeStoreContract('createRedisStore()', ({ now }) => createRedisStore({ redis, now, prefix: prefix() }))

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address()
      srv.close(() => resolve(typeof address === 'object' && address ? address.port : 0))
    })
  })
}

async function startRedis(port: number, dir: string): Promise<ChildProcess> {
  const child = spawn(
    requireProgram('redis-server', 'REDIS_SERVER_PATH'),
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'yes',
      '--appendfsync',
      'always',
      '--dir',
      dir,
    ],
    { stdio: 'ignore' },
  )
  const probe = new Redis(port, '127.0.0.1', {
    lazyConnect: true,
    retryStrategy: () => 50,
    maxRetriesPerRequest: null,
  })
  probe.on('error', () => undefined)
  await probe.connect().catch(() => undefined)
  await probe.ping()
  probe.disconnect()
  return child
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((r) => child.once('exit', r))
  child.kill('SIGKILL')
  await exited
}

describe('createRedisStore() on a shared Redis', () => {
  it('lets two instances count one surge (shared counters and sets)', async () => {
    const p = prefix()
    const a = createRedisStore({ redis, prefix: p })
    const b = createRedisStore({ redis, prefix: p })
    await Promise.all([
      a.addToSet('authors:victim', 'u1', 60_000),
      b.addToSet('authors:victim', 'u2', 60_000),
    ])
    expect(await a.setSize('authors:victim')).toBe(2)
    await a.increment('hostile:victim', 1, 60_000)
    expect((await b.increment('hostile:victim', 1, 60_000)).count).toBe(2)
  })

  it('two instances on one Redis see one pile-on that neither sees alone', async () => {
    const p = prefix()
    let t = Date.parse('2026-11-22T10:00:00Z')
    const now = () => t
    const detectors = [0, 1].map(() =>
      createPileOnDetector({ store: createRedisStore({ redis, prefix: p, now }), now }),
    )
    const alone = createPileOnDetector({ store: createRedisStore({ redis, prefix: prefix(), now }), now })
    // a calm baseline: friendly comments for an hour
    for (let i = 0; i < 12; i++) {
      t += 5 * 60_000
      await detectors[i % 2]!.ingest({
        targetId: 'ann',
        authorId: `fan${i}`,
        abuseScore: 0.05,
        text: `nice ${i}`,
      })
      await alone.ingest({ targetId: 'ann', authorId: `fan${i}`, abuseScore: 0.05, text: `nice ${i}` })
    }
    // 24 hostile accounts in two minutes, load-balanced over the two instances
    let last
    for (let i = 0; i < 24; i++) {
      t += 5_000
      last = await detectors[i % 2]!.ingest({
        targetId: 'ann',
        authorId: `troll${i}`,
        abuseScore: 0.9,
        text: `滚出去 ${i}号`,
        authorAccountAgeDays: 1,
      })
      if (i % 2 === 0)
        await alone.ingest({
          targetId: 'ann',
          authorId: `troll${i}`,
          abuseScore: 0.9,
          text: `滚出去 ${i}号`,
          authorAccountAgeDays: 1,
        })
    }
    expect(last?.level).toBe('pile_on')
    expect((await detectors[0]!.status('ann')).level).toBe('pile_on')
    expect((await detectors[0]!.status('ann')).stats.authors).toBe(24)
    expect((await alone.status('ann')).stats.authors).toBe(12)
  })

  it('loses no update when two instances update one hot key concurrently', async () => {
    const p = prefix()
    const a = createRedisStore({ redis, prefix: p })
    const b = createRedisStore({ redis, prefix: p })
    await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        (i % 3 ? a : b).update<number>('hot', (n) => (n ?? 0) + 1, 60_000),
      ),
    )
    expect(await a.get('hot')).toBe(60)
  })

  it('updates a key it owns in one round trip and group-commits concurrent updates', async () => {
    const client = new Redis(inject('redisUrl'))
    try {
      const store = createRedisStore({ redis: client, prefix: prefix() })
      const calls = vi.spyOn(client, 'evalsha')
      await store.update<number>('hot', (n) => (n ?? 0) + 1, 60_000) // new key: the "absent" guess holds
      expect(calls).toHaveBeenCalledTimes(1)
      await store.update<number>('hot', (n) => (n ?? 0) + 1, 60_000) // known key: swap against its token
      expect(calls).toHaveBeenCalledTimes(2)
      calls.mockClear()
      const written = await Promise.all(
        Array.from({ length: 40 }, () => store.update<number>('hot', (n) => (n ?? 0) + 1, 60_000)),
      )
      expect(written).toEqual(Array.from({ length: 40 }, (_, i) => i + 3))
      // The first runs alone, the 39 queued behind it share the next swap.
      expect(calls.mock.calls.length).toBeLessThanOrEqual(3)
      expect(await store.get('hot')).toBe(42)
    } finally {
      await client.quit()
    }
  })

  it('retries on the current value when another instance wrote since (no stale write)', async () => {
    const p = prefix()
    const a = createRedisStore({ redis, prefix: p })
    const b = createRedisStore({ redis, prefix: p })
    await a.update<string[]>('k', (v) => [...(v ?? []), 'a1'])
    await b.update<string[]>('k', (v) => [...(v ?? []), 'b1'])
    await a.set('other', 1) // unrelated traffic
    expect(await a.update<string[]>('k', (v) => [...(v ?? []), 'a2'])).toEqual(['a1', 'b1', 'a2'])
    await b.compareAndSet('k', ['a1', 'b1', 'a2'], ['reset'])
    expect(await a.update<string[]>('k', (v) => [...(v ?? []), 'a3'])).toEqual(['reset', 'a3'])
  })

  it('updates a value written without a write token (by an older version)', async () => {
    const p = prefix()
    await redis.hset(`${p}legacy`, 'k', 'v', 'v', JSON.stringify({ n: 1 }), 'e', -1)
    const store = createRedisStore({ redis, prefix: p })
    expect(await store.update<{ n: number }>('legacy', (v) => ({ n: (v?.n ?? 0) + 1 }))).toEqual({ n: 2 })
    expect(await store.get('legacy')).toEqual({ n: 2 })
  })

  it('runs scripts by SHA and reloads them after SCRIPT FLUSH', async () => {
    const client = new Redis(inject('redisUrl'))
    try {
      const store = createRedisStore({ redis: client, prefix: prefix() })
      await store.set('k', 1)
      await client.script('FLUSH')
      expect(await store.get('k')).toBe(1)
      expect(await store.update<number>('k', (n) => (n ?? 0) + 1)).toBe(2)
    } finally {
      await client.quit()
    }
  })

  it('bounds set members', async () => {
    const s = createRedisStore({ redis, prefix: prefix(), maxSetMembers: 3 })
    for (let i = 0; i < 10; i++) await s.addToSet('k', `m${i}`, 60_000 + i)
    expect(await s.setSize('k')).toBe(3)
  })
})

describe('createRedisLedgerStorage()', () => {
  it('keeps one valid chain when two instances append concurrently', async () => {
    const p = prefix()
    const one = createEvidenceLedger({ storage: createRedisLedgerStorage({ redis, prefix: p }) })
    const two = createEvidenceLedger({ storage: createRedisLedgerStorage({ redis, prefix: p }) })
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? one : two).append({ kind: 'report', text: `r${i}`, reason: 'insult' }),
      ),
    )
    expect(await one.verify()).toMatchObject({ ok: true, count: 20 })
  })

  it('detects an entry edited inside Redis', async () => {
    const p = prefix()
    const ledger = createEvidenceLedger({ storage: createRedisLedgerStorage({ redis, prefix: p }) })
    await ledger.append({ kind: 'report', text: 'one', reason: 'doxing' })
    await ledger.append({ kind: 'report', text: 'two', reason: 'doxing' })
    const line = JSON.parse((await redis.lindex(`${p}ledger`, 0))!) as { record: { text: string } }
    line.record.text = 'edited'
    await redis.lset(`${p}ledger`, 0, JSON.stringify(line))
    expect((await ledger.verify()).problems.map((x) => x.kind)).toEqual(['hash_mismatch'])
  })
})

describe('Redis outages', () => {
  it('fails with a clear STORE_UNAVAILABLE error, then opens the circuit and fails fast', async () => {
    const port = await freePort() // nothing listens here
    const onBreaker = vi.fn()
    const store = createRedisStore({
      redis: `redis://127.0.0.1:${port}`,
      breaker: { failures: 2, resetMs: 60_000 },
      onBreaker,
    })
    try {
      const first = await Promise.resolve(store.get('k')).catch((e: unknown) => e)
      expect(isModerationError(first) && first.code).toBe('STORE_UNAVAILABLE')
      expect((first as Error).message).toMatch(/^\[comment-shield\] Redis store: get failed/)
      await Promise.resolve(store.increment('k', 1, 1000)).catch(() => undefined)
      expect(store.breakerState()).toBe('open')
      expect(onBreaker).toHaveBeenCalledWith('open', expect.anything())
      const fast = await Promise.resolve(store.set('k', 1)).catch((e: unknown) => e)
      expect((fast as Error).message).toMatch(/circuit open/)
    } finally {
      await store.close()
    }
  })

  it('loses no acknowledged report across a Redis crash, and answers 503 (not 201) while it is down', async () => {
    const port = await freePort()
    const dir = await mkdtemp(`${tmpdir()}/cs-redis-`)
    let child = await startRedis(port, dir)
    let store: RedisStore = createRedisStore({
      redis: `redis://127.0.0.1:${port}`,
      breaker: { failures: 100 },
    })
    const makeRouter = (s: RedisStore) =>
      createShieldRouter({
        store: s,
        ledger: createEvidenceLedger({ storage: createRedisLedgerStorage({ redis: s }) }),
      })
    const post = (router: ReturnType<typeof makeRouter>, commentId: string) =>
      router.fetch(
        new Request('http://x/reports', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            commentId,
            reason: 'threat',
            text: 't',
            url: 'https://x/a',
            at: '2026-11-22T10:00:00Z',
          }),
        }),
        { clientId: 'c' },
      )
    try {
      let router = makeRouter(store)
      const acked: string[] = []
      for (const id of ['c1', 'c2', 'c3']) {
        const res = await post(router, id)
        expect(res.status).toBe(201)
        acked.push(((await res.json()) as { id: string }).id)
      }
      await stop(child)
      expect((await post(router, 'c4')).status).toBe(503)
      child = await startRedis(port, dir)
      await store.close()
      store = createRedisStore({ redis: `redis://127.0.0.1:${port}` })
      router = makeRouter(store)
      const ledger = createEvidenceLedger({ storage: createRedisLedgerStorage({ redis: store }) })
      expect(await ledger.verify()).toMatchObject({ ok: true, count: 3 })
      expect((await ledger.entries()).map((e) => e.record.id)).toEqual(acked)
      expect((await post(router, 'c4')).status).toBe(201)
    } finally {
      await store.close()
      await stop(child)
    }
  })

  it('closes the circuit again once Redis is back (half-open probe)', async () => {
    const port = await freePort()
    let t = 0
    const onBreaker = vi.fn()
    const store = createRedisStore({
      redis: `redis://127.0.0.1:${port}`,
      breaker: { failures: 1, resetMs: 10_000, now: () => t },
      onBreaker,
    })
    const dir = await mkdtemp(`${tmpdir()}/cs-redis-`)
    let child: ChildProcess | undefined
    try {
      await store.get('k').catch(() => undefined)
      expect(store.breakerState()).toBe('open')
      child = await startRedis(port, dir)
      await expect(store.get('k')).rejects.toThrow(/circuit open/) // still open: no probe before resetMs
      t += 10_000
      expect(store.breakerState()).toBe('half-open')
      let ok = false
      // the client reconnects in the background; probe until it answers
      for (let i = 0; i < 50 && !ok; i++) {
        ok = await store.set('k', 1).then(
          () => true,
          () => {
            t += 10_000
            return false
          },
        )
      }
      expect(ok).toBe(true)
      expect(store.breakerState()).toBe('closed')
      expect(onBreaker).toHaveBeenLastCalledWith('closed')
    } finally {
      await store.close()
      if (child) await stop(child)
    }
  })

  it('shield on a Redis-backed moderator: degraded but checked by default, 503 with failOnDegraded', async () => {
    const port = await freePort() // Redis is down
    const store = createRedisStore({ redis: `redis://127.0.0.1:${port}`, breaker: { failures: 1 } })
    const moderator = createModerator({ now: Date.now, store })
    const post = (failOnDegraded: boolean) =>
      createFetchHandler({
        moderator,
        failOnDegraded,
        getTarget: () => 'ann',
        getAuthor: () => 'u1',
        handler: (_req, state) =>
          Response.json({ text: state.text, degraded: state.degraded }, { status: 201 }),
      })(
        new Request('http://x/c', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ text: '电话 13800138000' }),
        }),
      )
    try {
      const lenient = await post(false)
      expect(lenient.status).toBe(201)
      expect(await lenient.json()).toEqual({ text: '电话 138****8000', degraded: true })
      expect((await post(true)).status).toBe(503)
    } finally {
      await store.close()
    }
  })
})
