/**
 * `@comment-shield/node/redis`: the core `Store` on Redis (ioredis) for multi-instance deployments, plus
 * Redis storage for the evidence ledger. Every call is one Lua script, so it is atomic across processes.
 *
 * **Time.** Expiry is logical: the injected `now()` is passed into every script and an entry whose
 * `expiresAt <= now` is absent, exactly like the memory store. A real `PEXPIRE` (ttl + 1 min) only
 * garbage-collects.
 *
 * **`update` in one round trip.** Redis cannot run a JavaScript callback, so `update` is optimistic: the
 * callback runs here on the last value this process saw of the key, and one `swap` script writes the result
 * only if the key still holds that value (checked by a write token stored beside it), else answers with the
 * current value and token for a retry. A process that owns a hot key (a target under a pile-on) therefore
 * pays one round trip per update, and its concurrent updates of one key are **group-committed**: every
 * callback queued while a swap is in flight runs, in order, on the result of the one before, and the lot is
 * written by the next single swap. Two instances on one Redis still see one state: a swap against a stale
 * token fails and retries on what the other instance wrote.
 *
 * **Failures.** A failed or timed-out command throws `ModerationError('STORE_UNAVAILABLE')` naming the
 * operation. After `breaker.failures` consecutive failures the circuit opens and calls fail at once (no
 * network wait) for `breaker.resetMs`; then one probe call is let through. The shield then follows its
 * `failMode` (see docs/server.md, "Fail-open or fail-closed").
 *
 * @module
 */
import { createHash, randomBytes } from 'node:crypto'
import { Redis } from 'ioredis'
import type { RedisOptions } from 'ioredis'
import { LRUCache } from 'lru-cache'
import { ModerationError } from '@comment-shield/core'
import type { CounterState, Store } from '@comment-shield/core'
import type { LedgerEntry, LedgerHead, LedgerStorage } from './evidence/ledger.ts'

/** Options of {@link createRedisStore}. */
export interface RedisStoreOptions {
  /** An ioredis client, or a `redis://` URL to create one with fail-fast settings. */
  redis: Redis | string
  /** Clock (ms). Default `Date.now`. */
  now?: () => number
  /** Prefix of every key. Default `cs:`. */
  prefix?: string
  /** Most live members kept per set (the earliest to expire go first). Default 10 000. */
  maxSetMembers?: number
  /**
   * Keys whose last seen value this process keeps for one-round-trip `update`s (the hot ones: least recently
   * updated dropped first). Default 10 000.
   */
  maxCachedKeys?: number
  /** Circuit breaker: open after `failures` consecutive failures, for `resetMs` (by `now`, default the wall clock). Default 5 and 5000. */
  breaker?: { failures?: number; resetMs?: number; now?: () => number }
  /** Called when the breaker opens or closes. */
  onBreaker?: (state: 'open' | 'closed', error?: unknown) => void
}

/** The Redis store: a core `Store`, plus its client and breaker state. */
export interface RedisStore extends Store {
  get<T = unknown>(key: string): Promise<T | undefined>
  set(key: string, value: unknown, ttlMs?: number): Promise<void>
  delete(key: string): Promise<boolean>
  compareAndSet(key: string, expected: unknown, next: unknown, ttlMs?: number): Promise<boolean>
  update<T>(
    key: string,
    fn: (current: T | undefined) => T | undefined,
    ttlMs?: number,
  ): Promise<T | undefined>
  increment(key: string, by: number, windowMs: number): Promise<CounterState>
  addToSet(key: string, member: string, ttlMs: number): Promise<number>
  setSize(key: string): Promise<number>
  readonly redis: Redis
  /** `closed` (healthy), `open` (failing fast) or `half-open` (probing). */
  breakerState(): 'closed' | 'open' | 'half-open'
  /** Closes the client if the store created it. */
  close(): Promise<void>
}

/** Fail-fast client settings: bounded retries and command timeout, so an outage surfaces as an error quickly. */
export const FAIL_FAST_REDIS_OPTIONS: RedisOptions = {
  maxRetriesPerRequest: 1,
  commandTimeout: 1000,
  connectTimeout: 2000,
  retryStrategy: (times: number) => Math.min(times * 200, 2000),
}

const GC_SLACK_MS = 60_000

// KEYS[1] = key. Value entries are hashes { k: 'v', v: json, e: expiresAt|-1 }, counters { k: 'c', c, r },
// sets are sorted sets scored by each member's expiry.
const LIVE_VALUE = `
local function live_value(key, now)
  local f = redis.call('HMGET', key, 'k', 'v', 'e')
  if f[1] ~= 'v' then return nil end
  local e = tonumber(f[3])
  if e >= 0 and e <= now then redis.call('DEL', key) return nil end
  return f[2]
end
`
const SET_VALUE = `
local function set_value(key, json, e, gc, token)
  redis.call('DEL', key)
  if json == '' then return end
  redis.call('HSET', key, 'k', 'v', 'v', json, 'e', e, 't', token)
  if tonumber(gc) > 0 then redis.call('PEXPIRE', key, gc) end
end
`
const SCRIPTS = {
  // ARGV: now
  get: `${LIVE_VALUE} return live_value(KEYS[1], tonumber(ARGV[1]))`,
  // ARGV: json, expiresAt, gcMs, token
  set: `${SET_VALUE} set_value(KEYS[1], ARGV[1], ARGV[2], ARGV[3], ARGV[4]) return 1`,
  // ARGV: now, expectedJson ('' = absent), nextJson ('' = delete), expiresAt, gcMs, token
  cas: `${LIVE_VALUE}${SET_VALUE}
local cur = live_value(KEYS[1], tonumber(ARGV[1]))
if ARGV[2] == '' then
  if cur ~= nil then return 0 end
elseif cur ~= ARGV[2] then return 0 end
set_value(KEYS[1], ARGV[3], ARGV[4], ARGV[5], ARGV[6])
return 1`,
  // The write half of update(). ARGV: now, expectedToken ('' = absent), nextJson ('' = delete), expiresAt,
  // gcMs, token. Every value write stores a fresh token; a value without one (written by an older version)
  // gets one here, so a token names exactly one write and a stale reader can never match (no ABA).
  // Returns {1} when written, else {0} (absent) or {0, currentJson, currentToken}.
  swap: `${SET_VALUE}
local f = redis.call('HMGET', KEYS[1], 'k', 'v', 'e', 't')
local cur = ''
if f[1] == 'v' then
  local e = tonumber(f[3])
  if e < 0 or e > tonumber(ARGV[1]) then
    cur = f[4]
    if not cur then
      cur = ARGV[6] .. '~'
      redis.call('HSET', KEYS[1], 't', cur)
    end
  end
end
if cur ~= ARGV[2] then
  if cur == '' then return { 0 } end
  return { 0, f[2], cur }
end
set_value(KEYS[1], ARGV[3], ARGV[4], ARGV[5], ARGV[6])
return { 1 }`,
  // ARGV: now, by, resetAt(new window), gcMs
  incr: `
local f = redis.call('HMGET', KEYS[1], 'k', 'c', 'r')
local now = tonumber(ARGV[1])
if f[1] == 'c' and tonumber(f[3]) > now then
  local c = redis.call('HINCRBYFLOAT', KEYS[1], 'c', ARGV[2])
  return { c, f[3] }
end
redis.call('DEL', KEYS[1])
redis.call('HSET', KEYS[1], 'k', 'c', 'c', ARGV[2], 'r', ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return { ARGV[2], ARGV[3] }`,
  // ARGV: now, member, expiresAt, gcMs, maxMembers
  sadd: `
if redis.call('TYPE', KEYS[1]).ok ~= 'zset' then redis.call('DEL', KEYS[1]) end
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[2])
local n = redis.call('ZCARD', KEYS[1])
local max = tonumber(ARGV[5])
if n > max then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, n - max - 1) n = max end
local ttl = redis.call('PTTL', KEYS[1])
if ttl < tonumber(ARGV[4]) then redis.call('PEXPIRE', KEYS[1], ARGV[4]) end
return n`,
  // ARGV: now
  scard: `
if redis.call('TYPE', KEYS[1]).ok ~= 'zset' then return 0 end
return redis.call('ZCOUNT', KEYS[1], '(' .. ARGV[1], '+inf')`,
  // ARGV: now
  del: `
local t = redis.call('TYPE', KEYS[1]).ok
local now = tonumber(ARGV[1])
local live = 0
if t == 'zset' then
  if redis.call('ZCOUNT', KEYS[1], '(' .. ARGV[1], '+inf') > 0 then live = 1 end
elseif t == 'hash' then
  local f = redis.call('HMGET', KEYS[1], 'k', 'e', 'r')
  if f[1] == 'v' then
    local e = tonumber(f[2])
    if e < 0 or e > now then live = 1 end
  elseif f[1] == 'c' and tonumber(f[3]) > now then live = 1 end
end
redis.call('DEL', KEYS[1])
return live`,
  // KEYS: list, head. ARGV: expectedHeadJson ('' = empty), line, newHeadJson
  ledgerAppend: `
local h = redis.call('GET', KEYS[2]) or ''
if h ~= ARGV[1] then return 0 end
redis.call('RPUSH', KEYS[1], ARGV[2])
redis.call('SET', KEYS[2], ARGV[3])
return 1`,
} as const

type ScriptName = keyof typeof SCRIPTS

const SHA1: Record<ScriptName, string> = Object.fromEntries(
  Object.entries(SCRIPTS).map(([name, lua]) => [name, createHash('sha1').update(lua).digest('hex')]),
) as Record<ScriptName, string>

/**
 * Runs a script by its SHA-1 (`EVALSHA`: the script body is not sent again on every call), loading it with
 * `EVAL` when the server does not know it yet (first use, restart, `SCRIPT FLUSH`).
 */
async function evalScript(
  redis: Redis,
  script: ScriptName,
  keys: string[],
  args: string[],
): Promise<unknown> {
  try {
    return await redis.evalsha(SHA1[script], keys.length, ...keys, ...args)
  } catch (error) {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error
    return redis.eval(SCRIPTS[script], keys.length, ...keys, ...args)
  }
}

/** Most updates of one key written by one swap (bounds the work of a batch). */
const MAX_BATCH = 256
/** Swaps lost to other writers in a row before an update gives up. */
const MAX_ATTEMPTS = 32

/** One queued `update` call. */
interface PendingUpdate {
  fn: (current: unknown) => unknown
  ttlMs: number | undefined
  resolve: (value: unknown) => void
  reject: (error: unknown) => void
  result: unknown
  error: unknown
  failed: boolean
  done: boolean
}

interface Breaker {
  call<T>(op: string, fn: () => Promise<T>): Promise<T>
  state(): 'closed' | 'open' | 'half-open'
}

function createBreaker(
  failuresToOpen: number,
  resetMs: number,
  onBreaker: RedisStoreOptions['onBreaker'],
  clock: () => number,
): Breaker {
  let failures = 0
  let openedAt = 0
  let probing = false
  const state = (): 'closed' | 'open' | 'half-open' =>
    failures < failuresToOpen ? 'closed' : clock() - openedAt >= resetMs ? 'half-open' : 'open'
  return {
    state,
    async call(op, fn) {
      const s = state()
      if (s === 'open' || (s === 'half-open' && probing)) {
        throw new ModerationError(
          'STORE_UNAVAILABLE',
          `Redis store: ${op} refused, circuit open after ${failures} consecutive failures.`,
        )
      }
      probing = s === 'half-open'
      try {
        const result = await fn()
        if (failures >= failuresToOpen) onBreaker?.('closed')
        failures = 0
        return result
      } catch (error) {
        failures++
        if (failures >= failuresToOpen) {
          if (failures === failuresToOpen || probing) onBreaker?.('open', error)
          openedAt = clock()
        }
        const message = error instanceof Error ? error.message : String(error)
        throw new ModerationError('STORE_UNAVAILABLE', `Redis store: ${op} failed: ${message}`, {
          cause: error,
        })
      } finally {
        probing = false
      }
    },
  }
}

/**
 * Creates the Redis store.
 *
 * @param options - client or URL, clock, key prefix, breaker
 * @returns the store
 * @example
 * ```ts
 * import { createRedisStore } from '@comment-shield/node/redis'
 * const store = createRedisStore({ redis: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' })
 * ```
 * @see https://github.com/comment-shield/comment-shield/blob/main/docs/server.md#redis
 */
export function createRedisStore(options: RedisStoreOptions): RedisStore {
  const owned = typeof options.redis === 'string'
  const redis =
    typeof options.redis === 'string' ? new Redis(options.redis, FAIL_FAST_REDIS_OPTIONS) : options.redis
  if (owned) redis.on('error', () => undefined) // surfaced per command instead
  const now = options.now ?? Date.now
  const prefix = options.prefix ?? 'cs:'
  const maxSetMembers = options.maxSetMembers ?? 10_000
  const maxCachedKeys = options.maxCachedKeys ?? 10_000
  const breaker = createBreaker(
    options.breaker?.failures ?? 5,
    options.breaker?.resetMs ?? 5000,
    options.onBreaker,
    options.breaker?.now ?? Date.now,
  )

  function run(
    op: string,
    script: ScriptName,
    keys: string[],
    args: Array<string | number>,
  ): Promise<unknown> {
    return breaker.call(op, () =>
      evalScript(
        redis,
        script,
        keys.map((k) => prefix + k),
        args.map(String),
      ),
    )
  }
  const expiry = (ttlMs: number | undefined): number => (ttlMs === undefined ? -1 : now() + ttlMs)
  const gc = (ttlMs: number | undefined): number => (ttlMs === undefined ? 0 : ttlMs + GC_SLACK_MS)
  const encode = (v: unknown): string => (v === undefined ? '' : JSON.stringify(v))
  // Write tokens: unique per store instance (random) and per write (counter).
  const instance = randomBytes(6).toString('base64url')
  let writes = 0
  const token = (): string => `${instance}.${(writes++).toString(36)}`

  /**
   * The last value (JSON) and write token this process saw per key it updates: the expected state of its next
   * swap. Bounded (least recently used dropped; a dropped key costs one extra round trip, never correctness:
   * the token check catches anything stale). Other writes through this store drop their key.
   */
  const seen = new LRUCache<string, { json: string; token: string }>({ max: maxCachedKeys })
  /** Updates waiting per key while a swap of that key is in flight (entries removed when idle). */
  const pending = new Map<string, PendingUpdate[]>()

  function enqueue(key: string, item: PendingUpdate): void {
    const queue = pending.get(key)
    if (queue) {
      queue.push(item)
      return
    }
    pending.set(key, [item])
    void drain(key)
  }

  /** Commits the queue of `key` in batches, one swap per batch, until it is empty. */
  async function drain(key: string): Promise<void> {
    for (;;) {
      const queue = pending.get(key)!
      if (queue.length === 0) {
        pending.delete(key)
        return
      }
      const batch = queue.splice(0, MAX_BATCH)
      try {
        await commit(key, batch)
      } catch (error) {
        seen.delete(key)
        for (const item of batch) if (!item.done) item.reject(error)
      }
    }
  }

  /**
   * Runs every callback of `batch` in order, each on the previous one's result, and writes the last result with
   * one swap; on a lost race, again on the value the swap returned. Each caller gets its own callback's result
   * (or its own exception), exactly as if the updates had run one after another.
   */
  async function commit(key: string, batch: PendingUpdate[]): Promise<void> {
    // Unknown key: guess "absent" (a new target), which one swap confirms or corrects.
    let current = seen.get(key) ?? { json: '', token: '' }
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      let json = current.json
      let ttlMs: number | undefined
      for (const item of batch) {
        item.failed = false
        try {
          // fn may mutate its argument: each gets a fresh parse of the JSON before it.
          const value = item.fn(json === '' ? undefined : JSON.parse(json))
          json = encode(value)
          item.result = value
          ttlMs = item.ttlMs
        } catch (error) {
          // This caller's update fails alone; the others run on the value before it.
          item.failed = true
          item.error = error
        }
      }
      if (batch.every((item) => item.failed)) break
      const written = token()
      const r = (await run(
        'update',
        'swap',
        [key],
        [now(), current.token, json, expiry(ttlMs), gc(ttlMs), written],
      )) as [number, string?, string?]
      if (r[0] === 1) {
        if (json === '') seen.delete(key)
        else seen.set(key, { json, token: written })
        break
      }
      current = { json: r[1] ?? '', token: r[2] ?? '' }
      if (attempt === MAX_ATTEMPTS - 1) {
        throw new ModerationError(
          'STORE_UNAVAILABLE',
          `update of ${key} lost ${MAX_ATTEMPTS} races in a row.`,
        )
      }
    }
    for (const item of batch) {
      item.done = true
      if (item.failed) item.reject(item.error)
      else item.resolve(item.result)
    }
  }

  const store: RedisStore = {
    redis,
    breakerState: () => breaker.state(),
    async close() {
      if (owned) await redis.quit().catch(() => redis.disconnect())
    },
    async get<T>(key: string): Promise<T | undefined> {
      const raw = (await run('get', 'get', [key], [now()])) as string | null
      return raw === null ? undefined : (JSON.parse(raw) as T)
    },
    async set(key, value, ttlMs) {
      seen.delete(key)
      await run('set', 'set', [key], [encode(value), expiry(ttlMs), gc(ttlMs), token()])
    },
    async delete(key) {
      seen.delete(key)
      return (await run('delete', 'del', [key], [now()])) === 1
    },
    async compareAndSet(key, expected, next, ttlMs) {
      const r = await run(
        'compareAndSet',
        'cas',
        [key],
        [now(), encode(expected), encode(next), expiry(ttlMs), gc(ttlMs), token()],
      )
      seen.delete(key)
      return r === 1
    },
    update<T>(
      key: string,
      fn: (current: T | undefined) => T | undefined,
      ttlMs?: number,
    ): Promise<T | undefined> {
      return new Promise<T | undefined>((resolve, reject) => {
        enqueue(key, {
          fn: fn as (current: unknown) => unknown,
          ttlMs,
          resolve: resolve as (value: unknown) => void,
          reject,
          result: undefined,
          error: undefined,
          failed: false,
          done: false,
        })
      })
    },
    async increment(key, by, windowMs): Promise<CounterState> {
      const t = now()
      const [count, resetAt] = (await run(
        'increment',
        'incr',
        [key],
        [t, by, t + windowMs, windowMs + GC_SLACK_MS],
      )) as [string, string]
      return { count: Number(count), resetAt: Number(resetAt) }
    },
    async addToSet(key, member, ttlMs) {
      const t = now()
      return (await run(
        'addToSet',
        'sadd',
        [key],
        [t, member, t + ttlMs, ttlMs + GC_SLACK_MS, maxSetMembers],
      )) as number
    },
    async setSize(key) {
      return (await run('setSize', 'scard', [key], [now()])) as number
    },
  }
  return store
}

/** Options of {@link createRedisLedgerStorage}. */
export interface RedisLedgerStorageOptions {
  redis: Redis | RedisStore
  /** Key prefix; the ledger uses `<prefix>ledger` (a list) and `<prefix>ledger:head`. Default `cs:`. */
  prefix?: string
}

/**
 * Evidence ledger storage on Redis: a list plus a head key, appended by compare-and-append in one script so
 * many instances write one chain. Durability is Redis's: run it with `appendonly yes` and
 * `appendfsync always` for evidence.
 *
 * @param options - client and prefix
 * @returns the storage
 */
export function createRedisLedgerStorage(options: RedisLedgerStorageOptions): LedgerStorage {
  const redis = 'breakerState' in options.redis ? options.redis.redis : options.redis
  const prefix = options.prefix ?? 'cs:'
  const list = `${prefix}ledger`
  const headKey = `${prefix}ledger:head`
  const wrap = async <T>(op: string, fn: () => Promise<T>): Promise<T> => {
    try {
      return await fn()
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error)
      throw new ModerationError('STORE_UNAVAILABLE', `Redis ledger: ${op} failed: ${message}`, {
        cause: error,
      })
    }
  }
  const head = (): Promise<LedgerHead | undefined> =>
    wrap('head', async () => {
      const raw = await redis.get(headKey)
      return raw ? (JSON.parse(raw) as LedgerHead) : undefined
    })
  return {
    head,
    anchor: head,
    append: (entry: LedgerEntry, expected: LedgerHead | undefined) =>
      wrap('append', async () => {
        const r = await evalScript(
          redis,
          'ledgerAppend',
          [list, headKey],
          [
            expected ? JSON.stringify(expected) : '',
            JSON.stringify(entry),
            JSON.stringify({ seq: entry.seq, hash: entry.hash }),
          ],
        )
        return r === 1
      }),
    read: () =>
      wrap('read', async () =>
        (await redis.lrange(list, 0, -1)).map((line) => {
          try {
            return JSON.parse(line) as LedgerEntry
          } catch {
            return line
          }
        }),
      ),
  }
}
